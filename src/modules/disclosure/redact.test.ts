import { describe, expect, it } from 'vitest';
import { DomainError, errorTable } from '../../kernel/errors.js';
import { residentIdCheckCharacter } from '../../kernel/resident-id.js';
import { computeUsccCheckCharacter } from '../../kernel/uscc.js';
import { maskAddress, maskName } from './people.js';
import { maskPhoneValue, RedactionBlocked, redactionKindLabels, redactRecord, redactText } from './redact.js';

const idNumber = (first17: string) => first17 + residentIdCheckCharacter(first17);
const uscc = (first17: string) => first17 + computeUsccCheckCharacter(first17);
const redacted = (text: string, names: string[] = []) => redactText(text, { names }).text;
const kinds = (text: string, names: string[] = []) => redactText(text, { names }).findings.map((f) => f.kind);

describe('a natural person’s decision', () => {
  const paragraph =
    '当事人：张三，男，汉族，1990年3月7日出生，公民身份号码：64050219900307457X，住址：宁夏回族自治区中卫市沙坡头区文昌镇' +
    '长城东街12号院3号楼2单元301室，联系电话：139 1234 5678。经查，2026年10月15日，当事人张三在中卫市沙坡头区应理南路经营' +
    '无证摊点。依据《中华人民共和国食品安全法》第一百二十二条第一款，本机关决定对张三罚款5000元。';

  it('masks the ID number, address, phone and name, and keeps dates, citations and amounts', () => {
    expect(redacted(paragraph, ['张三'])).toBe(
      '当事人：张某，男，汉族，1990年3月7日出生，公民身份号码：640502************，住址：宁夏回族自治区中卫市沙坡头区文昌镇****，' +
        '联系电话：139********。经查，2026年10月15日，当事人张某在中卫市沙坡头区应理南路经营无证摊点。' +
        '依据《中华人民共和国食品安全法》第一百二十二条第一款，本机关决定对张某罚款5000元。',
    );
  });

  it('reports each masked span by kind and offset in the text given', () => {
    const { findings } = redactText(paragraph, { names: ['张三'] });
    expect(findings.map((f) => [f.kind, paragraph.slice(f.start, f.end)])).toEqual([
      ['name', '张三'],
      ['idNumber', '64050219900307457X'],
      ['address', '长城东街12号院3号楼2单元301室'],
      ['mobile', '139 1234 5678'],
      ['name', '张三'],
      ['name', '张三'],
    ]);
  });

  it('is idempotent: the public copy redacted again is unchanged and nothing is found', () => {
    const once = redacted(paragraph, ['张三']);
    expect(redactText(once, { names: ['张三'] })).toEqual({ text: once, findings: [] });
  });
});

describe('an organisation’s decision', () => {
  it('keeps the credit code, document number, amounts, dates, citations and plate as they are', () => {
    const text =
      '当事人：中卫市沙坡头区鑫源餐饮有限公司，统一社会信用代码：91640502MA76A1B2C3，住所：中卫市沙坡头区文昌镇应理南路18号。' +
      '本机关于2026年11月22日作出沙市监罚〔2026〕12号行政处罚决定（立案编号：沙市监立〔2026〕5号），依据《中华人民共和国' +
      '食品安全法》第一百二十四条第一款第（五）项，没收违法所得3万元，罚款30000元，合计人民币1,530,000.00元；' +
      '运输车辆宁E12345、宁ED12345于2026-11-01、2026/10/08被查获。';
    expect(redactText(text)).toEqual({ text, findings: [] });
  });

  it('keeps an all-digit credit code when it is labelled as one, or cannot be an ID number', () => {
    const code = uscc('12640502000123456');
    expect(redacted(`统一社会信用代码：${code}`)).toBe(`统一社会信用代码：${code}`);
    const unlabelled = uscc('11640502990013001'); // positions 7–14 are not a date
    expect(redacted(`（${unlabelled}）`)).toBe(`（${unlabelled}）`);
  });
});

