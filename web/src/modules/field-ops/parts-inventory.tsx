import { Alert, Card, Col, Input, Row, Select, Space, Table, Tag, Typography } from 'antd';
import { useMemo, useState } from 'react';
import { errorText } from '../../platform/http';
import { formatTime } from '../../platform/time';
import { GeoMap } from '../../ui/geo-map';
import { useCategories, useGrids } from '../reference/reference-api';
import { type BBox, type PartRow, type PartStatus, type PartsFilter, useParts } from './field-api';
import { partStatusColors, partStatusLabels } from './labels';
import { PartDetailDrawer } from './part-detail';

// 部件台账: the inventory by category, status and grid — a server-paged list beside a map of
// the parts in view (the same filters; at most MAP_LIMIT at a time).

const MAP_LIMIT = 200;
const CITY_VIEW: BBox = [101.69, 26.56, 101.8, 26.61];

export function PartsInventory() {
  const [filter, setFilter] = useState<PartsFilter>({});
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [bbox, setBbox] = useState<BBox | null>(null);
  const [open, setOpen] = useState<string | null>(null);
  const categories = useCategories();
  const list = useParts({ ...filter, ...paging });
  const inView = useParts(
    { ...filter, page: 1, pageSize: MAP_LIMIT, bbox: bbox ?? undefined },
    Boolean(bbox),
  );
  const grids = useGrids(bbox);
  const partCategories = (categories.data?.items ?? []).filter((c) => c.kind === 'part');
  const points = useMemo(
    () =>
      (inView.data?.items ?? []).map((p) => ({
        id: p.code,
        lng: p.lng,
        lat: p.lat,
        color: partStatusColors[p.status],
      })),
    [inView.data],
  );
  const change = (patch: Partial<PartsFilter>) => {
    setFilter((f) => ({ ...f, ...patch }));
    setPaging((p) => ({ ...p, page: 1 }));
  };
  return (
    <>
      <Row gutter={[16, 16]}>
        <Col xs={24} xl={14}>
          <Card
            title="部件台账"
            extra={
              <Space wrap>
                <Select
                  allowClear
                  showSearch={{ optionFilterProp: 'label' }}
                  placeholder="部件类别"
                  style={{ width: 170 }}
                  value={filter.categoryCode}
                  onChange={(v) => change({ categoryCode: v })}
                  options={partCategories.map((c) => ({ value: c.code, label: `${c.code} ${c.name}` }))}
                />
                <Select
                  allowClear
                  placeholder="状态"
                  style={{ width: 90 }}
                  value={filter.status}
                  onChange={(v) => change({ status: v })}
                  options={(Object.keys(partStatusLabels) as PartStatus[]).map((s) => ({
                    value: s,
                    label: partStatusLabels[s],
                  }))}
                />
                <Input.Search
                  allowClear
                  placeholder="网格编码"
                  style={{ width: 190 }}
                  maxLength={15}
                  onSearch={(v) => change({ gridCode: v.trim() || undefined })}
                />
              </Space>
            }
          >
            {list.error ? <Alert type="error" showIcon title={errorText(list.error)} /> : null}
            <Table<PartRow>
              data-testid="parts-table"
              rowKey="id"
              size="small"
              scroll={{ x: 720 }}
              loading={list.isPending}
              dataSource={list.data?.items ?? []}
              locale={{ emptyText: '暂无部件，可在“部件导入”中导入普查成果' }}
              onRow={(row) => ({ onClick: () => setOpen(row.code), style: { cursor: 'pointer' } })}
              pagination={{
                current: paging.page,
                pageSize: paging.pageSize,
                total: list.data?.total ?? 0,
                showTotal: (t) => `共 ${t} 个部件`,
                onChange: (page, pageSize) => setPaging({ page, pageSize }),
              }}
              columns={[
                { title: '部件标识码', dataIndex: 'code', width: 160 },
                {
                  title: '类别',
                  key: 'category',
                  render: (_, p) => `${p.categoryName}`,
                },
                { title: '名称', dataIndex: 'name', render: (n: string | null) => n ?? '—' },
                {
                  title: '状态',
                  dataIndex: 'status',
                  width: 70,
                  render: (s: PartStatus) => <Tag color={partStatusColors[s]}>{partStatusLabels[s]}</Tag>,
                },
                { title: '网格', dataIndex: 'gridCode', width: 150, render: (g: string | null) => g ?? '—' },
                { title: '更新', dataIndex: 'updatedAt', width: 140, render: (v: string) => formatTime(v) },
              ]}
            />
          </Card>
        </Col>
        <Col xs={24} xl={10}>
          <Card title="部件分布">
            <GeoMap
              label="部件分布地图"
              areas={grids.data}
              points={points}
              extent={CITY_VIEW}
              onViewChange={(b, zoom) => setBbox(zoom >= 12 ? b : null)}
              onPointClick={setOpen}
              style={{ height: 420 }}
            />
            <Typography.Text type="secondary" data-testid="parts-map-count">
              {!bbox
                ? '放大地图后显示视野内的部件'
                : inView.data
                  ? inView.data.total > MAP_LIMIT
                    ? `视野内 ${inView.data.total} 个部件，显示前 ${MAP_LIMIT} 个，请放大查看`
                    : `视野内 ${inView.data.total} 个部件`
                  : '加载中…'}
            </Typography.Text>
            {inView.error ? <Alert type="error" showIcon title={errorText(inView.error)} /> : null}
          </Card>
        </Col>
      </Row>
      {open ? <PartDetailDrawer code={open} onClose={() => setOpen(null)} /> : null}
    </>
  );
}
