import { lazy, Suspense, useCallback, useEffect, useMemo, useState } from 'react';
import { Route, Routes } from 'react-router-dom';
import { describeError } from '../api';
import { portal } from '../shared/endpoints';
import type { Portal } from '../shared/types';
import AgenciesPage from './AgenciesPage';
import AgencyCatalogPage from './catalog/AgencyCatalogPage';
import CatalogListPage from './catalog/CatalogListPage';
import EntryPage from './catalog/EntryPage';
import ExAntePage from './catalog/ExAntePage';
import CatalogVersionPage from './catalog/VersionPage';
import DecisionPage from './disclosure/DecisionPage';
import ExPostPage from './disclosure/ExPostPage';
import PartyPage from './disclosure/PartyPage';
import ReplyPage from './disclosure/ReplyPage';
import DocumentVerifyPage from './documents/DocumentVerifyPage';
import HomePage from './HomePage';
import LedgerPage from './LedgerPage';
import NotFoundPage from './NotFoundPage';
import OpenDataPage from './open-data/OpenDataPage';
import PortalLayout from './PortalLayout';
import OfficersPage from './personnel/OfficersPage';
import VerifyCertificatePage from './personnel/VerifyCertificatePage';
import VerifyPage from './personnel/VerifyPage';
import ProcedurePage from './procedures/ProcedurePage';
import { portalSections } from './sections';
import UnderConstructionPage from './UnderConstructionPage';
import { PortalDataContext, type PortalDataState } from './usePortalData';
import './portal.css';

// The annual reports draw charts with ECharts: loaded only when a report page is opened.
const ReportsPage = lazy(() => import('./reports/ReportsPage'));
const ReportPage = lazy(() => import('./reports/ReportPage'));
const loading = (
  <p className="portal-status" role="status">
    正在加载……
  </p>
);

export default function PortalApp() {
  const [data, setData] = useState<Portal | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [isLoading, setIsLoading] = useState(true);

  const load = useCallback(() => {
    setIsLoading(true);
    setError(null);
    portal
      .get()
      .then(setData)
      .catch((err: unknown) => {
        const { title, detail } = describeError(err);
        setError(detail ? `${title}：${detail}` : title);
      })
      .finally(() => setIsLoading(false));
  }, []);

  useEffect(load, [load]);

  const state = useMemo<PortalDataState>(() => ({ data, error, isLoading, reload: load }), [data, error, isLoading, load]);

  return (
    <PortalDataContext.Provider value={state}>
      <Routes>
        <Route element={<PortalLayout />}>
          <Route index element={<HomePage />} />
          <Route path="agencies" element={<AgenciesPage />} />
          <Route path="agencies/:agencyId/catalog" element={<AgencyCatalogPage />} />
          <Route path="agencies/:agencyId/catalog/:kind" element={<CatalogListPage />} />
          <Route path="ex-ante" element={<ExAntePage />} />
          <Route path="ex-ante/versions/:versionId" element={<CatalogVersionPage />} />
          <Route path="ex-ante/versions/:versionId/entries/:code" element={<EntryPage />} />
          <Route path="ledger" element={<LedgerPage />} />
          <Route path="open-data" element={<OpenDataPage />} />
          <Route
            path="reports"
            element={
              <Suspense fallback={loading}>
                <ReportsPage />
              </Suspense>
            }
          />
          <Route
            path="reports/:id"
            element={
              <Suspense fallback={loading}>
                <ReportPage />
              </Suspense>
            }
          />
          <Route path="officers" element={<OfficersPage />} />
          <Route path="verify" element={<VerifyPage />} />
          <Route path="verify/certificate/:number" element={<VerifyCertificatePage />} />
          <Route path="procedures/:key" element={<ProcedurePage />} />
          <Route path="verify/document/:id" element={<DocumentVerifyPage />} />
          <Route path="ex-post" element={<ExPostPage />} />
          <Route path="ex-post/decisions/:id" element={<DecisionPage />} />
          <Route path="ex-post/parties/:creditCode" element={<PartyPage />} />
          <Route path="ex-post/reply" element={<ReplyPage />} />
          {portalSections
            .filter((section) => section.plannedContent)
            .map((section) => (
              <Route key={section.path} path={section.path.slice(1)} element={<UnderConstructionPage section={section} />} />
            ))}
          <Route path="*" element={<NotFoundPage />} />
        </Route>
      </Routes>
    </PortalDataContext.Provider>
  );
}
