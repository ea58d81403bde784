import { Drawer, Table } from 'antd';
import { useEffect, useState } from 'react';
import { Link } from 'react-router-dom';
import { describeError } from '../../api';
import { catalog } from '../../shared/endpoints';
import { formatDate, formatDateTime, orDash } from '../../shared/format';
import type { CatalogKind, CatalogVersion } from '../../shared/types';
import ProblemAlert, { type ShownProblem } from '../components/ProblemAlert';
import VersionStatusTag from './VersionStatusTag';

interface Props {
  list: { agencyId: string; agencyName: string; kind: CatalogKind; kindLabel: string } | null;
  onClose: () => void;
}

/** Every version of one list, including returned and discarded drafts. */
export default function VersionsDrawer({ list, onClose }: Props) {
  const [items, setItems] = useState<CatalogVersion[]>([]);
  const [isLoading, setIsLoading] = useState(false);
  const [problem, setProblem] = useState<ShownProblem | null>(null);

  useEffect(() => {
    if (!list) return;
    let isCurrent = true;
    setIsLoading(true);
    setProblem(null);
    catalog
      .versions(list.agencyId, list.kind)
      .then((answer) => isCurrent && setItems(answer.items))
      .catch((error: unknown) => isCurrent && setProblem(describeError(error)))
      .finally(() => isCurrent && setIsLoading(false));
    return () => {
      isCurrent = false;
    };
  }, [list]);

  return (
    <Drawer title={list ? `${list.kindLabel}的全部版本` : '全部版本'} open={list !== null} onClose={onClose} size={760} destroyOnHidden>
      <ProblemAlert problem={problem} />
      <Table<CatalogVersion>
        rowKey="id"
        size="small"
        aria-label="全部版本"
        loading={isLoading}
        dataSource={items}
        pagination={false}
        locale={{ emptyText: '尚未编制' }}
        columns={[
          {
            title: '版本',
            dataIndex: 'version',
            width: 80,
            render: (version: number, row) => <Link to={`/admin/catalog/versions/${row.id}`}>第{version}版</Link>,
          },
          { title: '状态', dataIndex: 'status', width: 120, render: (_: unknown, row) => <VersionStatusTag status={row.status} /> },
          { title: '条目数', dataIndex: 'entryCount', width: 80 },
          { title: '说明', dataIndex: 'note', render: (note: string | null) => orDash(note) },
          { title: '公布日期', dataIndex: 'publishedAt', width: 130, render: (value: string | null) => formatDate(value) },
          { title: '更新时间', dataIndex: 'updatedAt', width: 170, render: (value: string) => formatDateTime(value) },
        ]}
      />
    </Drawer>
  );
}
