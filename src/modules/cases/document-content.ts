/**
 * What each step's documents say, built from the case and the step as recorded. Decisions and notices carry the
 * statutory wording (facts, legal basis, penalty, how and when to pay, the remedies); records and forms list the
 * step's fields under the case header.
 */
import type { Executor } from '../../db/database.js';
import { type PenaltyKind, penaltyKinds } from '../../kernel/vocabulary.js';
import { citeLegalBasis, type LegalBasis } from '../catalog/index.js';
import { type DocumentBlock, type DocumentContent, formatChineseDate } from '../documents/index.js';
import type { CaseRow, stepState } from './cases.service.js';
import type { ProcedureDefinition, StepDefinition, StepDocument } from './procedures/index.js';

export interface DocumentSource {
  caseRow: CaseRow;
  definition: ProcedureDefinition;
  step: StepDefinition;
  document: StepDocument;
  stepRow: ReturnType<typeof stepState>;
  number: string;
  verifyUrl: string;
}

const yuan = (amount: unknown) =>
  typeof amount === 'number' ? `${amount.toLocaleString('zh-CN', { minimumFractionDigits: 0, maximumFractionDigits: 2 })}元` : '';

function penaltyText(data: Record<string, unknown>): string {
  const kinds = (Array.isArray(data.penaltyKinds) ? data.penaltyKinds : []) as PenaltyKind[];
  return kinds
    .map((kind) => {
      if (kind === 'fine') return `罚款${yuan(data.fineAmount)}`;
      if (kind === 'confiscate_illegal_gains' && typeof data.confiscationAmount === 'number')
        return `没收违法所得${yuan(data.confiscationAmount)}`;
      return penaltyKinds[kind] ?? kind;
    })
    .join('，');
}

/** Ends a sentence the officer typed with a full stop if it has no closing punctuation. */
const sentence = (text: unknown) => {
  const value = String(text ?? '').trim();
  return /[。！？；）」』”]$/.test(value) ? value : `${value}。`;
};

const remedies =
  '如不服本决定，可以在收到本决定书之日起六十日内依法申请行政复议，或者在六个月内依法向人民法院提起行政诉讼。申请行政复议或者提起行政诉讼的，不停止本决定的执行，法律另有规定的除外。';

