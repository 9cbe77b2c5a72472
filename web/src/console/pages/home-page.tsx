import { roleLabels } from '@cityloop/contracts/roles';
import { Alert, Card, Col, Row, Skeleton, Statistic, Typography } from 'antd';
import { Navigate, useNavigate } from 'react-router-dom';
import { useQueueCounts } from '../../modules/cases/case-hooks';
import type { CurrentUser } from '../../modules/session/session-api';
import { errorText } from '../../platform/http';
import { queueDefs, roleQueues } from '../navigation';
import { QueueView } from './queue-page';

/** 工作台: the role's queues with their counts, and its first queue below. */
export default function HomePage({ user }: { user: CurrentUser }) {
  const navigate = useNavigate();
  const counts = useQueueCounts();
  const queues = roleQueues[user.role].filter((q) => q !== 'all');
  if (user.role === 'collector') {
    return (
      <Alert
        type="info"
        showIcon
        title="监督员请使用移动端"
        description={<a href="/m">打开城管通（/m）上报问题、处理核实与核查任务</a>}
      />
    );
  }
  // The 12345 agent works from the hotline's own home.
  if (user.role === 'hotline_agent') return <Navigate to="/hotline" replace />;
  const first = roleQueues[user.role][0];
  return (
    <div className="page">
      <Typography.Title level={4} className="page-title">
        {roleLabels[user.role]}工作台
      </Typography.Title>
      {counts.error ? <Alert type="error" showIcon title={errorText(counts.error)} /> : null}
      <Row gutter={[16, 16]} className="queue-cards">
        {queues.map((q) => (
          <Col key={q} xs={12} md={8} xl={4}>
            <Card
              hoverable
              size="small"
              onClick={() => navigate(`/queues/${q}`)}
              data-testid={`queue-card-${q}`}
            >
              {counts.isPending ? (
                <Skeleton active paragraph={false} />
              ) : (
                <Statistic
                  title={queueDefs[q].label}
                  value={counts.data?.[q]?.count ?? 0}
                  suffix="件"
                  styles={{
                    content: {
                      color: q === 'overdue' && (counts.data?.overdue.count ?? 0) > 0 ? '#cf1322' : undefined,
                    },
                  }}
                />
              )}
              {q !== 'overdue' && (counts.data?.[q]?.overdue ?? 0) > 0 ? (
                <Typography.Text type="danger" style={{ fontSize: 12 }}>
                  其中超期 {counts.data?.[q]?.overdue} 件
                </Typography.Text>
              ) : null}
            </Card>
          </Col>
        ))}
      </Row>
      {first ? <QueueView queue={first} user={user} /> : null}
    </div>
  );
}
