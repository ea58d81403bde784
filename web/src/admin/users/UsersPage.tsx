import { PlusOutlined, ReloadOutlined } from '@ant-design/icons';
import { App, Button, Card, Popconfirm, Select, Space, type TableColumnsType, Tag } from 'antd';
import { useCallback, useMemo, useState } from 'react';
import { describeError } from '../../api';
import { type UserQuery, users } from '../../shared/endpoints';
import { formatDateTime, orDash } from '../../shared/format';
import { roleColors, roleLabels, roleOrder } from '../../shared/labels';
import type { Role, User } from '../../shared/types';
import { useIsAdministrator } from '../auth/AuthContext';
import { useAgencyOptions } from '../components/options';
import PagedTable from '../components/PagedTable';
import PageHeader from '../components/PageHeader';
import SearchBox from '../components/SearchBox';
import StatusTag from '../components/StatusTag';
import { usePagedList } from '../components/usePagedList';
import ResetPasswordModal from './ResetPasswordModal';
import UserFormDrawer from './UserFormDrawer';

type StatusFilter = 'all' | 'active' | 'inactive';

const DEFAULT_PAGE_SIZE = 20;

function isLocked(user: User): boolean {
  return !!user.lockedUntil && new Date(user.lockedUntil).getTime() > Date.now();
}

