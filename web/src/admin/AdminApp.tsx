import { App as AntApp, ConfigProvider, Result, Spin } from 'antd';
import zhCN from 'antd/locale/zh_CN';
import { lazy, Suspense } from 'react';
import { Link, Route, Routes } from 'react-router-dom';
import '../shared/format';
import AdminLayout from './AdminLayout';
import { AuthProvider } from './auth/AuthContext';
import RequireAuth from './auth/RequireAuth';
import { flattenModules } from './modules';
import NotLaunchedPage from './NotLaunchedPage';
import { adminTheme } from './theme';
import './admin.css';

const LoginPage = lazy(() => import('./auth/LoginPage'));
const DashboardPage = lazy(() => import('./DashboardPage'));
const AgenciesPage = lazy(() => import('./agencies/AgenciesPage'));
const UsersPage = lazy(() => import('./users/UsersPage'));
const SecurityPage = lazy(() => import('./security/SecurityPage'));
const CatalogPage = lazy(() => import('./catalog/CatalogPage'));
const CatalogVersionPage = lazy(() => import('./catalog/VersionPage'));
const CalendarPage = lazy(() => import('./calendar/CalendarPage'));
const RosterPage = lazy(() => import('./personnel/RosterPage'));
const ReviewerRatiosPage = lazy(() => import('./personnel/ReviewerRatiosPage'));
const CasesPage = lazy(() => import('./cases/CasesPage'));
const CasePage = lazy(() => import('./cases/CasePage'));
const DuePage = lazy(() => import('./cases/DuePage'));
const ReviewQueuePage = lazy(() => import('./review/ReviewQueuePage'));
const ReviewStatisticsPage = lazy(() => import('./review/ReviewStatisticsPage'));
const ReviewersPage = lazy(() => import('./review/ReviewersPage'));
const ReportsPage = lazy(() => import('./reports/ReportsPage'));
const ReportPage = lazy(() => import('./reports/ReportPage'));
const ReviewWorkbenchPage = lazy(() => import('./review/ReviewWorkbenchPage'));
const DocumentVerifyPage = lazy(() => import('./documents/DocumentVerifyPage'));
const PublicationsPage = lazy(() => import('./disclosure/PublicationsPage'));
const ExchangePage = lazy(() => import('./exchange/ExchangePage'));

function PageLoading() {
  return (
    <div className="admin-center">
      <Spin size="large" description="正在加载…" />
    </div>
  );
}

function AdminNotFound() {
  return <Result status="404" title="页面不存在" subTitle="您访问的页面不存在。" extra={<Link to="/admin">返回工作台</Link>} />;
}

export default function AdminApp() {
  const notLaunched = flattenModules().filter((module) => module.plannedDescription);
  return (
    // autoInsertSpace off: antd would render 登录 as "登 录", which changes the buttons' accessible names.
    <ConfigProvider locale={zhCN} theme={adminTheme} button={{ autoInsertSpace: false }}>
      <AntApp className="admin-root">
        <AuthProvider>
          <Suspense fallback={<PageLoading />}>
            <Routes>
              <Route path="login" element={<LoginPage />} />
              <Route
                element={
                  <RequireAuth>
                    <AdminLayout fallback={<PageLoading />} />
                  </RequireAuth>
                }
              >
                <Route index element={<DashboardPage />} />
                <Route path="agencies" element={<AgenciesPage />} />
                <Route path="users" element={<UsersPage />} />
                <Route path="security" element={<SecurityPage />} />
                <Route path="catalog" element={<CatalogPage />} />
                <Route path="catalog/versions/:id" element={<CatalogVersionPage />} />
                <Route path="calendar" element={<CalendarPage />} />
                <Route path="personnel" element={<RosterPage />} />
                <Route path="personnel/reviewer-ratios" element={<ReviewerRatiosPage />} />
                <Route path="cases" element={<CasesPage />} />
                <Route path="cases/due" element={<DuePage />} />
                <Route path="cases/:id" element={<CasePage />} />
                <Route path="review" element={<ReviewQueuePage />} />
                <Route path="review/statistics" element={<ReviewStatisticsPage />} />
                <Route path="review/reviewers" element={<ReviewersPage />} />
                <Route path="reports" element={<ReportsPage />} />
                <Route path="reports/:id" element={<ReportPage />} />
                <Route path="review/:caseId" element={<ReviewWorkbenchPage />} />
                <Route path="documents/verify" element={<DocumentVerifyPage />} />
                <Route path="disclosure" element={<PublicationsPage />} />
                <Route path="exchange" element={<ExchangePage />} />
                {notLaunched.map((module) => (
                  <Route key={module.path} path={module.path} element={<NotLaunchedPage module={module} />} />
                ))}
                <Route path="*" element={<AdminNotFound />} />
              </Route>
            </Routes>
          </Suspense>
        </AuthProvider>
      </AntApp>
    </ConfigProvider>
  );
}
