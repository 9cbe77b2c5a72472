import { CameraOutlined, FlagOutlined, ProfileOutlined, UnorderedListOutlined } from '@ant-design/icons';
import { App, Badge, Button, Result, Spin, Typography } from 'antd';
import { useEffect } from 'react';
import { BrowserRouter, NavLink, Route, Routes } from 'react-router-dom';
import { useQueueCounts } from '../modules/cases/case-hooks';
import { onReportSent, startOutbox } from '../modules/field-report/outbox';
import { useOnline, useOutbox } from '../modules/field-report/use-outbox';
import { LoginForm } from '../modules/session/login-form';
import { useSession } from '../modules/session/use-session';
import { CampaignPage } from './campaign-page';
import { FieldCasePage } from './field-case-page';
import { useFieldSession } from './field-session';
import { MyReportsPage } from './my-reports-page';
import { ReportPage } from './report-page';
import { TasksPage } from './tasks-page';

export function FieldApp() {
  return (
    <BrowserRouter basename="/m">
      <FieldGate />
    </BrowserRouter>
  );
}

function FieldGate() {
  const { user, loading, signedIn, error } = useFieldSession();
  if (loading) {
    return (
      <div className="full-page-center">
        <Spin size="large" />
      </div>
    );
  }
  if (!user) {
    return (
      <div className="field-login">
        <Typography.Title level={3} style={{ textAlign: 'center' }}>
          城管通
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
          监督员移动采集
        </Typography.Paragraph>
        {error ? <Typography.Paragraph type="danger">{error.message}</Typography.Paragraph> : null}
        <LoginForm onSignedIn={signedIn} />
      </div>
    );
  }
  if (user.role !== 'collector') {
    return (
      <Result
        status="info"
        title="城管通供监督员使用"
        subTitle={`${user.displayName}，请在电脑上使用指挥平台。`}
        extra={<Button href="/">打开指挥平台</Button>}
      />
    );
  }
  return <FieldShell name={user.displayName} />;
}

function FieldShell({ name }: { name: string }) {
  const { message } = App.useApp();
  const online = useOnline();
  const outbox = useOutbox();
  const counts = useQueueCounts(60_000);
  const { signOut } = useSession();
  const tasks = (counts.data?.to_verify.count ?? 0) + (counts.data?.to_check.count ?? 0);

  useEffect(() => startOutbox(), []);
  useEffect(() => onReportSent((sent) => message.success(`上报成功：案卷号 ${sent.caseNo}`)), [message]);

  return (
    <div className="field-app">
      <header className="field-header">
        <span className="field-header__title">城管通</span>
        <span className="field-header__user">
          {name}
          <Button type="link" size="small" onClick={() => void signOut()} style={{ color: '#fff' }}>
            退出
          </Button>
        </span>
      </header>
      {!online ? (
        <div className="field-offline" role="status" data-testid="offline-banner">
          当前无网络：上报会保存在本机，联网后自动发送
        </div>
      ) : null}
      {outbox.length > 0 ? (
        <NavLink to="/mine" className="field-outbox-banner" data-testid="outbox-banner">
          待发送 {outbox.length} 条{outbox.some((o) => o.failed) ? '（有发送失败）' : ''}
        </NavLink>
      ) : null}
      <main className="field-main">
        <Routes>
          <Route path="/" element={<ReportPage />} />
          <Route path="/tasks" element={<TasksPage />} />
          <Route path="/campaigns" element={<CampaignPage />} />
          <Route path="/mine" element={<MyReportsPage />} />
          <Route path="/cases/:id" element={<FieldCasePage />} />
          <Route path="*" element={<Result status="404" title="页面不存在" />} />
        </Routes>
      </main>
      <nav className="field-tabs">
        <NavLink to="/" end>
          <CameraOutlined />
          <span>上报</span>
        </NavLink>
        <NavLink to="/tasks">
          <Badge count={tasks} size="small" offset={[6, 0]}>
            <UnorderedListOutlined />
          </Badge>
          <span>任务</span>
        </NavLink>
        <NavLink to="/campaigns" data-testid="tab-campaigns">
          <FlagOutlined />
          <span>专项</span>
        </NavLink>
        <NavLink to="/mine">
          <Badge count={outbox.length} size="small" offset={[6, 0]}>
            <ProfileOutlined />
          </Badge>
          <span>我的</span>
        </NavLink>
      </nav>
    </div>
  );
}