describe('resident ID numbers', () => {
  const id = idNumber('64050219900307457');
  it('shows the division code and masks the rest, valid or not, in every written form', () => {
    for (const written of [
      id,
      '640502199003074571', // wrong check digit
      '640502 19900307 457X',
      '640502-1990-0307-457X',
      '6405 0219 9003 0745 7X',
      '６４０５０２１９９００３０７４５７Ｘ',
      '64050219900307457x',
    ]) {
      expect([written, redacted(`身份证${written}。`)]).toEqual([written, '身份证640502************。']);
    }
  });
  it('masks old 15-digit numbers', () => {
    expect(redacted('原身份证号640502900307457，')).toBe('原身份证号640502*********，');
  });
  it('does not take digits out of a longer run or an alphanumeric code', () => {
    expect(redacted('编号A640502199003074578B')).toBe('编号A640502199003074578B');
    expect(kinds('流水号6405021990030745781234')).toEqual([]);
  });
});

describe('phone numbers', () => {
  it('masks mobiles with +86, 86 and 0086 prefixes, spaces, hyphens and full-width digits, keeping the network prefix', () => {
    for (const written of [
      '13912345678',
      '+86 139 1234 5678',
      '+86-139-1234-5678',
      '8613912345678',
      '0086 13912345678',
      '（+86）13912345678',
      '１３９１２３４５６７８',
    ]) {
      expect([written, redacted(`手机${written}。`)]).toEqual([written, '手机139********。']);
    }
  });
  it('masks landlines after the area code, with extensions; a bare local number only after a phone label', () => {
    expect(redacted('电话0955-7012345，')).toBe('电话0955-*******，');
    expect(redacted('（0955）7012345；(010)62345678；021 62345678；09517012345')).toBe(
      '0955-*******；010-********；021-********；0951-*******',
    );
    expect(redacted('0955-7012345-801、0955-7012345转801')).toBe('0955-*******-***、0955-*******-***');
    expect(redacted('联系电话：7012345。')).toBe('联系电话：*******。');
    expect(redacted('案卷共7012345页')).toBe('案卷共7012345页');
  });
  it('leaves dates, amounts, document numbers and credit codes alone', () => {
    const text = '2026-11-22 13912345678 沙市监罚〔2026〕13912号 罚款139000元 91640502MA13912345';
    expect(redacted(text)).toBe('2026-11-22 139******** 沙市监罚〔2026〕13912号 罚款139000元 91640502MA13912345');
  });
  it('cuts a run of numbers into the pieces that are personal', () => {
    expect(redacted('13912345678 13812345678')).toBe('139******** 138********');
    expect(redacted('13912345678 2026')).toBe('139******** 2026');
  });
});

describe('bank cards', () => {
  it('masks labelled cards whatever their check digit, unlabelled ones only when Luhn-valid', () => {
    expect(redacted('银行卡号：6222 0212 3456 7890 123')).toBe('银行卡号：*******************');
    expect(redacted('账号为6222021234567890')).toBe('账号为****************');
    expect(redacted('转入4111111111111111后')).toBe('转入****************后');
    expect(redacted('执法记录仪编号4111111111111112')).toBe('执法记录仪编号4111111111111112');
  });
});

