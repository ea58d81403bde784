import { LogoutOutlined } from '@ant-design/icons';
import { Button, Layout, Menu, type MenuProps, Space, Tag } from 'antd';
import { type ReactNode, Suspense, useEffect, useMemo, useState } from 'react';
import { Link, Outlet, useLocation } from 'react-router-dom';
import { roleColors, roleLabels } from '../shared/labels';
import { useAuth, useMe } from './auth/AuthContext';
import { findGroupKey, flattenModules, isGroup, type MenuNode, menuTree } from './modules';

const { Header, Sider, Content } = Layout;

function toMenuItems(nodes: MenuNode[]): MenuProps['items'] {
  return nodes.map((node) =>
    isGroup(node)
      ? { key: node.key, icon: node.icon, label: node.label, children: toMenuItems(node.children) }
      : {
          key: node.path,
          icon: node.icon,
          label: <Link to={node.path ? `/admin/${node.path}` : '/admin'}>{node.label}</Link>,
        },
  );
}

function currentModulePath(pathname: string): string {
  const rest = pathname.replace(/^\/admin\/?/, '').replace(/\/$/, '');
  const paths = flattenModules().map((module) => module.path);
  if (paths.includes(rest)) return rest;
  return paths.filter((path) => path && rest.startsWith(`${path}/`)).sort((a, b) => b.length - a.length)[0] ?? rest;
}

export default function AdminLayout({ fallback }: { fallback: ReactNode }) {
  const me = useMe();
  const { signOut } = useAuth();
  const location = useLocation();
  const selected = currentModulePath(location.pathname);
  const items = useMemo(() => toMenuItems(menuTree), []);
  const [openKeys, setOpenKeys] = useState<string[]>(() => {
    const group = findGroupKey(selected);
    return group ? [group] : [];
  });
  const [isSigningOut, setIsSigningOut] = useState(false);

  useEffect(() => {
    const group = findGroupKey(selected);
    if (group) setOpenKeys((keys) => (keys.includes(group) ? keys : [...keys, group]));
    const module = flattenModules().find((m) => m.path === selected);
    document.title = `${module?.label ?? '管理后台'} - 阳光执法平台`;
    window.scrollTo(0, 0);
  }, [selected]);

  return (
    <Layout className="admin-shell">
      <Sider width={232} className="admin-sider" breakpoint="lg" collapsedWidth={0}>
        <div className="admin-brand">
          <span className="admin-brand-name">阳光执法平台</span>
          <span className="admin-brand-sub">行政执法综合管理</span>
        </div>
        <nav aria-label="功能菜单">
          <Menu
            theme="dark"
            mode="inline"
            items={items}
            selectedKeys={[selected]}
            openKeys={openKeys}
            onOpenChange={(keys) => setOpenKeys(keys as string[])}
          />
        </nav>
      </Sider>
      <Layout>
        <Header className="admin-header">
          <div className="admin-header-user">
            <span className="admin-header-name">{me.displayName}</span>
            <span className="admin-header-agency">{me.agency?.name ?? '未归属执法机关'}</span>
            <Space size={4} wrap>
              {me.roles.map((role) => (
                <Tag key={role} color={roleColors[role]} variant="outlined">
                  {roleLabels[role] ?? role}
                </Tag>
              ))}
            </Space>
          </div>
          <Space>
            <Link to="/">公示平台</Link>
            <Button
              icon={<LogoutOutlined />}
              loading={isSigningOut}
              onClick={() => {
                setIsSigningOut(true);
                signOut().finally(() => setIsSigningOut(false));
              }}
            >
              退出登录
            </Button>
          </Space>
        </Header>
        {/* antd's Content is the <main> landmark. */}
        <Content id="main" className="admin-content">
          <Suspense fallback={fallback}>
            <Outlet />
          </Suspense>
        </Content>
      </Layout>
    </Layout>
  );
}
