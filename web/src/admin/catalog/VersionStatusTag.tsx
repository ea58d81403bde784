import { Tag } from 'antd';
import { catalogVersionStatuses } from '../../shared/catalog';
import type { CatalogVersionStatus } from '../../shared/types';

const colors: Partial<Record<CatalogVersionStatus, string>> = {
  draft: 'blue',
  submitted: 'gold',
  returned: 'red',
  published: 'green',
};

export default function VersionStatusTag({ status }: { status: CatalogVersionStatus }) {
  return <Tag color={colors[status]}>{catalogVersionStatuses[status] ?? status}</Tag>;
}
