import { agencies } from '../../shared/endpoints';
import type { Agency } from '../../shared/types';
import ReasonModal from '../components/ReasonModal';

interface Props {
  agency: Agency | null;
  onClose: () => void;
  onDone: (agency: Agency) => void;
}

/** Deactivating an agency asks for confirmation and a reason, which goes to the record trail. */
export default function DeactivateAgencyModal({ agency, onClose, onDone }: Props) {
  return (
    <ReasonModal
      target={agency}
      title="停用执法机关"
      okText="确认停用"
      prompt={(target) => `确定停用“${target.name}”吗？请填写停用原因，停用原因将写入全过程记录。`}
      reasonLabel="停用原因"
      submit={(target, reason) => agencies.deactivate(target.id, target.version, reason)}
      onClose={onClose}
      onDone={onDone}
    />
  );
}
