import { Button, Descriptions, Drawer, Space, Tabs, Tag } from 'antd';
import { useState } from 'react';
import { orDash } from '../../shared/format';
import type { Officer } from '../../shared/personnel';
import CertificatesPanel from './CertificatesPanel';
import HistoryPanel from './HistoryPanel';
import TrainingPanel from './TrainingPanel';

interface Props {
  officer: Officer | null;
  canKeep: boolean;
  onClose: () => void;
  onEdit: (officer: Officer) => void;
  onDeactivate: (officer: Officer) => void;
  /** Something changed (a certificate, a training record): the roster reloads. */
  onChanged: () => void;
}

export function OfficerKindTag({ officer }: { officer: Pick<Officer, 'isAuxiliary'> }) {
  return officer.isAuxiliary ? <Tag color="orange">辅助人员</Tag> : <Tag color="blue">执法人员</Tag>;
}

/** An officer: who they are, their certificates (current and past), training, and the record trail. */
export default function OfficerDrawer({ officer, canKeep, onClose, onEdit, onDeactivate, onChanged }: Props) {
  const [refreshKey, setRefreshKey] = useState(0);
  const changed = () => {
    setRefreshKey((key) => key + 1);
    onChanged();
  };

  return (
    <Drawer
      title={officer ? `执法人员：${officer.name}` : '执法人员'}
      open={officer !== null}
      onClose={onClose}
      size={820}
      destroyOnHidden
      extra={
        officer && canKeep && officer.isActive ? (
          <Space>
            <Button onClick={() => onEdit(officer)}>修改</Button>
            <Button danger onClick={() => onDeactivate(officer)}>
              调离执法岗位
            </Button>
          </Space>
        ) : null
      }
    >
      {officer ? (
        <>
          <Descriptions
            size="small"
            bordered
            column={{ xs: 1, sm: 2 }}
            items={[
              { key: 'name', label: '姓名', children: officer.name },
              { key: 'agency', label: '执法机关', children: orDash(officer.agencyName) },
              { key: 'post', label: '岗位', children: orDash(officer.post) },
              { key: 'kind', label: '人员类别', children: <OfficerKindTag officer={officer} /> },
              {
                key: 'active',
                label: '在岗状态',
                children: officer.isActive ? <Tag color="green">在执法岗位</Tag> : <Tag>已调离执法岗位</Tag>,
              },
            ]}
          />
          <Tabs
            className="personnel-tabs"
            items={[
              {
                key: 'certificates',
                label: '执法证件',
                children: <CertificatesPanel officer={officer} canKeep={canKeep} onChanged={changed} />,
              },
              {
                key: 'training',
                label: '培训记录',
                children: <TrainingPanel officer={officer} canKeep={canKeep && officer.isActive} onChanged={changed} />,
              },
              { key: 'history', label: '记录账本', children: <HistoryPanel officerId={officer.id} refreshKey={refreshKey} /> },
            ]}
          />
        </>
      ) : null}
    </Drawer>
  );
}
