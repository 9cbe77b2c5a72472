import { PhoneOutlined } from '@ant-design/icons';
import { Alert, Button, Card, Col, Row, Skeleton, Space, Statistic, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import type { OrderFilter } from '../../modules/hotline/hotline-api';
import { useOpenAlerts, useOrderCount, useOrderList } from '../../modules/hotline/hotline-hooks';
import { OrderTable } from '../../modules/hotline/order-table';
import type { CurrentUser } from '../../modules/session/session-api';
import { errorText } from '../../platform/http';
import { cityToday } from '../../platform/time';

interface CountCard {
  key: string;
  label: string;
  filter: OrderFilter;
  /** Where a click goes (the list with the same filter). */
  to: string;
  danger?: boolean;
}

function deskCards(today: string, mine: boolean): CountCard[] {
  return [
    { key: 'today', label: '今日受理', filter: { mine, from: today, to: today }, to: '/hotline/orders' },
    {
      key: 'received',
      label: '待处理',
      filter: { mine, status: 'received' },
      to: '/hotline/orders?status=received',
    },
    {
      key: 'at_unit',
      label: '承办中',
      filter: { mine, queue: 'at_unit' },
      to: '/hotline/orders?queue=at_unit',
    },
    {
      key: 'overdue',
      label: '超期',
      filter: { mine, queue: 'overdue' },
      to: '/hotline/orders?queue=overdue',
      danger: true,
    },
    { key: 'to_callback', label: '待回访', filter: { mine, queue: 'to_callback' }, to: '/hotline/callbacks' },
  ];
}

const unitCards: CountCard[] = [
  {
    key: 'transferred',
    label: '待签收',
    filter: { status: 'transferred' },
    to: '/hotline/orders?status=transferred',
  },
  { key: 'signed', label: '办理中', filter: { status: 'signed' }, to: '/hotline/orders?status=signed' },
  {
    key: 'overdue',
    label: '超期',
    filter: { queue: 'overdue' },
    to: '/hotline/orders?queue=overdue',
    danger: true,
  },
  {
    key: 'replied',
    label: '已办结待回访',
    filter: { status: 'replied' },
    to: '/hotline/orders?status=replied',
  },
];

/** 12345热线 home: the agent's (or the unit's) counts, the open emergency alerts, and the latest orders. */
export default function HotlineHomePage({ user }: { user: CurrentUser }) {
  const navigate = useNavigate();
  const isUnit = user.role === 'unit_staff';
  // An agent counts the orders they received (首接); a shift lead the whole desk's.
  const mine = user.role === 'hotline_agent';
  const cards = isUnit ? unitCards : deskCards(cityToday(), mine);
  const alerts = useOpenAlerts(!isUnit);
  const recent = useOrderList(
    isUnit ? { queue: 'at_unit', pageSize: 10 } : { mine, queue: 'open', pageSize: 10 },
  );
  const openAlerts = alerts.data?.items.length ?? 0;

  return (
    <div className="page">
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }} wrap>
        <Typography.Title level={4} className="page-title" style={{ margin: 0 }}>
          {isUnit ? '12345热线 · 本单位工单' : '12345热线 · 坐席工作台'}
        </Typography.Title>
        {isUnit ? null : (
          <Button
            type="primary"
            size="large"
            icon={<PhoneOutlined />}
            onClick={() => navigate('/hotline/new')}
            data-testid="new-call"
          >
            新来电
          </Button>
        )}
      </Space>
      {openAlerts > 0 ? (
        <Alert
          type="error"
          showIcon
          style={{ marginBottom: 12 }}
          title={`有 ${openAlerts} 起突发事件报警待值班长确认`}
          description={alerts.data?.items
            .slice(0, 3)
            .map((a) => a.summary)
            .join('；')}
        />
      ) : null}
      <Row gutter={[16, 16]} className="queue-cards">
        {cards.map((card) => (
          <Col key={card.key} xs={12} md={8} xl={isUnit ? 6 : 4}>
            <CountTile card={card} onOpen={() => navigate(card.to)} />
          </Col>
        ))}
      </Row>
      <Card
        size="small"
        title={isUnit ? '承办中的工单' : mine ? '我受理的未办结工单' : '未办结的工单'}
        extra={
          <Button type="link" onClick={() => navigate('/hotline/orders')}>
            全部（{recent.data?.total ?? 0} 件）
          </Button>
        }
      >
        {recent.error ? <Alert type="error" showIcon title={errorText(recent.error)} /> : null}
        <OrderTable
          data={recent.data}
          loading={recent.isPending}
          onOpen={(item) => navigate(`/hotline/orders?order=${item.id}`)}
          emptyText={isUnit ? '暂无承办中的工单' : '暂无未办结的工单'}
        />
      </Card>
    </div>
  );
}

function CountTile({ card, onOpen }: { card: CountCard; onOpen: () => void }) {
  const count = useOrderCount(card.filter);
  return (
    <Card hoverable size="small" onClick={onOpen} data-testid={`hotline-count-${card.key}`}>
      {count.isPending ? (
        <Skeleton active paragraph={false} />
      ) : count.error ? (
        <Typography.Text type="danger">{errorText(count.error)}</Typography.Text>
      ) : (
        <Statistic
          title={card.label}
          value={count.data ?? 0}
          suffix="件"
          styles={{ content: { color: card.danger && (count.data ?? 0) > 0 ? '#cf1322' : undefined } }}
        />
      )}
    </Card>
  );
}
