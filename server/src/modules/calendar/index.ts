// The calendar module's public entry (DESIGN.md §2): working time on the city calendar.

export { registerCalendarRoutes } from './calendar.routes.js';
export { computeDeadline, loadWorkCalendar, type SeedResult, seedCalendar } from './calendar.service.js';
export {
  addWorkingTime,
  type DayKind,
  isWorkingDay,
  type TimeLimit,
  type TimeUnit,
  type WorkCalendar,
  type WorkingInstant,
  type WorkPeriod,
  warningInstant,
  workingMinutesBetween,
} from './working-time.js';
