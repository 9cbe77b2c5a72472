import { Badge, Card, Segmented, Typography } from 'antd';
import { useState } from 'react';
import { DeliveryTable } from '../../modules/integration/delivery-table';
import { type DeliveryStatus, useDeliverySummary } from '../../modules/integration/integration-api';
import { deliveryStatusLabels } from '../../modules/integration/labels';

type Filter = DeliveryStatus | 'all';

/** 投递记录: every webhook delivery with its status, attempts and last error. */
export default function IntegrationDeliveriesPage() {
  const [filter, setFilter] = useState<Filter>('all');
  const summary = useDeliverySummary().data;
  const total = summary ? summary.pending + summary.delivered + summary.dead : undefined;
  const option = (value: Filter, label: string, count: number | undefined) => ({
    value,
    label: (
      <span>
        {label}
        {count !== undefined ? (
          <Badge count={count} showZero color="#8c8c8c" style={{ marginLeft: 6 }} />
        ) : null}
      </span>
    ),
  });
  return (
    <div className="page">
      <Card title="投递记录">
        <div style={{ overflowX: 'auto', marginBottom: 12 }}>
          <Segmented<Filter>
            value={filter}
            onChange={setFilter}
            options={[
              option('all', '全部', total),
              ...(['pending', 'delivered', 'dead'] as const).map((s) =>
                option(s, deliveryStatusLabels[s].text, summary?.[s]),
              ),
            ]}
          />
        </div>
        <Typography.Paragraph type="secondary">
          点击行首展开每次尝试的时间、HTTP 状态和错误。死信可在「死信」页重发。
        </Typography.Paragraph>
        <DeliveryTable key={filter} status={filter === 'all' ? undefined : filter} />
      </Card>
    </div>
  );
}
