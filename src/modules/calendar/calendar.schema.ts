import { type Static, Type } from 'typebox';
import { StringEnum } from '../../http/schemas.js';

const IsoDate = (description: string) =>
  Type.String({ format: 'date', description: `${description}（YYYY-MM-DD）`, examples: ['2026-09-30'] });

export const AddWorkingDaysQuery = Type.Object(
  {
    date: IsoDate('起算日期，当日不计入'),
    days: Type.Integer({ minimum: 0, maximum: 3660, description: '工作日天数；0 表示当日（当日不是工作日时为其后第一个工作日）' }),
  },
  { additionalProperties: false },
);
export const AddWorkingDaysResult = Type.Object({ date: Type.String({ format: 'date', description: '第 N 个工作日（YYYY-MM-DD）' }) });

export const BetweenQuery = Type.Object(
  { from: IsoDate('起始日期，当日不计入'), to: IsoDate('截止日期，当日计入') },
  { additionalProperties: false },
);
export const BetweenResult = Type.Object({
  days: Type.Integer({ description: '起始日期之后至截止日期（含）的工作日天数；截止日期早于起始日期时为负数' }),
});

const Notice = Type.Union([
  Type.Object({
    title: Type.String({ description: '通知名称' }),
    docNo: Type.String({ description: '文号' }),
    docNoVerification: Type.String({ description: '文号的核对情况' }),
    issued: Type.String({ description: '发布日期' }),
  }),
  Type.Null(),
]);

const yearSummaryFields = {
  year: Type.Integer(),
  origin: StringEnum(['shipped', 'added'] as const, { description: 'shipped：随系统发布；added：系统管理员录入' }),
  source: Type.String({ description: '数据来源：随系统发布的年份为 chinese-days 包及其文件；录入的年份为管理员填写的通知名称和文号' }),
  checkedAgainstNotice: Type.Boolean({ description: '是否已与国务院办公厅通知原文逐日核对' }),
  notice: Notice,
  addedAt: Type.Union([Type.String({ format: 'date-time' }), Type.Null()], { description: '录入时间（随系统发布的年份为 null）' }),
};

export const YearSummary = Type.Object({
  ...yearSummaryFields,
  holidayCount: Type.Integer({ description: '放假日期数（含假期内的周末）' }),
  workdayCount: Type.Integer({ description: '调休上班日数' }),
});
export const YearList = Type.Object({
  items: Type.Array(YearSummary),
  description: Type.String({ description: '数据来源与核对情况的说明' }),
});

const Day = Type.Object({
  date: Type.String({ format: 'date' }),
  weekday: Type.String({ description: '星期几' }),
  name: Type.Union([Type.String(), Type.Null()], { description: '节日名称（来源给出时）' }),
});
export const YearDetail = Type.Object({
  ...yearSummaryFields,
  holidays: Type.Array(Day, { description: '放假日期' }),
  workdays: Type.Array(Day, { description: '调休上班日' }),
});

export const YearParams = Type.Object({ year: Type.Integer({ minimum: 1000, maximum: 9999 }) });

export const AddYearBody = Type.Object(
  {
    year: Type.Integer({ minimum: 2000, maximum: 2100, description: '年份：只能是已知最后一年的下一年' }),
    holidays: Type.Array(IsoDate('放假日期'), { maxItems: 120, description: '该年的全部放假日期（含假期内的周末），均须在该年内' }),
    workdays: Type.Array(IsoDate('调休上班日'), { maxItems: 60, description: '调休上班日，均须为该年内的星期六或星期日' }),
    source: Type.String({
      minLength: 1,
      maxLength: 200,
      description: '通知名称和文号，如“国务院办公厅关于2027年部分节假日安排的通知（国办发明电〔2026〕X号）”',
    }),
  },
  { additionalProperties: false },
);
export type AddYearInput = Static<typeof AddYearBody>;
