import { type Officer, officers } from '../../shared/personnel';
import ReasonModal from '../components/ReasonModal';

interface Props {
  officer: Officer | null;
  onClose: () => void;
  onDone: (officer: Officer) => void;
}

/** 调离执法岗位: with a reason, which goes to the record trail; the server cancels the certificate they hold. */
export default function DeactivateOfficerModal({ officer, onClose, onDone }: Props) {
  return (
    <ReasonModal
      target={officer}
      title="调离执法岗位"
      okText="确认调离"
      prompt={(target) => `确定将“${target.name}”调离执法岗位吗？调离后该人员不再计入执法人员，不能参与执法；其持有的执法证同时注销。`}
      reasonLabel="调离原因"
      minLength={2}
      submit={(target, reason) => officers.deactivate(target, reason)}
      onClose={onClose}
      onDone={onDone}
    />
  );
}
