import { roleLabels } from '@cityloop/contracts/roles';
import { Button, Dropdown, Layout, Menu, Result, Spin } from 'antd';
import { lazy, Suspense, useMemo } from 'react';
import { BrowserRouter, Navigate, Route, Routes, useLocation, useNavigate } from 'react-router-dom';
import { bulletinReaderRoles } from '../modules/bulletins/bulletins-api';
import { campaignReaderRoles } from '../modules/campaigns/campaigns-api';
import { useQueueCounts } from '../modules/cases/case-hooks';
import { fieldReaderRoles } from '../modules/field-ops/field-api';
import type { CurrentUser } from '../modules/session/session-api';
import { useSession } from '../modules/session/use-session';
import { vendorReaderRoles } from '../modules/vendors/vendors-api';
import { navSections, queueDefs, roleQueues } from './navigation';
import { LoginPage } from './pages/login-page';

const HomePage = lazy(() => import('./pages/home-page'));
const QueuePage = lazy(() => import('./pages/queue-page'));
const CasePage = lazy(() => import('./pages/case-page'));
const DashboardPage = lazy(() => import('./pages/dashboard-page'));
const BigScreenPage = lazy(() => import('./pages/big-screen-page'));
const StatisticsPage = lazy(() => import('./pages/statistics-page'));
const CampaignsPage = lazy(() => import('./pages/campaigns-page'));
const BulletinEditorPage = lazy(() => import('./pages/bulletin-editor-page'));
const VendorAssessmentPage = lazy(() => import('./pages/vendor-assessment-page'));
const AdminUsersPage = lazy(() => import('./pages/admin-users-page'));
const AdminUnitsPage = lazy(() => import('./pages/admin-units-page'));
const AdminCategoriesPage = lazy(() => import('./pages/admin-categories-page'));
const AdminCalendarPage = lazy(() => import('./pages/admin-calendar-page'));
const AdminGridsPage = lazy(() => import('./pages/admin-grids-page'));
const IntegrationKeysPage = lazy(() => import('./pages/integration-keys-page'));
const IntegrationWebhooksPage = lazy(() => import('./pages/integration-webhooks-page'));
const IntegrationDeliveriesPage = lazy(() => import('./pages/integration-deliveries-page'));
const IntegrationDeadLettersPage = lazy(() => import('./pages/integration-dead-letters-page'));
const IntegrationExchangePage = lazy(() => import('./pages/integration-exchange-page'));
const FieldCollectorsPage = lazy(() => import('./pages/field-collectors-page'));
const FieldCollectorDayPage = lazy(() => import('./pages/field-collector-day-page'));
const FieldPartsPage = lazy(() => import('./pages/field-parts-page'));
const FieldIntakesPage = lazy(() => import('./pages/field-intakes-page'));
const HotlineHomePage = lazy(() => import('./pages/hotline-home-page'));
const HotlineNewCallPage = lazy(() => import('./pages/hotline-new-call-page'));
const HotlineOrdersPage = lazy(() => import('./pages/hotline-orders-page'));
const HotlineCallbacksPage = lazy(() => import('./pages/hotline-callbacks-page'));

/** The 12345 desk (热线坐席 and the shift lead who supervises them). */
const hotlineDesk: readonly string[] = ['hotline_agent', 'shift_lead'];

export function ConsoleApp() {
  return (
    <BrowserRouter>
      <SessionGate />
    </BrowserRouter>
  );
}

function SessionGate() {
  const { user, loading, signedIn } = useSession();
  if (loading) return <FullPageSpin />;
  if (!user) return <LoginPage onSignedIn={signedIn} />;
  return (
    <Suspense fallback={<FullPageSpin />}>
      <Routes>
        <Route path="/bigscreen" element={<BigScreenPage />} />
        <Route path="*" element={<Shell user={user} />} />
      </Routes>
    </Suspense>
  );
}

function FullPageSpin() {
  return (
    <div className="full-page-center">
      <Spin size="large" description="加载中…" />
    </div>
  );
}