export default function UsersPage() {
  const { message } = App.useApp();
  const isAdministrator = useIsAdministrator();
  const { agencies } = useAgencyOptions();
  const [searchText, setSearchText] = useState('');
  const [status, setStatus] = useState<StatusFilter>('all');
  const [query, setQuery] = useState<UserQuery>({ page: 1, pageSize: DEFAULT_PAGE_SIZE });
  const fetchPage = useCallback((q: UserQuery) => users.list(q), []);
  const list = usePagedList(fetchPage, query);
  const [editing, setEditing] = useState<User | null>(null);
  const [isFormOpen, setIsFormOpen] = useState(false);
  const [resetting, setResetting] = useState<User | null>(null);

  const setFilter = (patch: Partial<UserQuery>) => setQuery((current) => ({ ...current, ...patch, page: 1 }));

  const run = useCallback(
    async (action: () => Promise<User>, done: string) => {
      try {
        await action();
        message.success(done);
        list.reload();
      } catch (error) {
        const { title, detail } = describeError(error);
        message.error(detail ? `${title}：${detail}` : title);
      }
    },
    [message, list.reload],
  );

  const columns = useMemo<TableColumnsType<User>>(
    () => [
      {
        title: '用户名',
        dataIndex: 'username',
        width: 170,
        render: (v: string) => <span className="admin-nowrap">{v}</span>,
      },
      { title: '姓名', dataIndex: 'displayName', width: 90 },
      { title: '所属机关', dataIndex: 'agencyName', width: 190, render: (v: string | null) => orDash(v) },
      { title: '职务', dataIndex: 'post', width: 100, render: (v: string | null) => orDash(v) },
      {
        title: '角色',
        dataIndex: 'roles',
        width: 170,
        render: (roles: Role[]) => (
          <Space size={[0, 4]} wrap>
            {roles.map((role) => (
              <Tag key={role} color={roleColors[role]} variant="outlined">
                {roleLabels[role] ?? role}
              </Tag>
            ))}
          </Space>
        ),
      },
      {
        title: '动态验证码',
        dataIndex: 'hasSecondFactor',
        width: 110,
        render: (has: boolean) => (has ? <Tag color="green">已绑定</Tag> : <Tag>未绑定</Tag>),
      },
      {
        title: '状态',
        key: 'status',
        width: 130,
        render: (_: unknown, user) => (
          <Space size={[0, 4]} wrap>
            <StatusTag isActive={user.isActive} />
            {isLocked(user) ? (
              <Tag color="orange" title={`锁定至 ${formatDateTime(user.lockedUntil)}`}>
                已锁定
              </Tag>
            ) : null}
          </Space>
        ),
      },
      ...(isAdministrator
        ? [
            {
              title: '操作',
              key: 'actions',
              width: 200,
              fixed: 'right' as const,
              render: (_: unknown, user: User) => (
                <Space size={0} wrap>
                  <Button
                    type="link"
                    size="small"
                    onClick={() => {
                      setEditing(user);
                      setIsFormOpen(true);
                    }}
                  >
                    编辑
                  </Button>
                  {user.isActive ? (
                    <Popconfirm
                      title="停用用户"
                      description={`确定停用“${user.displayName}”吗？停用后该账号不能登录。`}
                      okText="确认停用"
                      okButtonProps={{ danger: true }}
                      cancelText="取消"
                      onConfirm={() => run(() => users.deactivate(user.id, user.version), `已停用“${user.displayName}”`)}
                    >
                      <Button type="link" size="small" danger>
                        停用
                      </Button>
                    </Popconfirm>
                  ) : (
                    <Popconfirm
                      title="启用用户"
                      description={`确定启用“${user.displayName}”吗？`}
                      okText="确认启用"
                      cancelText="取消"
                      onConfirm={() => run(() => users.activate(user.id, user.version), `已启用“${user.displayName}”`)}
                    >
                      <Button type="link" size="small">
                        启用
                      </Button>
                    </Popconfirm>
                  )}
                  <Button type="link" size="small" onClick={() => setResetting(user)}>
                    重置密码
                  </Button>
                  {isLocked(user) ? (
                    <Popconfirm
                      title="解锁用户"
                      description={`确定解除“${user.displayName}”的登录锁定吗？`}
                      okText="确认解锁"
                      cancelText="取消"
                      onConfirm={() => run(() => users.unlock(user.id, user.version), `已解锁“${user.displayName}”`)}
                    >
                      <Button type="link" size="small">
                        解锁
                      </Button>
                    </Popconfirm>
                  ) : null}
                </Space>
              ),
            },
          ]
        : []),
    ],
    [isAdministrator, run],
  );

  return (
    <>
      <PageHeader
        title="用户管理"
        extra={
          isAdministrator ? (
            <Button
              type="primary"
              icon={<PlusOutlined />}
              onClick={() => {
                setEditing(null);
                setIsFormOpen(true);
              }}
            >
              新增用户
            </Button>
          ) : null
        }
      >
        工作人员账号及其所属机关和角色。{isAdministrator ? '' : '您可以查看，修改须由系统管理员办理。'}
      </PageHeader>

      <Card variant="outlined" className="admin-filter-card">
        <search className="admin-filters" aria-label="筛选用户">
          <SearchBox
            label="搜索用户"
            placeholder="用户名或姓名"
            value={searchText}
            onChange={setSearchText}
            onSearch={(q) => setFilter({ q })}
          />
          <Select<string>
            aria-label="所属机关"
            allowClear
            placeholder="全部机关"
            value={query.agencyId}
            onChange={(value) => setFilter({ agencyId: value || undefined })}
            className="admin-filter-select admin-filter-wide"
            showSearch={{ optionFilterProp: 'label' }}
            options={agencies.map((agency) => ({ value: agency.id, label: agency.name }))}
          />
          <Select<Role>
            aria-label="角色"
            allowClear
            placeholder="全部角色"
            value={query.role}
            onChange={(value) => setFilter({ role: value || undefined })}
            className="admin-filter-select"
            options={roleOrder.map((role) => ({ value: role, label: roleLabels[role] }))}
          />
          <Select<StatusFilter>
            aria-label="状态"
            value={status}
            onChange={(value) => {
              setStatus(value);
              setFilter({ isActive: value === 'all' ? undefined : value === 'active' });
            }}
            className="admin-filter-select"
            options={[
              { value: 'all', label: '全部状态' },
              { value: 'active', label: '启用' },
              { value: 'inactive', label: '停用' },
            ]}
          />
          <Button
            onClick={() => {
              setSearchText('');
              setStatus('all');
              setQuery({ page: 1, pageSize: query.pageSize ?? DEFAULT_PAGE_SIZE });
            }}
          >
            重置
          </Button>
          <Button icon={<ReloadOutlined />} onClick={list.reload} aria-label="刷新" />
        </search>
      </Card>

      <PagedTable<User>
        label="用户列表"
        noun="用户"
        columns={columns}
        list={list}
        page={query.page}
        pageSize={query.pageSize}
        onPageChange={(page, pageSize) => setQuery((current) => ({ ...current, page, pageSize }))}
        scrollX={1110}
      />

      <ResetPasswordModal
        user={resetting}
        onClose={() => setResetting(null)}
        onDone={(saved) => {
          setResetting(null);
          message.success(`已重置“${saved.displayName}”的密码，其全部会话已结束`);
          list.reload();
        }}
      />
      <UserFormDrawer
        open={isFormOpen}
        user={editing}
        agencies={agencies}
        onClose={() => setIsFormOpen(false)}
        onSaved={(saved, isNew) => {
          setIsFormOpen(false);
          message.success(isNew ? `已新增用户“${saved.displayName}”` : `已保存“${saved.displayName}”`);
          list.reload();
        }}
      />
    </>
  );
}
