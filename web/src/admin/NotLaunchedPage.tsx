import { Card, Result } from 'antd';
import PageHeader from './components/PageHeader';
import type { ModuleEntry } from './modules';

export default function NotLaunchedPage({ module }: { module: ModuleEntry }) {
  return (
    <>
      <PageHeader title={module.label} />
      <Card variant="outlined">
        <Result status="info" title="该模块尚未上线" subTitle={module.plannedDescription} />
      </Card>
    </>
  );
}