function Shell({ user }: { user: CurrentUser }) {
  const { signOut } = useSession();
  const navigate = useNavigate();
  const location = useLocation();
  const counts = useQueueCounts(30_000, user.role !== 'collector').data;

  const menuItems = useMemo(() => {
    const queues = roleQueues[user.role].map((q) => ({
      key: `/queues/${q}`,
      label: (
        <span className="menu-queue">
          {queueDefs[q].label}
          {q !== 'all' && counts?.[q] ? <span className="menu-count">{counts[q].count}</span> : null}
        </span>
      ),
    }));
    const sections = navSections
      .filter((s) => s.roles.includes(user.role))
      .map((s) => ({
        key: s.key,
        label: s.label,
        type: 'group' as const,
        children: s.items.map((i) => ({ key: i.path, label: i.label })),
      }));
    return [
      { key: '/', label: '工作台' },
      ...(queues.length
        ? [{ key: 'queues', label: '案卷办理', type: 'group' as const, children: queues }]
        : []),
      ...sections,
    ];
  }, [user.role, counts]);

  return (
    <Layout className="console-layout">
      <Layout.Header className="console-header">
        <button type="button" className="console-brand" onClick={() => navigate('/')}>
          城市综合管理指挥平台
        </button>
        <Dropdown
          menu={{
            items: [{ key: 'logout', label: '退出登录' }],
            onClick: async () => {
              await signOut();
              navigate('/');
            },
          }}
        >
          <Button type="text" style={{ color: '#e6f0ff' }} data-testid="current-user">
            {user.displayName} · {roleLabels[user.role]}
          </Button>
        </Dropdown>
      </Layout.Header>
      <Layout>
        <Layout.Sider width={188} breakpoint="lg" collapsedWidth={0} theme="light" className="console-sider">
          <Menu
            mode="inline"
            selectedKeys={[location.pathname]}
            items={menuItems}
            onClick={({ key }) => navigate(key)}
          />
        </Layout.Sider>
        <Layout.Content className="console-content">
          <Suspense fallback={<Spin style={{ margin: 48 }} />}>
            <Routes>
              <Route path="/" element={<HomePage user={user} />} />
              <Route path="/queues/:queue" element={<QueuePage user={user} />} />
              <Route path="/cases/:id" element={<CasePage />} />
              <Route path="/dashboard" element={<DashboardPage />} />
              <Route path="/statistics" element={<StatisticsPage />} />
              {hotlineDesk.includes(user.role) || user.role === 'unit_staff' ? (
                <>
                  <Route path="/hotline" element={<HotlineHomePage user={user} />} />
                  <Route path="/hotline/orders" element={<HotlineOrdersPage user={user} />} />
                </>
              ) : null}
              {hotlineDesk.includes(user.role) ? (
                <>
                  <Route path="/hotline/new" element={<HotlineNewCallPage />} />
                  <Route path="/hotline/callbacks" element={<HotlineCallbacksPage user={user} />} />
                </>
              ) : null}
              {campaignReaderRoles.includes(user.role) ? (
                <Route path="/campaigns" element={<CampaignsPage user={user} />} />
              ) : null}
              {bulletinReaderRoles.includes(user.role) ? (
                <Route path="/bulletins/editor" element={<BulletinEditorPage user={user} />} />
              ) : null}
              {vendorReaderRoles.includes(user.role) ? (
                <Route path="/vendors/assessment" element={<VendorAssessmentPage user={user} />} />
              ) : null}
              {fieldReaderRoles.includes(user.role) ? (
                <>
                  <Route path="/field/collectors" element={<FieldCollectorsPage user={user} />} />
                  <Route path="/field/track" element={<FieldCollectorDayPage />} />
                  <Route path="/field/parts" element={<FieldPartsPage user={user} />} />
                  <Route path="/field/intakes" element={<FieldIntakesPage />} />
                </>
              ) : null}
              {user.role === 'admin' ? (
                <>
                  <Route path="/admin/users" element={<AdminUsersPage />} />
                  <Route path="/admin/units" element={<AdminUnitsPage />} />
                  <Route path="/admin/categories" element={<AdminCategoriesPage />} />
                  <Route path="/admin/calendar" element={<AdminCalendarPage />} />
                  <Route path="/admin/grids" element={<AdminGridsPage />} />
                  <Route path="/integration/keys" element={<IntegrationKeysPage />} />
                  <Route path="/integration/webhooks" element={<IntegrationWebhooksPage />} />
                  <Route path="/integration/deliveries" element={<IntegrationDeliveriesPage />} />
                  <Route path="/integration/dead-letters" element={<IntegrationDeadLettersPage />} />
                  <Route path="/integration/exchange" element={<IntegrationExchangePage />} />
                </>
              ) : null}
              <Route path="/login" element={<Navigate to="/" replace />} />
              <Route
                path="*"
                element={
                  <Result
                    status="404"
                    title="页面不存在"
                    extra={<Button onClick={() => navigate('/')}>返回工作台</Button>}
                  />
                }
              />
            </Routes>
          </Suspense>
        </Layout.Content>
      </Layout>
    </Layout>
  );
}
