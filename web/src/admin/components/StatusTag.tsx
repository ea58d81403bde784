import { Tag } from 'antd';
import { statusLabels } from '../../shared/labels';

export default function StatusTag({ isActive }: { isActive: boolean }) {
  return isActive ? <Tag color="green">{statusLabels.active}</Tag> : <Tag color="red">{statusLabels.inactive}</Tag>;
}
