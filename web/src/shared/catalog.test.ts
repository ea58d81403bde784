import { describe, expect, it } from 'vitest';
import {
  citeLegalBases,
  citeLegalBasis,
  describeFieldErrors,
  describePointer,
  entryIndexOfPointer,
  formatFieldValue,
  formPathOfPointer,
  gradeFields,
  hasActionType,
  hasLegalBases,
} from './catalog';

describe('citing a legal basis', () => {
  it('cites the law in 《》 without 中华人民共和国, with article, clause and item', () => {
    expect(citeLegalBasis({ law: '中华人民共和国食品安全法', article: '第一百二十二条' })).toBe('《食品安全法》第一百二十二条');
    expect(citeLegalBasis({ law: '中华人民共和国食品安全法', article: '第一百二十二条', clause: '第一款', item: '（四）' })).toBe(
      '《食品安全法》第一百二十二条第一款（四）',
    );
    expect(citeLegalBasis({ law: '宁夏回族自治区食品小作坊小经营店和食品摊贩管理条例', article: '第三十条' })).toBe(
      '《宁夏回族自治区食品小作坊小经营店和食品摊贩管理条例》第三十条',
    );
  });

  it('joins several provisions with 、', () => {
    expect(
      citeLegalBases([
        { law: '中华人民共和国食品安全法', article: '第一百一十条', item: '（四）' },
        { law: '中华人民共和国行政强制法', article: '第二十二条' },
      ]),
    ).toBe('《食品安全法》第一百一十条（四）、《行政强制法》第二十二条');
    expect(citeLegalBases(undefined)).toBe('');
  });
});

describe('the kinds of list', () => {
  it('knows which lists have one action type and which cite provisions', () => {
    expect(hasActionType('enforcement_item')).toBe(true);
    expect(hasActionType('disclosure_rule')).toBe(true);
    expect(hasActionType('major_decision_rule')).toBe(true);
    expect(hasActionType('av_recording')).toBe(false); // actionTypes is a list there
    expect(hasActionType('service_guide')).toBe(false);
    expect(hasLegalBases('service_guide')).toBe(true);
    expect(hasLegalBases('av_recording')).toBe(false);
  });
});

describe('field values in Chinese', () => {
  it('names enum codes, joins lists and cites legal bases', () => {
    expect(
      formatFieldValue(
        { key: 'actionType', label: '行为类别', type: 'enum', isRequired: true, options: { penalty: '行政处罚' } },
        'penalty',
      ),
    ).toBe('行政处罚');
    const penaltyKinds = gradeFields.find((f) => f.key === 'penaltyKinds');
    expect(penaltyKinds && formatFieldValue(penaltyKinds, ['warning', 'fine'])).toBe('警告、罚款');
    expect(formatFieldValue({ key: 'materials', label: '申请材料', type: 'textList', isRequired: true }, ['申请书', '营业执照'])).toBe(
      '申请书；营业执照',
    );
    expect(
      formatFieldValue({ key: 'legalBases', label: '法律依据', type: 'legalBases', isRequired: true }, [
        { law: '中华人民共和国食品安全法', article: '第三十五条' },
      ]),
    ).toBe('《食品安全法》第三十五条');
    expect(formatFieldValue({ key: 'deadlineWorkingDays', label: '公开时限（工作日）', type: 'integer', isRequired: true }, 7)).toBe('7');
    expect(formatFieldValue({ key: 'scene', label: '执法场所与活动', type: 'text', isRequired: false }, undefined)).toBe('');
  });
});

describe("the server's error pointers, as people read them", () => {
  it('names the entry by its position from 1, then the field and sub-field', () => {
    expect(describePointer('enforcement_item', '/entries/3/legalBases/0/article')).toBe('第4条 · 法律依据 · 条');
    expect(describePointer('enforcement_item', '/entries/0/legalBases/2/law')).toBe('第1条 · 法律依据（第3个） · 法律法规名称');
    expect(describePointer('enforcement_item', '/entries/1/actionType')).toBe('第2条 · 行为类别');
    expect(describePointer('random_check_item', '/entries/0/legalBases/0/article')).toBe('第1条 · 抽查依据 · 条');
    expect(describePointer('discretion_benchmark', '/entries/4/grades/1/maxAmount')).toBe('第5条 · 裁量阶次（第2个） · 罚款上限（元）');
    expect(describePointer('service_guide', '/entries/2/materials/1')).toBe('第3条 · 申请材料（第2个）');
    expect(describePointer('enforcement_item', '/entries/7')).toBe('第8条');
    expect(describePointer('enforcement_item', '/opinion')).toBe('审核意见');
  });

  it('lists errors as “where：what”, at most the limit, and counts the rest', () => {
    const errors = [
      { pointer: '/entries/3/legalBases/0/article', detail: '格式不正确' },
      { pointer: '/entries/3/duties', detail: '必填字段，不能缺少' },
      { pointer: '/entries/5/code', detail: '编码 EI-001 与第 1 条重复' },
    ];
    expect(describeFieldErrors('enforcement_item', errors)).toEqual([
      '第4条 · 法律依据 · 条：格式不正确',
      '第4条 · 职责：必填字段，不能缺少',
      '第6条 · 编码：编码 EI-001 与第 1 条重复',
    ]);
    expect(describeFieldErrors('enforcement_item', errors, 2)).toEqual([
      '第4条 · 法律依据 · 条：格式不正确',
      '第4条 · 职责：必填字段，不能缺少',
      '另有 1 处问题未列出',
    ]);
  });

  it('finds the entry and the form field a pointer names', () => {
    expect(entryIndexOfPointer('/entries/12/name')).toBe(12);
    expect(entryIndexOfPointer('/opinion')).toBeNull();
    expect(formPathOfPointer('enforcement_item', '/entries/3/legalBases/0/article')).toEqual(['legalBases', 0, 'article']);
    expect(formPathOfPointer('discretion_benchmark', '/entries/0/grades/1/penaltyKinds/0')).toEqual(['grades', 1, 'penaltyKinds']);
    expect(formPathOfPointer('service_guide', '/entries/0/materials/4')).toEqual(['materials']);
    expect(formPathOfPointer('enforcement_item', '/entries/0/legalBases')).toEqual(['legalBases']);
    expect(formPathOfPointer('enforcement_item', '/opinion')).toBeNull();
  });
});