/** The document's content; `db` reads the officers' names and certificate numbers and the agency's name. */
export async function buildStepDocument(db: Executor, source: DocumentSource): Promise<DocumentContent> {
  const { caseRow, step, stepRow, document } = source;
  const agency = await db.selectFrom('agencies').select('name').where('id', '=', caseRow.agency_id).executeTakeFirstOrThrow();
  const officerIds = stepRow.officerIds.length > 0 ? stepRow.officerIds : (JSON.parse(caseRow.officer_ids) as string[]);
  const officers = officerIds.length
    ? await db
        .selectFrom('officers as o')
        .leftJoin('certificates as c', (join) => join.onRef('c.officer_id', '=', 'o.id').on('c.status', '!=', 'cancelled'))
        .select(['o.id', 'o.name', 'c.number'])
        .where('o.id', 'in', officerIds)
        .execute()
    : [];
  const officerText = officerIds
    .map((id) => officers.find((o) => o.id === id))
    .filter((o) => o !== undefined)
    .map((o) => (o.number ? `${o.name}（执法证号 ${o.number}）` : o.name))
    .join('、');
  const bases = (JSON.parse(caseRow.legal_bases) as LegalBasis[]).map(citeLegalBasis).join('、');
  const data = stepRow.data;
  const partyId = caseRow.party_type === 'person' ? caseRow.party_id_masked : caseRow.party_credit_code;
  const header: DocumentBlock = {
    type: 'fields',
    rows: [
      { label: '案号', value: caseRow.number },
      { label: '案由', value: caseRow.title },
      { label: '当事人', value: caseRow.party_name },
      { label: caseRow.party_type === 'person' ? '公民身份号码' : '统一社会信用代码', value: partyId ?? '' },
      ...(caseRow.party_address ? [{ label: '住所（地址）', value: caseRow.party_address }] : []),
      { label: '执法事项', value: `${caseRow.item_name}（${bases}）` },
      ...(officerText ? [{ label: '执法人员', value: officerText }] : []),
      { label: step.label === document.title ? '日期' : `${step.label}日期`, value: formatChineseDate(stepRow.occurredOn) },
    ],
  };
  const blocks: DocumentBlock[] = [];
  const party = caseRow.party_type === 'person' ? '你' : '你单位';
  switch (document.kind) {
    case 'penalty_decision':
    case 'summary_penalty_decision':
      blocks.push(
        header,
        { type: 'heading', text: '一、违法事实' },
        { type: 'paragraph', text: sentence(data.facts) },
        { type: 'heading', text: '二、处罚依据' },
        { type: 'paragraph', text: `上述行为违反了${bases}的规定。` },
        { type: 'heading', text: '三、处罚决定' },
        { type: 'paragraph', text: `依据${bases}，本机关决定给予当事人以下行政处罚：${penaltyText(data)}。` },
      );
      if (typeof data.fineAmount === 'number') {
        blocks.push(
          { type: 'heading', text: '四、履行方式和期限' },
          {
            type: 'paragraph',
            text: '当事人应当自收到本决定书之日起十五日内缴纳罚款。到期不缴纳罚款的，本机关可以每日按罚款数额的百分之三加处罚款，加处罚款的数额不超出罚款的数额（《中华人民共和国行政处罚法》第六十七条、第七十二条）。',
          },
        );
      }
      blocks.push({ type: 'note', text: remedies });
      break;
    case 'prior_notice':
      blocks.push(
        header,
        {
          type: 'paragraph',
          text: `经调查，${party}${sentence(data.facts)}上述行为违反了${bases}的规定，本机关拟给予以下行政处罚：${penaltyText(data)}。`,
        },
        {
          type: 'paragraph',
          text: `根据《中华人民共和国行政处罚法》第四十四条、第四十五条${data.hearingRight === true ? '、第六十三条、第六十四条' : ''}的规定，${party}有权进行陈述和申辩${
            data.hearingRight === true ? '，并有权要求举行听证' : ''
          }。请于收到本告知书之日起五个工作日内向本机关提出，逾期视为放弃上述权利。`,
        },
      );
      break;
    case 'no_penalty_decision':
      blocks.push(
        header,
        { type: 'paragraph', text: `经调查，${sentence(data.reason)}` },
        {
          type: 'paragraph',
          text: `根据《中华人民共和国行政处罚法》第三十三条，本机关决定对当事人不予行政处罚。${data.ground === 'first_violation' ? '本机关已对当事人进行教育。' : ''}`,
        },
        { type: 'note', text: remedies },
      );
      break;
    default:
      blocks.push(header);
      for (const field of step.fields) {
        const value = data[field.key];
        if (value === undefined) continue;
        const text =
          field.kind === 'boolean'
            ? value
              ? '是'
              : '否'
            : field.kind === 'select'
              ? (field.options?.[String(value)] ?? String(value))
              : field.kind === 'amount'
                ? yuan(value)
                : field.kind === 'penaltyKinds'
                  ? penaltyText(data)
                  : field.kind === 'date'
                    ? formatChineseDate(String(value))
                    : String(value);
        if (field.kind === 'textarea') blocks.push({ type: 'heading', text: field.label }, { type: 'paragraph', text });
        else blocks.push({ type: 'paragraph', text: `${field.label}：${text}`, indent: false });
      }
  }
  blocks.push({ type: 'signature', lines: [agency.name], date: stepRow.occurredOn });
  return {
    kind: document.kind,
    title: document.title,
    agencyName: agency.name,
    number: source.number,
    blocks,
    verifyUrl: source.verifyUrl,
  };
}
