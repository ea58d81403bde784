import { Button, DatePicker, Drawer, Form, Input, Select, Space } from 'antd';
import type { Dayjs } from 'dayjs';
import { useEffect, useMemo, useState } from 'react';
import { type Certificate, categoryOptions, type Officer, officers } from '../../shared/personnel';
import type { AgencyKind, Government } from '../../shared/types';
import { useAgencyOptions, useGovernments } from '../components/options';
import ProblemAlert, { type ShownProblem } from '../components/ProblemAlert';
import { applyProblem } from '../components/problem';
import { dateFormats, optionalDateText, toDateText, today } from './dates';

interface Values {
  number: string;
  categories: AgencyKind[];
  regionCode: string;
  issuedOn: Dayjs;
  expiresOn: Dayjs;
  nextReviewOn?: Dayjs | null;
}

const fieldNames = ['number', 'categories', 'regionCode', 'issuedOn', 'expiresOn', 'nextReviewOn'] as const;

interface Props {
  officer: Officer | null;
  onClose: () => void;
  onIssued: (certificate: Certificate) => void;
}

/** The government and every government below it, in tree order (county first, then its townships). */
function subtree(all: Government[], rootId: string | undefined): Government[] {
  if (!rootId || !all.some((g) => g.id === rootId)) return all;
  const ids = new Set([rootId]);
  let grew = true;
  while (grew) {
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

/** 沙坡头区（含所属乡镇）, 滨河镇, 中卫市（全市）. */
function regionLabel(government: Government): string {
  const name = government.name.replace(/人民政府$/, '');
  if (government.level === 'county') return `${name}（含所属乡镇）`;
  if (government.level === 'city' || government.level === 'province') return `${name}（全${government.level === 'city' ? '市' : '省'}）`;
  return name;
}

/** 核发执法证: number, categories, region (a county covers its townships) and the dates. */
export default function IssueCertificateDrawer({ officer, onClose, onIssued }: Props) {
  const [form] = Form.useForm<Values>();
  const [problem, setProblem] = useState<ShownProblem | null>(null);
  const [isSaving, setIsSaving] = useState(false);
  const { governments, isLoading } = useGovernments();
  const { agencies } = useAgencyOptions();
  const agency = agencies.find((a) => a.id === officer?.agencyId);

  const regions = useMemo(
    () => subtree(governments, agency?.governmentId).filter((g) => g.level === 'county' || g.level === 'township' || g.level === 'city'),
    [governments, agency],
  );

  useEffect(() => {
    if (!officer) return;
    setProblem(null);
    form.resetFields();
    form.setFieldsValue({ issuedOn: today() });
  }, [officer, form]);

  useEffect(() => {
    if (!officer || !agency) return;
    if (!form.getFieldValue('categories')) form.setFieldValue('categories', [agency.kind]);
    if (!form.getFieldValue('regionCode')) {
      const own = governments.find((g) => g.id === agency.governmentId);
      if (own) form.setFieldValue('regionCode', own.divisionCode);
    }
  }, [officer, agency, governments, form]);

  const submit = async (values: Values) => {
    if (!officer) return;
    setIsSaving(true);
    setProblem(null);
    try {
      const nextReviewOn = optionalDateText(values.nextReviewOn);
      onIssued(
        await officers.issueCertificate(officer.id, {
          number: values.number.trim().toUpperCase(),
          categories: values.categories,
          regionCode: values.regionCode,
          issuedOn: toDateText(values.issuedOn),
          expiresOn: toDateText(values.expiresOn),
          ...(nextReviewOn ? { nextReviewOn } : {}),
        }),
      );
    } catch (error) {
      setProblem(applyProblem(form, error, fieldNames));
    } finally {
      setIsSaving(false);
    }
  };

  return (
    <Drawer
      title={officer ? `核发执法证：${officer.name}` : '核发执法证'}
      open={officer !== null}
      onClose={onClose}
      size={520}
      destroyOnHidden
      footer={
        <Space className="admin-drawer-footer">
          <Button onClick={onClose}>取消</Button>
          <Button type="primary" loading={isSaving} onClick={() => form.submit()}>
            核发
          </Button>
        </Space>
      }
    >
      <ProblemAlert problem={problem} />
      <Form form={form} layout="vertical" onFinish={submit} scrollToFirstError>
        <Form.Item
          label="执法证号"
          name="number"
          normalize={(value: string) => value?.toUpperCase()}
          rules={[
            { required: true, whitespace: true, message: '请输入执法证号' },
            { pattern: /^[0-9A-Za-z\u4e00-\u9fa5-]{4,32}$/, message: '执法证号为4至32位数字、字母、汉字或“-”' },
          ]}
          extra="按发证机关编制的证号填写，证号在全平台唯一，将印在亮证卡上并在公示平台公开。"
        >
          <Input maxLength={32} className="admin-mono" autoComplete="off" />
        </Form.Item>
        <Form.Item label="执法门类" name="categories" rules={[{ required: true, message: '请选择至少一个执法门类' }]}>
          <Select mode="multiple" placeholder="请选择" options={categoryOptions} showSearch={{ optionFilterProp: 'label' }} />
        </Form.Item>
        <Form.Item
          label="执法区域"
          name="regionCode"
          rules={[{ required: true, message: '请选择执法区域' }]}
          extra="县级区域包括所属乡镇（街道）；选择乡镇的，只能在该乡镇执法。"
        >
          <Select
            loading={isLoading}
            placeholder="请选择"
            showSearch={{ optionFilterProp: 'label' }}
            options={regions.map((g) => ({ value: g.divisionCode, label: regionLabel(g) }))}
          />
        </Form.Item>
        <Form.Item label="发证日期" name="issuedOn" rules={[{ required: true, message: '请选择发证日期' }]}>
          <DatePicker format={dateFormats} className="personnel-date" />
        </Form.Item>
        <Form.Item label="有效期至" name="expiresOn" rules={[{ required: true, message: '请选择有效期' }]}>
          <DatePicker format={dateFormats} className="personnel-date" />
        </Form.Item>
        <Form.Item label="下次年审日期" name="nextReviewOn" extra="到期未年审的，执法证显示为“未按期年审”，不能执法。">
          <DatePicker format={dateFormats} className="personnel-date" />
        </Form.Item>
      </Form>
    </Drawer>
  );
}
