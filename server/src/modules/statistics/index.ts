// Public entry of the statistics module (口径, monthly figures, assessment tables).

export { type CaseFacts, caseFacts, type LogRow, tallyCases, type UnitCounts } from './case-facts.js';
export { isMonth, monthOf, monthRange, previousMonth, reportWindow } from './month.js';
export {
  countChangeText,
  formatNumber,
  formatPercent,
  NO_VALUE,
  percentPointDelta,
  rateChangeText,
  ratio,
} from './rates.js';
export {
  type AssessmentTable,
  assessmentTableLabels,
  assessmentTables,
  indicatorLabels,
  type SchemeDefinition,
} from './scoring.js';
export { figureReaderRoles, monthSchema, registerStatisticsRoutes } from './statistics.routes.js';
export {
  type AssessmentRow,
  type AssessmentTableResult,
  collectionFigures,
  type Headline,
  type HotlineFigures,
  type MonthlyFigures,
  monthlyCaseCounts,
  monthlyFigures,
  staffScores,
} from './statistics.service.js';