describe('addresses', () => {
  it('keeps the divisions down to the township and masks the rest', () => {
    expect(redacted('家庭住址：北京市朝阳区建外街道建国路88号SOHO现代城5号楼。')).toBe('家庭住址：北京市朝阳区建外街道****。');
    expect(redacted('现住址为宁夏中卫市沙坡头区迎水桥镇夹道村三组，')).toBe('现住址为宁夏中卫市沙坡头区迎水桥镇****，');
    expect(redacted('户籍地址：中卫市沙坡头区幸福小区3号楼，')).toBe('户籍地址：中卫市沙坡头区****，');
    expect(redacted('户籍所在地：长城东街12号')).toBe('户籍所在地：****');
  });
  it('reads 住 as a label in a party’s description when at least two divisions follow', () => {
    expect(redacted('男，1990年3月7日出生，住宁夏中卫市沙坡头区文昌镇长城东街12号，')).toBe(
      '男，1990年3月7日出生，住宁夏中卫市沙坡头区文昌镇****，',
    );
    const text = '当事人住院治疗，住在城区的宾馆，住宿费200元。';
    expect(redacted(text)).toBe(text);
  });
  it('stops at the next field, and keeps an organisation’s 住所 and a plain 地址', () => {
    expect(redacted('住址：中卫市沙坡头区文昌镇长城东街12号 电话：13912345678')).toBe('住址：中卫市沙坡头区文昌镇**** 电话：139********');
    const organisation = '住所：中卫市沙坡头区文昌镇应理南路18号，经营地址：中卫市沙坡头区鼓楼北街3号。';
    expect(redacted(organisation)).toBe(organisation);
  });
  it('masks an address value the same way as a field', () => {
    expect(maskAddress('广东省深圳市南山区粤海街道科技园路1号')).toBe('广东省深圳市南山区粤海街道****');
    expect(maskAddress('北京市通州区梨园镇')).toBe('北京市通州区梨园镇');
  });
});

describe('names', () => {
  it('keeps the surname (compound ones too) and masks the given name by its length', () => {
    expect(maskName('张三')).toBe('张某');
    expect(maskName('张三丰')).toBe('张某某');
    expect(maskName('欧阳娜娜')).toBe('欧阳某某');
    expect(maskName('司马光')).toBe('司马某');
    expect(maskName('阿依古丽·买买提')).toBe('阿某某');
    expect(maskName('张某某')).toBe('张某某');
  });
  it('masks in the style the deployment configures: always 某某, or one * per character', () => {
    expect(maskName('张三', 'fixed')).toBe('张某某');
    expect(maskName('欧阳娜娜', 'fixed')).toBe('欧阳某某');
    expect(maskName('张三', 'asterisk')).toBe('张*');
    expect(maskName('张三丰', 'asterisk')).toBe('张**');
    expect(maskName('司马光', 'asterisk')).toBe('司马*');
    expect(maskName('张**', 'asterisk')).toBe('张**');
    expect(redactText('张三丰与张三到场。', { names: ['张三', '张三丰'], nameStyle: 'asterisk' }).text).toBe('张**与张*到场。');
  });
  it('masks only the configured names, the longest first', () => {
    expect(redacted('张三丰与张三、欧阳娜娜、李四到场。', ['张三', '张三丰', '欧阳娜娜'])).toBe('张某某与张某、欧阳某某、李四到场。');
    expect(kinds('张三到场', [])).toEqual([]);
  });
});

describe('e-mail addresses and plates', () => {
  it('masks e-mail addresses, even with digits that look like a phone', () => {
    expect(redacted('邮箱：13912345678@163.com，zhang.san_88@example.com.cn。')).toBe('邮箱：***@***，***@***。');
  });
  it('keeps plates unless asked to mask them', () => {
    expect(redactText('车牌宁E12345、宁EF12345', { maskPlates: true }).text).toBe('车牌宁E*****、宁E******');
  });
  it('keeps the values it is told to keep, such as the agency’s own phone', () => {
    expect(redactText('投诉电话0955-7012345，当事人电话0955-7654321。', { keep: ['0955-7012345'] }).text).toBe(
      '投诉电话0955-7012345，当事人电话0955-*******。',
    );
  });
});

