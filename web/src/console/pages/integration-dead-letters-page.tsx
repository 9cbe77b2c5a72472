import { Card, Typography } from 'antd';
import { DeliveryTable } from '../../modules/integration/delivery-table';

/** 死信: deliveries that failed every attempt (or whose target was refused); replay sends again. */
export default function IntegrationDeadLettersPage() {
  return (
    <div className="page">
      <Card title="死信">
        <Typography.Paragraph type="secondary">
          多次重试仍未送达、订阅已停用或目标地址被安全策略拒绝的事件。排除故障后可重发，重发会重新开始计数。
        </Typography.Paragraph>
        <DeliveryTable status="dead" replay />
      </Card>
    </div>
  );
}
