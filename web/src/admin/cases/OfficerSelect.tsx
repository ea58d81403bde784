/** Picks officers from the agency's roster, showing whether each holds a valid certificate; auxiliaries are marked. */
import { Select, Space, Tag } from 'antd';
import CertificateStatusTag from '../personnel/CertificateStatusTag';
import type { RosterOfficer } from './api';

interface Props {
  id?: string;
  value?: string[];
  onChange?: (value: string[]) => void;
  officers: RosterOfficer[];
  loading?: boolean;
  placeholder?: string;
}

export function officerLabel(officer: RosterOfficer): string {
  return officer.isAuxiliary ? `${officer.name}（辅助人员）` : officer.name;
}

export default function OfficerSelect({ id, value, onChange, officers, loading, placeholder = '请选择至少两名持证执法人员' }: Props) {
  return (
    <Select<string[]>
      id={id}
      mode="multiple"
      value={value}
      onChange={onChange}
      loading={loading}
      placeholder={placeholder}
      showSearch={{ optionFilterProp: 'searchText' }}
      options={officers.map((officer) => ({
        value: officer.id,
        label: officerLabel(officer),
        searchText: `${officer.name} ${officer.certificate?.number ?? ''}`,
        officer,
      }))}
      optionRender={(option) => {
        const officer = option.data.officer as RosterOfficer;
        return (
          <Space size={6} wrap>
            <span>{officer.name}</span>
            {officer.isAuxiliary ? (
              <Tag color="orange">辅助人员 · 不计入执法人员</Tag>
            ) : (
              <>
                <CertificateStatusTag certificate={officer.certificate} />
                {officer.certificate ? <span className="cases-muted">{officer.certificate.number}</span> : null}
              </>
            )}
          </Space>
        );
      }}
    />
  );
}
