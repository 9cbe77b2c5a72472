import { Card, Typography } from 'antd';
import { LoginForm } from '../../modules/session/login-form';
import type { CurrentUser } from '../../modules/session/session-api';

export function LoginPage({ onSignedIn }: { onSignedIn: (user: CurrentUser) => void }) {
  return (
    <div className="login-page">
      <Card className="login-card">
        <Typography.Title level={3} style={{ textAlign: 'center', marginBottom: 4 }}>
          城市综合管理指挥平台
        </Typography.Title>
        <Typography.Paragraph type="secondary" style={{ textAlign: 'center' }}>
          数字城管 · 12345 热线 · 案卷闭环
        </Typography.Paragraph>
        <LoginForm onSignedIn={onSignedIn} />
        <Typography.Paragraph type="secondary" style={{ marginTop: 16, fontSize: 12, textAlign: 'center' }}>
          监督员请使用移动端 <a href="/m">城管通</a>
        </Typography.Paragraph>
      </Card>
    </div>
  );
}
