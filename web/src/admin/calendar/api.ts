/** Typed calls to the working-day calendar's API (src/modules/calendar/calendar.routes.ts). */
import { api } from '../../api';

export interface CalendarNotice {
  title: string;
  docNo: string;
  docNoVerification: string;
  issued: string;
}

export interface CalendarYearSummary {
  year: number;
  origin: 'shipped' | 'added';
  source: string;
  checkedAgainstNotice: boolean;
  notice: CalendarNotice | null;
  addedAt: string | null;
  holidayCount: number;
  workdayCount: number;
}

export interface CalendarDay {
  date: string;
  weekday: string;
  name: string | null;
}

export type CalendarYearDetail = Omit<CalendarYearSummary, 'holidayCount' | 'workdayCount'> & {
  holidays: CalendarDay[];
  workdays: CalendarDay[];
};

export interface NewCalendarYear {
  year: number;
  holidays: string[];
  workdays: string[];
  source: string;
}

export const calendar = {
  years: () => api.get<{ items: CalendarYearSummary[]; description: string }>('/api/calendar/years'),
  year: (year: number) => api.get<CalendarYearDetail>(`/api/calendar/years/${year}`),
  addYear: (body: NewCalendarYear) => api.post<CalendarYearDetail>('/api/calendar/years', body),
  addWorkingDays: (date: string, days: number) => api.get<{ date: string }>('/api/calendar/add-working-days', { date, days }),
};
