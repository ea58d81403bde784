import type { ReactNode } from 'react';

export default function PageHeader({ title, extra, children }: { title: string; extra?: ReactNode; children?: ReactNode }) {
  return (
    <div className="admin-page-header">
      <div>
        <h1 className="admin-page-title">{title}</h1>
        {children ? <div className="admin-page-intro">{children}</div> : null}
      </div>
      {extra ? <div className="admin-page-extra">{extra}</div> : null}
    </div>
  );
}
