import { Alert, Button, Card, Empty, Skeleton, Table, Tabs, Tag } from 'antd';
import { useState } from 'react';
import { useSearchParams } from 'react-router-dom';
import { CampaignCreateModal } from '../../modules/campaigns/campaign-create-modal';
import { CampaignEntries } from '../../modules/campaigns/campaign-entries';
import {
  type Campaign,
  campaignManagerRoles,
  campaignState,
  campaignStateLabels,
  useCampaign,
  useCampaigns,
} from '../../modules/campaigns/campaigns-api';
import { CivilisedCityReport } from '../../modules/campaigns/civilised-city-report';
import type { CurrentUser } from '../../modules/session/session-api';
import { errorText } from '../../platform/http';

/** 专项行动: campaigns and their entry lists; 文明城市测评: cases of the tagged categories. */
export default function CampaignsPage({ user }: { user: CurrentUser }) {
  const [params, setParams] = useSearchParams();
  const view = params.get('view') === 'civilised' ? 'civilised' : 'campaigns';
  return (
    <div className="page">
      <Tabs
        activeKey={view}
        onChange={(key) => setParams(key === 'civilised' ? { view: key } : {})}
        items={[
          { key: 'campaigns', label: '专项行动', children: <CampaignsView user={user} /> },
          {
            key: 'civilised',
            label: '文明城市测评',
            children: <CivilisedCityReport isAdmin={user.role === 'admin'} />,
          },
        ]}
      />
    </div>
  );
}

function CampaignsView({ user }: { user: CurrentUser }) {
  const [params, setParams] = useSearchParams();
  const [creating, setCreating] = useState(false);
  const campaigns = useCampaigns();
  const items = campaigns.data?.items ?? [];
  const selectedId = params.get('id') ?? items[0]?.id;
  const selected = useCampaign(selectedId);
  const canManage = campaignManagerRoles.includes(user.role);
  const select = (id: string) => setParams({ id });

  return (
    <>
      <Card
        title="专项行动"
        style={{ marginBottom: 16 }}
        extra={
          canManage ? (
            <Button type="primary" onClick={() => setCreating(true)}>
              新建专项行动
            </Button>
          ) : null
        }
      >
        {campaigns.error ? <Alert type="error" showIcon title={errorText(campaigns.error)} /> : null}
        <Table<Campaign>
          rowKey="id"
          size="small"
          loading={campaigns.isPending}
          dataSource={items}
          locale={{ emptyText: '暂无专项行动' }}
          pagination={{ pageSize: 5, hideOnSinglePage: true }}
          rowClassName={(row) => (row.id === selectedId ? 'ant-table-row-selected' : '')}
          onRow={(row) => ({ onClick: () => select(row.id), style: { cursor: 'pointer' } })}
          columns={[
            { title: '名称', dataIndex: 'name' },
            {
              title: '期间',
              key: 'period',
              width: 220,
              render: (_, row) => `${row.startsOn} 至 ${row.endsOn}`,
            },
            {
              title: '状态',
              key: 'state',
              width: 90,
              render: (_, row) => {
                const s = campaignStateLabels[campaignState(row)];
                return <Tag color={s.color}>{s.label}</Tag>;
              },
            },
            { title: '采集数', dataIndex: 'entries', width: 90, align: 'right' },
          ]}
        />
      </Card>
      {!selectedId ? (
        campaigns.isPending ? null : (
          <Empty description="选择或新建一个专项行动" />
        )
      ) : selected.error ? (
        <Alert type="error" showIcon title={errorText(selected.error)} />
      ) : selected.data ? (
        <CampaignEntries key={selected.data.id} campaign={selected.data} canManage={canManage} />
      ) : (
        <Skeleton active />
      )}
      {creating ? (
        <CampaignCreateModal
          onClose={() => setCreating(false)}
          onCreated={(c) => {
            setCreating(false);
            select(c.id);
          }}
        />
      ) : null}
    </>
  );
}
