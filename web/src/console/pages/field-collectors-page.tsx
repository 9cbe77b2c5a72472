import { Alert, Button, Card, DatePicker, Input, Space, Table, Tag, Tooltip } from 'antd';
import { useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { CollectorEditor } from '../../modules/field-ops/collector-editor';
import { type CollectorRow, fieldManagers, useCollectors } from '../../modules/field-ops/field-api';
import type { CurrentUser } from '../../modules/session/session-api';
import { errorText } from '../../platform/http';
import { cityToday, dayjs, formatTime } from '../../platform/time';

/** 监督员管理: who patrols for which contractor and package, where, with which device and when. */
export default function FieldCollectorsPage({ user }: { user: CurrentUser }) {
  const navigate = useNavigate();
  const [day, setDay] = useState(cityToday());
  const [q, setQ] = useState<string | undefined>();
  const [paging, setPaging] = useState({ page: 1, pageSize: 20 });
  const [editing, setEditing] = useState<CollectorRow | null>(null);
  const collectors = useCollectors({ ...paging, q, day });
  const canEdit = fieldManagers.includes(user.role);
  return (
    <div className="page">
      <Card
        title="监督员管理"
        extra={
          <Space wrap>
            <Input.Search
              allowClear
              placeholder="姓名、账号、公司或设备"
              style={{ width: 210 }}
              onSearch={(v) => {
                setQ(v.trim() || undefined);
                setPaging((p) => ({ ...p, page: 1 }));
              }}
            />
            <Tooltip title="显示该日的班次">
              <DatePicker
                allowClear={false}
                value={dayjs(day)}
                onChange={(d) => d && setDay(d.format('YYYY-MM-DD'))}
              />
            </Tooltip>
          </Space>
        }
      >
        {collectors.error ? <Alert type="error" showIcon title={errorText(collectors.error)} /> : null}
        <Table<CollectorRow>
          data-testid="collectors-table"
          rowKey="userId"
          size="small"
          scroll={{ x: 1000 }}
          loading={collectors.isPending}
          dataSource={collectors.data?.items ?? []}
          locale={{ emptyText: '暂无监督员' }}
          pagination={{
            current: paging.page,
            pageSize: paging.pageSize,
            total: collectors.data?.total ?? 0,
            showTotal: (t) => `共 ${t} 名监督员`,
            onChange: (page, pageSize) => setPaging({ page, pageSize }),
          }}
          columns={[
            {
              title: '监督员',
              key: 'who',
              width: 130,
              render: (_, c) => (
                <>
                  {c.displayName}
                  <div className="hint">{c.login}</div>
                  {c.active ? null : <Tag>停用</Tag>}
                </>
              ),
            },
            { title: '外包公司', dataIndex: 'company', render: (v: string) => v || '—' },
            { title: '合同包', dataIndex: 'contractPackage', width: 110, render: (v: string) => v || '—' },
            {
              title: '责任网格',
              dataIndex: 'gridCodes',
              width: 190,
              render: (codes: string[]) =>
                codes.length === 0 ? (
                  '未分配'
                ) : (
                  <Tooltip title={codes.join('、')}>
                    <span>
                      {codes[0]}
                      {codes.length > 1 ? ` 等 ${codes.length} 个` : ''}
                    </span>
                  </Tooltip>
                ),
            },
            { title: '设备', dataIndex: 'deviceId', width: 110, render: (v: string | null) => v ?? '未分配' },
            {
              title: '巡查路线',
              dataIndex: 'hasRoute',
              width: 90,
              render: (has: boolean) => (has ? <Tag color="success">已设</Tag> : <Tag>未设</Tag>),
            },
            {
              title: `班次（${dayjs(day).format('M月D日')}）`,
              dataIndex: 'shifts',
              width: 150,
              render: (shifts: CollectorRow['shifts']) =>
                shifts.length
                  ? shifts.map((s) => (
                      <div key={s.id}>
                        {formatTime(s.startsAt, 'HH:mm')}–{formatTime(s.endsAt, 'HH:mm')}
                      </div>
                    ))
                  : '未排班',
            },
            {
              title: '操作',
              key: 'op',
              width: 130,
              fixed: 'right',
              render: (_, c) => (
                <Space size={4}>
                  <Button
                    size="small"
                    type="link"
                    onClick={() => navigate(`/field/track?user=${c.userId}&day=${day}`)}
                  >
                    轨迹
                  </Button>
                  {canEdit ? (
                    <Button size="small" type="link" onClick={() => setEditing(c)}>
                      编辑
                    </Button>
                  ) : null}
                </Space>
              ),
            },
          ]}
        />
      </Card>
      {editing ? <CollectorEditor collector={editing} onClose={() => setEditing(null)} /> : null}
    </div>
  );
}
