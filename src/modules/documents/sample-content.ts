/**
 * A made-up penalty decision with every kind of block, for tests and for looking at the layout
 * (`npx tsx src/modules/documents/sample-content.ts out.pdf`). The party, facts and numbers are invented.
 */
import type { DocumentContent } from './content.js';

export function samplePenaltyDecision(number: string, verifyUrl: string, agencyName = '沙坡头区市场监督管理局'): DocumentContent {
  return {
    kind: 'penalty_decision',
    title: '行政处罚决定书',
    agencyName,
    number,
    verifyUrl,
    blocks: [
      {
        type: 'fields',
        rows: [
          { label: '当事人', value: '中卫市某某商贸有限公司' },
          { label: '统一社会信用代码', value: '91640502MA7XXXXXXX' },
          { label: '住所', value: '中卫市沙坡头区某某路 1 号' },
          { label: '法定代表人', value: '张某' },
        ],
      },
      {
        type: 'paragraph',
        text: '当事人销售超过保质期的食品一案，本局于2026年9月1日立案调查。经查明，当事人于2026年8月20日在其经营场所销售超过保质期的预包装食品共计12件，货值金额360元，违法所得48元。',
      },
      { type: 'heading', text: '一、违法事实与证据' },
      {
        type: 'paragraph',
        text: '上述事实有现场笔录、询问笔录、进货票据、现场照片及执法记录仪音像记录等证据证实。本局于2026年10月8日向当事人送达了《行政处罚告知书》，当事人在法定期限内未提出陈述、申辩，也未要求听证。',
      },
      { type: 'heading', text: '二、处罚依据与决定' },
      {
        type: 'paragraph',
        text: '当事人的行为违反了《中华人民共和国食品安全法》第三十四条第十项的规定。依据该法第一百二十四条第一款第五项的规定，本局决定：没收违法所得48元，没收违法经营的食品12件，并处罚款5000元。',
      },
      {
        type: 'paragraph',
        text: '当事人应当自收到本决定书之日起十五日内，将罚款缴至指定银行或者通过电子支付系统缴纳。到期不缴纳的，每日按罚款数额的百分之三加处罚款。',
      },
      { type: 'signature', lines: [agencyName], date: '2026-11-22' },
      {
        type: 'note',
        text: '当事人如不服本决定，可以在收到本决定书之日起六十日内向中卫市沙坡头区人民政府申请行政复议，或者在六个月内依法向人民法院提起行政诉讼。',
      },
    ],
  };
}
