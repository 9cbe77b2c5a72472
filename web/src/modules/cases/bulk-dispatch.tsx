import { useQueryClient } from '@tanstack/react-query';
import { Alert, Button, Modal, Select, Table, Tag } from 'antd';
import { useState } from 'react';
import { errorText } from '../../platform/http';
import { useUnits } from '../reference/reference-api';
import { type CaseListItem, casesApi } from './cases-api';

interface RowResult {
  id: string;
  caseNo: string;
  ok: boolean | null;
  message: string;
}

/** 批量派遣: one dispatch call per case, each with its own result (a stale or refused row does not stop the rest). */
export function BulkDispatch({ rows, onFinished }: { rows: CaseListItem[]; onFinished: () => void }) {
  const [open, setOpen] = useState(false);
  const [unitId, setUnitId] = useState<string | undefined>();
  const [results, setResults] = useState<RowResult[] | null>(null);
  const [running, setRunning] = useState(false);
  const units = useUnits();
  const client = useQueryClient();

  const run = async () => {
    setRunning(true);
    const out: RowResult[] = rows.map((r) => ({ id: r.id, caseNo: r.caseNo, ok: null, message: '等待中' }));
    setResults([...out]);
    for (const [i, row] of rows.entries()) {
      try {
        const moved = await casesApi.transition(row.id, { action: 'dispatch', version: row.version, unitId });
        out[i] = {
          id: row.id,
          caseNo: row.caseNo,
          ok: true,
          message: 'unitName' in moved && moved.unitName ? `已派遣至 ${moved.unitName}` : '已派遣',
        };
      } catch (err) {
        out[i] = { id: row.id, caseNo: row.caseNo, ok: false, message: errorText(err) };
      }
      setResults([...out]);
    }
    setRunning(false);
    await client.invalidateQueries({ queryKey: ['cases'] });
  };

  const close = () => {
    setOpen(false);
    setResults(null);
    onFinished();
  };

  return (
    <>
      <Button type="primary" disabled={rows.length === 0} onClick={() => setOpen(true)}>
        批量派遣（{rows.length}）
      </Button>
      <Modal
        open={open}
        title={`批量派遣 ${rows.length} 件`}
        onCancel={running ? undefined : close}
        destroyOnHidden
        width={640}
        footer={
          results && !running
            ? [
                <Button key="close" type="primary" onClick={close}>
                  完成
                </Button>,
              ]
            : [
                <Button key="cancel" onClick={close} disabled={running}>
                  取消
                </Button>,
                <Button key="go" type="primary" loading={running} onClick={run}>
                  开始派遣
                </Button>,
              ]
        }
      >
        {!results ? (
          <>
            <Alert
              type="info"
              showIcon
              style={{ marginBottom: 12 }}
              title="不选单位时，每件按其类别的默认处置单位派遣（无默认单位的派给案发区县政府）"
            />
            <Select
              allowClear
              showSearch={{ optionFilterProp: 'label' }}
              style={{ width: '100%' }}
              placeholder="统一派遣至（可选）"
              value={unitId}
              onChange={setUnitId}
              options={(units.data?.items ?? [])
                .filter((u) => u.active)
                .map((u) => ({ value: u.id, label: u.name }))}
            />
          </>
        ) : (
          <Table<RowResult>
            rowKey="id"
            size="small"
            pagination={false}
            dataSource={results}
            columns={[
              { title: '案卷号', dataIndex: 'caseNo', width: 160 },
              {
                title: '结果',
                dataIndex: 'ok',
                width: 80,
                render: (ok: boolean | null) =>
                  ok === null ? (
                    <Tag>等待</Tag>
                  ) : ok ? (
                    <Tag color="success">成功</Tag>
                  ) : (
                    <Tag color="error">失败</Tag>
                  ),
              },
              { title: '说明', dataIndex: 'message' },
            ]}
          />
        )}
      </Modal>
    </>
  );
}
