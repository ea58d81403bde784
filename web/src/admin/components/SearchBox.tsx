import { Input } from 'antd';

interface Props {
  /** Accessible name, e.g. 搜索执法机关. */
  label: string;
  placeholder: string;
  value: string;
  onChange: (value: string) => void;
  /** The trimmed text, or undefined when the box is empty (clearing the box searches for everything). */
  onSearch: (q: string | undefined) => void;
}

/** The search box at the head of a staff list: 查询 or Enter searches, clearing it shows everything again. */
export default function SearchBox({ label, placeholder, value, onChange, onSearch }: Props) {
  return (
    <Input.Search
      aria-label={label}
      placeholder={placeholder}
      allowClear
      value={value}
      onChange={(event) => {
        onChange(event.target.value);
        if (event.target.value === '') onSearch(undefined);
      }}
      onSearch={(text) => onSearch(text.trim() || undefined)}
      enterButton="查询"
      className="admin-filter-search"
    />
  );
}
