import { Alert, Button, Skeleton, Space, Typography } from 'antd';
import { useNavigate } from 'react-router-dom';
import { useDashboard } from '../../modules/dashboard/dashboard-data';
import { DashboardView } from '../../modules/dashboard/dashboard-view';
import { errorText } from '../../platform/http';

export default function DashboardPage() {
  const navigate = useNavigate();
  const dashboard = useDashboard();
  return (
    <div className="page">
      <Space style={{ width: '100%', justifyContent: 'space-between', marginBottom: 12 }}>
        <Typography.Title level={4} className="page-title" style={{ margin: 0 }}>
          运行态势
        </Typography.Title>
        <Button onClick={() => navigate('/bigscreen')}>全屏大屏</Button>
      </Space>
      {dashboard.error ? <Alert type="error" showIcon title={errorText(dashboard.error)} /> : null}
      {dashboard.data ? (
        <DashboardView data={dashboard.data} />
      ) : (
        <Skeleton active paragraph={{ rows: 10 }} />
      )}
    </div>
  );
}
