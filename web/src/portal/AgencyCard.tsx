import type { ReactNode } from 'react';
import { Link } from 'react-router-dom';
import type { PortalAgency } from '../shared/types';

function phoneLink(phone: string): ReactNode {
  const digits = phone.replace(/[^\d+-]/g, '');
  return digits.length >= 5 ? <a href={`tel:${digits}`}>{phone}</a> : phone;
}

function websiteLink(website: string): ReactNode {
  const href = /^https?:\/\//i.test(website) ? website : null;
  return href ? (
    <a href={href} rel="noopener noreferrer external">
      {website}
    </a>
  ) : (
    website
  );
}

interface Field {
  label: string;
  value: string | null;
  render?: (value: string) => ReactNode;
}

export default function AgencyCard({ agency, headingLevel = 3 }: { agency: PortalAgency; headingLevel?: 2 | 3 }) {
  const fields: Field[] = [
    { label: '地址', value: agency.address },
    { label: '办公电话', value: agency.phone, render: phoneLink },
    { label: '监督电话', value: agency.supervisionPhone, render: phoneLink },
    { label: '投诉举报渠道', value: agency.complaintChannel },
    { label: '网站', value: agency.website, render: websiteLink },
    { label: '办公时间', value: agency.officeHours },
  ];
  const Heading = headingLevel === 2 ? 'h2' : 'h3';
  return (
    <article className="agency-card" aria-labelledby={`agency-${agency.id}`}>
      <div className="agency-card-head">
        <Heading id={`agency-${agency.id}`} className="agency-card-name">
          {agency.name}
        </Heading>
        <span className="agency-card-kind">{agency.kindLabel}</span>
      </div>
      <dl className="agency-card-fields">
        {fields.map((field) => (
          <div key={field.label}>
            <dt>{field.label}</dt>
            <dd>{field.value ? (field.render ? field.render(field.value) : field.value) : '暂未公开'}</dd>
          </div>
        ))}
      </dl>
      <p className="agency-card-links">
        <Link to={`/agencies/${encodeURIComponent(agency.id)}/catalog`}>事前公开清单</Link>
        {' · '}
        <Link to={`/officers?agencyId=${encodeURIComponent(agency.id)}`}>执法人员</Link>
      </p>
    </article>
  );
}
