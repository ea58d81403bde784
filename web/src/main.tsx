import { lazy, StrictMode, Suspense } from 'react';
import { createRoot } from 'react-dom/client';
import { BrowserRouter, Route, Routes } from 'react-router-dom';

const PortalApp = lazy(() => import('./portal/PortalApp'));
const AdminApp = lazy(() => import('./admin/AdminApp'));

function Loading() {
  return (
    <p className="boot-loading" role="status">
      正在加载…
    </p>
  );
}

const container = document.getElementById('root');
if (!container) throw new Error('#root is missing from index.html');

createRoot(container).render(
  <StrictMode>
    <BrowserRouter>
      <Suspense fallback={<Loading />}>
        <Routes>
          <Route path="/admin/*" element={<AdminApp />} />
          <Route path="/*" element={<PortalApp />} />
        </Routes>
      </Suspense>
    </BrowserRouter>
  </StrictMode>,
);
