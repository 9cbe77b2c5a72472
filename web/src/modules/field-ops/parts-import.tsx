import { UploadOutlined } from '@ant-design/icons';
import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Card, Progress, Space, Table, Typography, Upload } from 'antd';
import { useState } from 'react';
import { errorText } from '../../platform/http';
import type { PartsImportReport } from './field-api';
import { rejectFieldLabels } from './labels';
import { postJsonWithProgress } from './upload-progress';

// 部件普查导入: one request carries the whole file, so the bar follows the upload and then
// shows the server at work; the answer lists every rejected row with its reason.

/** The server takes 20 MB per request; JSON quoting adds a little to the file. */
const MAX_FILE_BYTES = 18 * 1024 * 1024;

const FORMAT_HINT =
  'CSV 第 1 行为表头，列名可用：部件标识码、部件名称、状态（完好/破损/丢失/废弃/移除）、经度、纬度、地址、' +
  '权属单位、主管单位、养护单位（WGS-84 坐标）。GeoJSON 为点要素的 FeatureCollection，属性名同上。' +
  '部件标识码为 16 位，第 7–10 位为部件类别；同一标识码再次导入时更新原记录。';

type Stage =
  | { step: 'idle' }
  | { step: 'uploading'; percent: number; file: string }
  | { step: 'processing'; file: string }
  | { step: 'done'; file: string; format: 'csv' | 'geojson'; report: PartsImportReport }
  | { step: 'failed'; file: string; message: string };

function formatOf(name: string): 'csv' | 'geojson' | null {
  const lower = name.toLowerCase();
  if (lower.endsWith('.csv')) return 'csv';
  if (lower.endsWith('.geojson') || lower.endsWith('.json')) return 'geojson';
  return null;
}

export function PartsImport() {
  const client = useQueryClient();
  const [stage, setStage] = useState<Stage>({ step: 'idle' });
  const busy = stage.step === 'uploading' || stage.step === 'processing';

  async function run(file: File) {
    const format = formatOf(file.name);
    if (!format) {
      setStage({ step: 'failed', file: file.name, message: '只支持 .csv、.geojson 或 .json 文件' });
      return;
    }
    if (file.size > MAX_FILE_BYTES) {
      setStage({ step: 'failed', file: file.name, message: '文件超过 18 MB，请按区县拆分后分批导入' });
      return;
    }
    setStage({ step: 'uploading', percent: 0, file: file.name });
    try {
      const content = await file.text();
      const report = await postJsonWithProgress<PartsImportReport>(
        '/api/field/parts/import',
        { format, content },
        {
          onProgress: (sent, total) =>
            setStage({
              step: 'uploading',
              percent: Math.min(99, Math.round((sent / total) * 100)),
              file: file.name,
            }),
          onUploaded: () => setStage({ step: 'processing', file: file.name }),
        },
      );
      setStage({ step: 'done', file: file.name, format, report });
      await client.invalidateQueries({ queryKey: ['field', 'parts'] });
    } catch (err) {
      setStage({ step: 'failed', file: file.name, message: errorText(err) });
    }
  }

  return (
    <Card title="部件普查导入（CSV / GeoJSON）">
      <Upload
        accept=".csv,.geojson,.json,text/csv,application/geo+json,application/json"
        showUploadList={false}
        disabled={busy}
        beforeUpload={(file) => {
          void run(file);
          return false;
        }}
      >
        <Button icon={<UploadOutlined />} loading={busy} data-testid="parts-import-button">
          选择文件并导入
        </Button>
      </Upload>
      <Typography.Paragraph type="secondary" style={{ marginTop: 8 }}>
        {FORMAT_HINT}
      </Typography.Paragraph>
      {stage.step === 'uploading' ? (
        <div data-testid="import-progress">
          <Typography.Text>正在上传 {stage.file}</Typography.Text>
          <Progress percent={stage.percent} status="active" />
        </div>
      ) : null}
      {stage.step === 'processing' ? (
        <div data-testid="import-progress">
          <Typography.Text>已上传 {stage.file}，服务器正在校验并入库…</Typography.Text>
          <Progress percent={100} status="active" showInfo={false} />
        </div>
      ) : null}
      {stage.step === 'failed' ? (
        <Alert type="error" showIcon role="alert" title={`${stage.file}：${stage.message}`} />
      ) : null}
      {stage.step === 'done' ? (
        <ImportReport file={stage.file} format={stage.format} report={stage.report} />
      ) : null}
    </Card>
  );
}

function ImportReport({
  file,
  format,
  report,
}: {
  file: string;
  format: 'csv' | 'geojson';
  report: PartsImportReport;
}) {
  const rejected = report.rejected.length;
  return (
    <Space orientation="vertical" style={{ width: '100%' }} data-testid="import-report">
      <Progress percent={100} status={rejected ? 'normal' : 'success'} />
      <Alert
        type={rejected ? 'warning' : 'success'}
        showIcon
        title={`${file}：共 ${report.total} 条，导入 ${report.imported} 条，拒绝 ${rejected} 条`}
      />
      {rejected ? (
        <Table
          data-testid="rejected-table"
          rowKey={(r) => `${r.row}-${r.reason}`}
          size="small"
          pagination={{ pageSize: 10, hideOnSinglePage: true }}
          dataSource={report.rejected}
          columns={[
            {
              title: format === 'csv' ? '行号' : '要素序号',
              dataIndex: 'row',
              width: 90,
              // CSV rows are counted after the header: the file's line is one more.
              render: (row: number) => (format === 'csv' ? `第 ${row + 1} 行` : `第 ${row} 个`),
            },
            { title: '部件标识码', dataIndex: 'code', width: 170, render: (c: string | null) => c ?? '—' },
            {
              title: '列/字段',
              dataIndex: 'reason',
              width: 170,
              render: (r: keyof typeof rejectFieldLabels) => rejectFieldLabels[r],
            },
            {
              title: '原因',
              key: 'why',
              render: (_, r) => (r.detail ? `${r.zh}：${r.detail}` : r.zh),
            },
          ]}
        />
      ) : null}
    </Space>
  );
}
