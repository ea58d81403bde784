/**
 * Picks a reviewer of the case's agency for 指定审核人员: those without a recorded qualification are shown but cannot
 * be chosen (Penalty Law Art. 58 ¶2). Whether the person took part in the case is checked by the server.
 */
import { Select, Space, Tag } from 'antd';
import { useEffect, useState } from 'react';
import { type Reviewer, reviews } from './api';

interface Props {
  id?: string;
  value?: string;
  onChange?: (value: string) => void;
  agencyId: string;
}

export default function ReviewerSelect({ id, value, onChange, agencyId }: Props) {
  const [items, setItems] = useState<Reviewer[]>([]);
  const [isLoading, setIsLoading] = useState(true);
  useEffect(() => {
    let isCurrent = true;
    reviews
      .reviewers(agencyId)
      .then((answer) => isCurrent && setItems(answer.items.filter((r) => r.isActive)))
      .catch(() => isCurrent && setItems([]))
      .finally(() => isCurrent && setIsLoading(false));
    return () => {
      isCurrent = false;
    };
  }, [agencyId]);
  return (
    <Select<string>
      id={id}
      value={value}
      onChange={onChange}
      loading={isLoading}
      placeholder="请选择本机关法制审核人员"
      showSearch={{ optionFilterProp: 'searchText' }}
      options={items.map((reviewer) => ({
        value: reviewer.userId,
        label: `${reviewer.name}（${reviewer.username}）`,
        searchText: `${reviewer.name} ${reviewer.username}`,
        disabled: !reviewer.isQualified,
        reviewer,
      }))}
      optionRender={(option) => {
        const reviewer = option.data.reviewer as Reviewer;
        return (
          <Space size={6} wrap>
            <span>{reviewer.name}</span>
            {reviewer.isQualified ? <Tag color="green">已登记法律职业资格</Tag> : <Tag color="red">未登记资格，不能指定</Tag>}
          </Space>
        );
      }}
    />
  );
}
