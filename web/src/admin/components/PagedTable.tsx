import { Card, Table, type TableColumnsType } from 'antd';
import ProblemAlert from './ProblemAlert';
import type { PagedList } from './usePagedList';

interface Props<T> {
  /** Accessible name of the table, e.g. 执法机关列表. */
  label: string;
  /** What the rows are, for the empty state: 没有符合条件的{noun}. */
  noun: string;
  columns: TableColumnsType<T>;
  list: PagedList<T>;
  page: number | undefined;
  pageSize: number | undefined;
  onPageChange: (page: number, pageSize: number) => void;
  scrollX: number;
}

/** A server-paged list in a card, with its load error above it. */
export default function PagedTable<T extends { id: string }>({
  label,
  noun,
  columns,
  list,
  page,
  pageSize,
  onPageChange,
  scrollX,
}: Props<T>) {
  return (
    <>
      <ProblemAlert problem={list.problem} />
      <Card variant="outlined">
        <Table<T>
          rowKey="id"
          aria-label={label}
          columns={columns}
          dataSource={list.items}
          loading={list.isLoading}
          scroll={{ x: scrollX }}
          locale={{ emptyText: list.problem ? '无法加载' : `没有符合条件的${noun}` }}
          pagination={{
            current: page,
            pageSize,
            total: list.total,
            showSizeChanger: true,
            showTotal: (total) => `共 ${total} 个`,
            onChange: onPageChange,
          }}
        />
      </Card>
    </>
  );
}
