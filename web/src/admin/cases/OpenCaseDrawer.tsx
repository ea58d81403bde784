/**
 * 立案 (or the first step of any procedure): the procedure, an item of the agency's published enforcement-item list of
 * that action type, the place, the party, the officers, and the opening step's own fields from the definition.
 */
import { Alert, Button, Checkbox, DatePicker, Drawer, Form, Input, Radio, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { citeLegalBases } from '../../shared/catalog';
import type { CatalogEntry, Government } from '../../shared/types';
import { useAgencyOptions, useGovernments } from '../components/options';
import ProblemAlert, { type ShownProblem } from '../components/ProblemAlert';
import { dateFormats, isAfterToday, toDateText, today } from '../personnel/dates';
import {
  type CaseDetail,
  cases,
  loadPublishedEntries,
  loadRoster,
  type ProcedureKey,
  type ProcedureSummary,
  type ProcedureWithFlow,
  procedures,
  type RosterOfficer,
} from './api';
import OfficerSelect from './OfficerSelect';
import { applyCaseProblem } from './problem';
import StepFields, { fieldData, fieldPaths } from './StepFields';

interface Values {
  procedure: ProcedureKey;
  itemCode: string;
  divisionCode: string;
  party: { type: 'person' | 'organization'; name: string; idNumber?: string; creditCode?: string; address?: string };
  officerIds: string[];
  fullProcessRecording?: boolean;
  occurredOn: Dayjs;
  data?: Record<string, unknown>;
}

const baseFields = [
  ['procedure'],
  ['itemCode'],
  ['divisionCode'],
  ['party', 'type'],
  ['party', 'name'],
  ['party', 'idNumber'],
  ['party', 'creditCode'],
  ['party', 'address'],
  ['officerIds'],
  ['occurredOn'],
  ['fullProcessRecording'],
];

/** The agency's government and every government below it (its townships), in tree order. */
function governmentsOf(all: Government[], rootId: string | undefined): Government[] {
  if (!rootId) return all;
  const ids = new Set([rootId]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const g of all) {
      if (g.parentId && ids.has(g.parentId) && !ids.has(g.id)) {
        ids.add(g.id);
        grew = true;
      }
    }
  }
  return all.filter((g) => ids.has(g.id));
}

interface Props {
  open: boolean;
  agencyId: string;
  onClose: () => void;
  onOpened: (opened: CaseDetail) => void;
}

