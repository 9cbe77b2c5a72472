import { UploadOutlined } from '@ant-design/icons';
import { useMutation, useQuery, useQueryClient } from '@tanstack/react-query';
import { Alert, App, Button, Card, Col, Row, Select, Table, Upload } from 'antd';
import { useState } from 'react';
import { adminApi, type GridImportResult, type GridRow } from '../../modules/admin/admin-api';
import { useDistricts, useGrids } from '../../modules/reference/reference-api';
import { errorText } from '../../platform/http';
import { GeoMap } from '../../ui/geo-map';

export default function AdminGridsPage() {
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [districtId, setDistrictId] = useState<string | undefined>();
  const [bbox, setBbox] = useState<[number, number, number, number] | null>(null);
  const districts = useDistricts();
  const grids = useQuery({
    queryKey: ['admin', 'grids', paging, districtId],
    queryFn: () => adminApi.grids({ ...paging, districtId }),
    placeholderData: (p) => p,
  });
  const shapes = useGrids(bbox);
  const district = districts.data?.items.find((d) => d.id === districtId);
  return (
    <div className="page">
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={12}>
          <Card
            title="单元网格"
            extra={
              <Select
                allowClear
                placeholder="区县"
                style={{ width: 130 }}
                value={districtId}
                onChange={(v) => {
                  setDistrictId(v);
                  setPaging((p) => ({ ...p, page: 1 }));
                }}
                options={(districts.data?.items ?? []).map((d) => ({ value: d.id, label: d.name }))}
              />
            }
          >
            {grids.error ? <Alert type="error" showIcon title={errorText(grids.error)} /> : null}
            <Table<GridRow>
              rowKey="id"
              size="small"
              loading={grids.isPending}
              dataSource={grids.data?.items ?? []}
              locale={{ emptyText: '暂无网格' }}
              pagination={{
                current: paging.page,
                pageSize: paging.pageSize,
                total: grids.data?.total ?? 0,
                showTotal: (t) => `共 ${t} 个网格`,
                onChange: (page, pageSize) => setPaging({ page, pageSize }),
              }}
              columns={[
                { title: '网格编码', dataIndex: 'code', width: 160 },
                { title: '名称', dataIndex: 'name', render: (n: string | null) => n ?? '—' },
                { title: '类别', dataIndex: 'areaClass', width: 60 },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={12}>
          <Card title="网格地图">
            <GeoMap
              key={districtId ?? 'city'}
              label="单元网格地图"
              areas={shapes.data}
              extent={district?.bbox ?? [101.69, 26.56, 101.8, 26.61]}
              onViewChange={(b, zoom) => setBbox(zoom >= 12 ? b : null)}
              style={{ height: 360 }}
            />
          </Card>
          <GridImport />
        </Col>
      </Row>
    </div>
  );
}

function GridImport() {
  const { message } = App.useApp();
  const client = useQueryClient();
  const [result, setResult] = useState<GridImportResult | null>(null);
  const [error, setError] = useState<string | null>(null);
  const run = useMutation({
    mutationFn: async (file: File) => {
      let body: unknown;
      try {
        body = JSON.parse(await file.text());
      } catch {
        throw new Error('文件不是合法的 GeoJSON（JSON 解析失败）');
      }
      return adminApi.importGrids(body);
    },
    onSuccess: async (r) => {
      setResult(r);
      setError(null);
      message.success(`导入完成：新增 ${r.created}，更新 ${r.updated}，拒绝 ${r.rejected.length}`);
      await client.invalidateQueries({ queryKey: ['admin', 'grids'] });
      await client.invalidateQueries({ queryKey: ['grids'] });
    },
    onError: (err) => {
      setResult(null);
      setError(errorText(err));
    },
  });
  return (
    <Card title="导入网格（GeoJSON）" style={{ marginTop: 16 }}>
      <Upload
        accept=".geojson,.json,application/geo+json,application/json"
        showUploadList={false}
        beforeUpload={(file) => {
          run.mutate(file);
          return false;
        }}
      >
        <Button icon={<UploadOutlined />} loading={run.isPending}>
          选择 GeoJSON 文件
        </Button>
      </Upload>
      <p className="hint">
        FeatureCollection；每个要素 properties.code 为 15 位网格编码（前 12
        位为已有社区）。错误的要素逐条拒绝并说明原因，其余按编码新增或更新。
      </p>
      {error ? <Alert type="error" showIcon title={error} role="alert" /> : null}
      {result ? (
        <>
          <Alert
            type={result.rejected.length ? 'warning' : 'success'}
            showIcon
            title={`导入 ${result.imported} 个：新增 ${result.created}，更新 ${result.updated}，拒绝 ${result.rejected.length}`}
          />
          {result.rejected.length ? (
            <Table
              rowKey="index"
              size="small"
              style={{ marginTop: 8 }}
              pagination={{ pageSize: 10 }}
              dataSource={result.rejected}
              columns={[
                { title: '序号', dataIndex: 'index', width: 70, render: (i: number) => i + 1 },
                { title: '编码', dataIndex: 'code', width: 170, render: (c?: string) => c ?? '—' },
                { title: '原因', key: 'reason', render: (_, r) => r.reason.zh },
              ]}
            />
          ) : null}
        </>
      ) : null}
    </Card>
  );
}