describe('classified information', () => {
  it('blocks a text marked as a state or trade secret, naming the reason', () => {
    const blocked = () => redactText('检验报告载明配方……', { classified: [{ kind: 'trade_secret', reason: '当事人申请保护的配方工艺' }] });
    expect(blocked).toThrow(RedactionBlocked);
    try {
      blocked();
    } catch (error) {
      expect(error).toBeInstanceOf(DomainError);
      expect((error as DomainError).code).toBe('disclosure.blocked');
      expect((error as DomainError).status).toBe(422);
      expect((error as DomainError).detail).toBe('涉及商业秘密，不予公开：当事人申请保护的配方工艺');
    }
    expect(errorTable['disclosure.blocked'].title).toBe('涉及国家秘密或商业秘密，不予公开');
  });
  it('blocks a marked passage only where it appears, and any text carrying a secrecy mark', () => {
    const classified = [{ kind: 'state_secret' as const, reason: '涉密检测数据', passage: '某型号参数' }];
    expect(redactText('无关内容', { classified }).text).toBe('无关内容');
    expect(() => redactText('其中某型号参数为……', { classified })).toThrow('涉及国家秘密，不予公开：涉密检测数据');
    expect(() => redactText('机密★10年 关于……的通报')).toThrow('国家秘密标志');
  });
});

describe('structured records', () => {
  const record = {
    partyName: '欧阳娜娜',
    idNumber: '640502-19900307-457X',
    phone: '+86 139 1234 5678',
    landline: '0955-7012345转801',
    address: '宁夏回族自治区中卫市沙坡头区文昌镇长城东街12号',
    email: 'ouyang@example.com',
    bankAccount: '6222 0212 3456 7890',
    creditCode: null,
    documentNumber: '沙市监罚〔2026〕12号',
    fine: 5000,
    facts: '经查，欧阳娜娜于2026年10月15日在沙坡头区经营无证摊点，联系电话13812345678。',
    internalNote: '内部讨论意见',
    evidence: [{ title: '询问笔录', summary: '欧阳娜娜承认……' }],
  };
  const spec = {
    fields: {
      partyName: 'name',
      idNumber: 'idNumber',
      phone: 'phone',
      landline: 'phone',
      address: 'address',
      email: 'email',
      bankAccount: 'bankCard',
      documentNumber: 'keep',
      internalNote: 'omit',
    },
  } as const;

  it('masks each field by its rule, the party’s name in every text field too, and omits what is not published', () => {
    const { record: published, findings } = redactRecord(record, spec);
    expect(published).toEqual({
      partyName: '欧阳某某',
      idNumber: '640502************',
      phone: '139********',
      landline: '0955-*******-***',
      address: '宁夏回族自治区中卫市沙坡头区文昌镇****',
      email: '***@***',
      bankAccount: '****************',
      creditCode: null,
      documentNumber: '沙市监罚〔2026〕12号',
      fine: 5000,
      facts: '经查，欧阳某某于2026年10月15日在沙坡头区经营无证摊点，联系电话138********。',
      evidence: [{ title: '询问笔录', summary: '欧阳某某承认……' }],
    });
    expect(findings.map((f) => `${f.field}:${f.kind}`)).toEqual([
      'partyName:name',
      'idNumber:idNumber',
      'phone:mobile',
      'landline:landline',
      'address:address',
      'email:email',
      'bankAccount:bankCard',
      'facts:name',
      'facts:mobile',
      'evidence.0.summary:name',
    ]);
    expect(redactRecord(published, spec)).toEqual({ record: published, findings: [] });
  });

  it('blocks the whole record when any published field carries a marked passage', () => {
    const classified = [{ kind: 'trade_secret' as const, reason: '配方', passage: '承认' }];
    expect(() => redactRecord(record, { ...spec, options: { classified } })).toThrow(RedactionBlocked);
    expect(() => redactRecord({ ...record, evidence: [] }, { ...spec, options: { classified } })).not.toThrow();
  });

  it('masks phone fields the way the text does', () => {
    expect(maskPhoneValue('（0955）7012345')).toEqual({ kind: 'landline', text: '0955-*******' });
    expect(maskPhoneValue('12345')).toEqual({ kind: 'landline', text: '*****' });
  });
});

it('labels every kind in Chinese', () => {
  expect(redactionKindLabels).toMatchObject({
    idNumber: '身份证号码',
    mobile: '手机号码',
    landline: '固定电话',
    bankCard: '银行卡号',
    address: '住址',
    name: '姓名',
    email: '电子邮箱',
  });
});