export default function OpenCaseDrawer({ open, agencyId, onClose, onOpened }: Props) {
  const [form] = Form.useForm<Values>();
  const [problem, setProblem] = useState<ShownProblem | null>(null);
  const [isSaving, setIsSaving] = useState(false);
  const [list, setList] = useState<ProcedureSummary[]>([]);
  const [definition, setDefinition] = useState<ProcedureWithFlow | null>(null);
  const [items, setItems] = useState<CatalogEntry[]>([]);
  const [isLoadingItems, setIsLoadingItems] = useState(false);
  const [roster, setRoster] = useState<RosterOfficer[]>([]);
  const [divisionSearch, setDivisionSearch] = useState('');
  const { governments } = useGovernments();
  const { agencies } = useAgencyOptions();
  const agency = agencies.find((a) => a.id === agencyId);
  const procedureKey = Form.useWatch('procedure', form);
  const partyType = Form.useWatch(['party', 'type'], form);
  const itemCode = Form.useWatch('itemCode', form);

  useEffect(() => {
    if (!open) return;
    setProblem(null);
    form.resetFields();
    form.setFieldsValue({ party: { type: 'organization', name: '' }, occurredOn: today(), officerIds: [] });
    procedures
      .list()
      .then((answer) => setList(answer.items))
      .catch(() => setList([]));
    loadRoster(agencyId)
      .then(setRoster)
      .catch(() => setRoster([]));
  }, [open, agencyId, form]);

  const summary = list.find((p) => p.key === procedureKey);
  useEffect(() => {
    if (!open || !summary) {
      setDefinition(null);
      setItems([]);
      return;
    }
    let isCurrent = true;
    procedures
      .get(summary.key)
      .then((answer) => isCurrent && setDefinition(answer))
      .catch(() => isCurrent && setDefinition(null));
    setIsLoadingItems(true);
    loadPublishedEntries(agencyId, 'enforcement_item', summary.actionType)
      .then((entries) => isCurrent && setItems(entries.filter((e) => e.actionType === summary.actionType)))
      .catch(() => isCurrent && setItems([]))
      .finally(() => isCurrent && setIsLoadingItems(false));
    return () => {
      isCurrent = false;
    };
  }, [open, summary, agencyId]);

  const opening = definition?.definition.steps.find((step) => step.from === null) ?? null;
  const regions = useMemo(() => governmentsOf(governments, agency?.governmentId), [governments, agency]);
  useEffect(() => {
    if (!open || form.getFieldValue('divisionCode')) return;
    const own = regions.find((g) => g.id === agency?.governmentId);
    if (own) form.setFieldValue('divisionCode', own.divisionCode);
  }, [open, regions, agency, form]);

  const divisionOptions = useMemo(() => {
    const options = regions.map((g) => ({ value: g.divisionCode, label: `${g.name.replace(/人民政府$/, '')}（${g.divisionCode}）` }));
    const typed = divisionSearch.trim();
    if (/^\d{9}$/.test(typed) && !options.some((o) => o.value === typed)) {
      options.push({ value: typed, label: `行政区划代码 ${typed}（乡镇、街道）` });
    }
    return options;
  }, [regions, divisionSearch]);

  const item = items.find((entry) => entry.code === itemCode);

  const submit = async (values: Values) => {
    if (!summary || !opening) return;
    setIsSaving(true);
    setProblem(null);
    try {
      const party = values.party;
      const opened = await cases.open({
        agencyId,
        procedure: summary.key,
        itemCode: values.itemCode,
        divisionCode: values.divisionCode,
        party: {
          type: party.type,
          name: party.name.trim(),
          ...(party.type === 'person' ? { idNumber: (party.idNumber ?? '').trim().toUpperCase() } : {}),
          ...(party.type === 'organization' ? { creditCode: (party.creditCode ?? '').trim().toUpperCase() } : {}),
          ...(party.address?.trim() ? { address: party.address.trim() } : {}),
        },
        officerIds: values.officerIds ?? [],
        fullProcessRecording: values.fullProcessRecording === true,
        occurredOn: toDateText(values.occurredOn),
        data: fieldData(opening.fields, values.data),
      });
      onOpened(opened);
    } catch (error) {
      setProblem(applyCaseProblem(form, error, [...baseFields, ...fieldPaths(opening.fields)]));
    } finally {
      setIsSaving(false);
    }
  };

  return (
    <Drawer
      title="立案"
      open={open}
      onClose={onClose}
      size={640}
      destroyOnHidden
      footer={
        <Space className="admin-drawer-footer">
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" loading={isSaving} disabled={!opening} onClick={() => form.submit()}>
            {opening ? `确认${opening.label}` : '立案'}
          </Button>
        </Space>
      }
    >
      <ProblemAlert problem={problem} onClose={() => setProblem(null)} />
      <Form form={form} name="open-case" layout="vertical" onFinish={submit} scrollToFirstError>
        <Form.Item label="程序" name="procedure" rules={[{ required: true, message: '请选择程序' }]}>
          <Select
            placeholder="请选择执法程序"
            showSearch={{ optionFilterProp: 'label' }}
            options={list.map((p) => ({ value: p.key, label: p.name }))}
            onChange={() => form.setFieldsValue({ itemCode: undefined, data: {} })}
          />
        </Form.Item>
        {summary ? <p className="cases-form-note">{`依据：${summary.basis}`}</p> : null}
        <Form.Item
          label="执法事项"
          name="itemCode"
          rules={[{ required: true, message: '请选择执法事项' }]}
          extra={
            item
              ? `法律依据：${citeLegalBases(item.legalBases) || '—'}`
              : '只能办理本机关已公布的行政执法事项清单中、属于该程序行为类别的事项。'
          }
        >
          <Select
            placeholder={summary ? '输入编码或名称检索' : '请先选择程序'}
            disabled={!summary}
            loading={isLoadingItems}
            showSearch={{ optionFilterProp: 'label' }}
            options={items.map((entry) => ({ value: entry.code, label: `${entry.code} ${entry.name}` }))}
            popupMatchSelectWidth={false}
            notFoundContent={isLoadingItems ? '正在加载…' : '本机关已公布的清单中没有该类事项'}
          />
        </Form.Item>
        <Form.Item
          label="执法地点行政区划"
          name="divisionCode"
          rules={[{ required: true, message: '请选择执法地点所在的行政区划' }]}
          extra="本机关所属人民政府及其下辖乡镇（街道）；列表中没有的乡镇，可输入9位行政区划代码。"
        >
          <Select
            showSearch={{ optionFilterProp: 'label', onSearch: setDivisionSearch, searchValue: divisionSearch }}
            options={divisionOptions}
            onChange={() => setDivisionSearch('')}
            placeholder="请选择"
          />
        </Form.Item>

        <fieldset className="cases-fieldset">
          <legend>当事人</legend>
          <Form.Item name={['party', 'type']} label="当事人类型">
            <Radio.Group
              options={[
                { value: 'organization', label: '法人或其他组织' },
                { value: 'person', label: '自然人' },
              ]}
              optionType="button"
            />
          </Form.Item>
          <Form.Item
            name={['party', 'name']}
            label={partyType === 'person' ? '姓名' : '名称'}
            rules={[{ required: true, whitespace: true, message: partyType === 'person' ? '请填写当事人姓名' : '请填写当事人名称' }]}
          >
            <Input maxLength={200} />
          </Form.Item>
          {partyType === 'person' ? (
            <Form.Item
              name={['party', 'idNumber']}
              label="公民身份号码"
              rules={[{ required: true, whitespace: true, message: '请填写公民身份号码' }]}
              extra="加密保存，页面和文书只显示脱敏号码，公示平台不公开。"
            >
              <Input maxLength={18} className="admin-mono" autoComplete="off" />
            </Form.Item>
          ) : (
            <Form.Item
              name={['party', 'creditCode']}
              label="统一社会信用代码"
              rules={[{ required: true, whitespace: true, message: '请填写统一社会信用代码' }]}
            >
              <Input maxLength={18} className="admin-mono" autoComplete="off" />
            </Form.Item>
          )}
          <Form.Item name={['party', 'address']} label="地址">
            <Input maxLength={300} />
          </Form.Item>
        </fieldset>

        <Form.Item
          label="承办执法人员"
          name="officerIds"
          extra="须有两名以上在立案当日持有效执法证、执法门类和区域相符的执法人员；辅助人员不计入人数。"
        >
          <OfficerSelect officers={roster} />
        </Form.Item>
        <Form.Item
          name="fullProcessRecording"
          valuePropName="checked"
          extra="涉及人身自由、生命健康、重大财产权益的，每个办案环节都须关联音像记录。"
          className="cases-check"
        >
          <Checkbox>全过程音像记录</Checkbox>
        </Form.Item>
        <Form.Item label={`${opening?.label ?? '立案'}日期`} name="occurredOn" rules={[{ required: true, message: '请选择日期' }]}>
          <DatePicker format={dateFormats} className="cases-date" disabledDate={isAfterToday} />
        </Form.Item>

        {opening ? (
          <fieldset className="cases-fieldset">
            <legend>{opening.label}</legend>
            <Alert
              type="info"
              showIcon
              className="cases-step-info"
              title={opening.description}
              description={opening.basis ? `依据：${opening.basis}` : undefined}
            />
            <StepFields fields={opening.fields} officers={roster} benchmarks={[]} agencyId={agencyId} />
          </fieldset>
        ) : null}
      </Form>
    </Drawer>
  );
}
