export { registerCalendarRoutes } from './calendar.routes.js';
export { addYear, getYear, listYears, loadCalendar } from './calendar.service.js';
export { calendarStateChecks } from './state-checks.js';
