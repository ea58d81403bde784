import type { PortalSection } from './sections';
import { usePortalData } from './usePortalData';

export default function UnderConstructionPage({ section }: { section: PortalSection }) {
  const { data } = usePortalData();
  const bureau = data?.justiceBureau ?? null;
  return (
    <section aria-labelledby="section-title" className="portal-section">
      <h1 id="section-title">{section.label}</h1>
      <div className="portal-notice">
        <p className="portal-notice-title">该栏目正在建设中</p>
        <p>{section.purpose}</p>
      </div>
      <h2>栏目建成后将公开</h2>
      <ul className="portal-list">
        {section.plannedContent?.map((item) => (
          <li key={item}>{item}</li>
        ))}
      </ul>
      {bureau ? (
        <p>
          在此期间，如需反映行政执法问题，请联系{bureau.name}
          {bureau.supervisionPhone ? `，监督电话：${bureau.supervisionPhone}` : ''}
          {bureau.complaintChannel ? `，投诉举报渠道：${bureau.complaintChannel}` : ''}。
        </p>
      ) : null}
    </section>
  );
}
