import { useEffect } from 'react';
import { NavLink, Outlet, useLocation } from 'react-router-dom';
import { portalSections } from './sections';
import { governmentNameOf, usePortalData } from './usePortalData';

/** A stylised sun: the platform's mark ("阳光"), not any official emblem. */
function Emblem() {
  const rays = Array.from({ length: 12 }, (_, i) => i * 30);
  return (
    <svg className="portal-emblem" viewBox="0 0 64 64" aria-hidden="true" focusable="false">
      {rays.map((angle) => (
        <rect key={angle} x="30" y="2" width="4" height="11" rx="2" fill="#ffd666" transform={`rotate(${angle} 32 32)`} />
      ))}
      <circle cx="32" cy="32" r="15" fill="#ffd666" />
      <circle cx="32" cy="32" r="10" fill="#ffec99" />
    </svg>
  );
}

function Footer() {
  const { data } = usePortalData();
  const bureau = data?.justiceBureau ?? null;
  return (
    <footer className="portal-footer">
      <div className="portal-container">
        <h2 className="portal-footer-title">监督单位</h2>
        {bureau ? (
          <dl className="portal-footer-contacts">
            <div>
              <dt>单位名称</dt>
              <dd>{bureau.name}</dd>
            </div>
            {bureau.address ? (
              <div>
                <dt>地址</dt>
                <dd>{bureau.address}</dd>
              </div>
            ) : null}
            {bureau.phone ? (
              <div>
                <dt>办公电话</dt>
                <dd>{bureau.phone}</dd>
              </div>
            ) : null}
            {bureau.supervisionPhone ? (
              <div>
                <dt>监督电话</dt>
                <dd>{bureau.supervisionPhone}</dd>
              </div>
            ) : null}
            {bureau.complaintChannel ? (
              <div>
                <dt>投诉举报渠道</dt>
                <dd>{bureau.complaintChannel}</dd>
              </div>
            ) : null}
            {bureau.officeHours ? (
              <div>
                <dt>办公时间</dt>
                <dd>{bureau.officeHours}</dd>
              </div>
            ) : null}
          </dl>
        ) : (
          <p>本级人民政府司法行政机关负责对本平台所列执法主体的行政执法工作进行监督。</p>
        )}
        <p className="portal-footer-note">
          主办：{governmentNameOf(data) || '本级人民政府'}
          {bureau ? `　承办：${bureau.name}` : ''}
        </p>
        <p className="portal-footer-note">本平台公开的信息依照《中华人民共和国政府信息公开条例》和行政执法公示制度的规定发布。</p>
        <p className="portal-footer-note">
          <a href="/admin/login">工作人员登录</a>
        </p>
      </div>
    </footer>
  );
}

export default function PortalLayout() {
  const { data } = usePortalData();
  const location = useLocation();
  const governmentName = governmentNameOf(data);

  useEffect(() => {
    const section =
      portalSections.find((s) => s.path === location.pathname) ??
      portalSections.find((s) => s.path !== '/' && location.pathname.startsWith(`${s.path}/`));
    const page = section && section.path !== '/' ? `${section.label} - ` : '';
    document.title = `${page}阳光执法平台${governmentName ? ` - ${governmentName}` : ''}`;
    window.scrollTo(0, 0);
  }, [location.pathname, governmentName]);

  return (
    <div className="portal">
      <a className="portal-skip" href="#main">
        跳到主要内容
      </a>
      <header className="portal-header">
        <div className="portal-topbar">
          <div className="portal-container">
            <span>{governmentName || '人民政府'}</span>
            <span>政府信息公开 · 行政执法公示</span>
          </div>
        </div>
        <div className="portal-banner">
          <div className="portal-container portal-banner-inner">
            <Emblem />
            <div>
              <p className="portal-site-name">阳光执法平台</p>
              <p className="portal-site-sub">{governmentName ? `${governmentName} ` : ''}行政执法信息公示平台</p>
            </div>
          </div>
        </div>
        <nav className="portal-nav" aria-label="主导航">
          <ul className="portal-container">
            {portalSections.map((section) => (
              <li key={section.path}>
                <NavLink to={section.path} end={section.path === '/'}>
                  {section.label}
                </NavLink>
              </li>
            ))}
          </ul>
        </nav>
      </header>
      <main id="main" className="portal-main" tabIndex={-1}>
        <div className="portal-container">
          <Outlet />
        </div>
      </main>
      <Footer />
    </div>
  );
}
