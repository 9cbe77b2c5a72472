import { Alert, Button, ConfigProvider, Spin, theme } from 'antd';
import { useEffect, useState } from 'react';
import { useNavigate } from 'react-router-dom';
import { useDashboard } from '../../modules/dashboard/dashboard-data';
import { DashboardView } from '../../modules/dashboard/dashboard-view';
import { errorText } from '../../platform/http';
import { formatTime } from '../../platform/time';

/** 大屏: the dashboard on a dark full-screen canvas with a clock, refreshing by itself. */
export default function BigScreenPage() {
  const navigate = useNavigate();
  const dashboard = useDashboard(30_000);
  const [now, setNow] = useState(() => new Date());
  useEffect(() => {
    const timer = setInterval(() => setNow(new Date()), 1000);
    return () => clearInterval(timer);
  }, []);
  return (
    <ConfigProvider theme={{ algorithm: theme.darkAlgorithm, token: { colorBgContainer: 'transparent' } }}>
      <div className="big-screen">
        <header className="big-screen__header">
          <Button size="small" onClick={() => navigate('/dashboard')}>
            退出大屏
          </Button>
          <h1>城市综合管理指挥中心 · 运行监测</h1>
          <span className="big-screen__clock">{formatTime(now, 'YYYY年MM月DD日 HH:mm:ss')}</span>
        </header>
        {dashboard.error ? <Alert type="error" showIcon title={errorText(dashboard.error)} /> : null}
        {dashboard.data ? (
          <DashboardView data={dashboard.data} dark />
        ) : (
          <div className="full-page-center">
            <Spin size="large" />
          </div>
        )}
      </div>
    </ConfigProvider>
  );
}
