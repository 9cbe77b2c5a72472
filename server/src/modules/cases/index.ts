export { type CaseHistoryWriter, openCaseHistoryWriter } from './case-bulk.service.js';
export {
  type CaseTransitionEvent,
  type CaseTransitionListener,
  onCaseTransition,
} from './case-events.js';
export { type ExchangeRejection, exchangeColumns } from './case-exchange.js';
export {
  type ExchangeProgress,
  exportCasesCsv,
  exportRange,
  type ImportReport,
  importCasesCsv,
} from './case-exchange.service.js';
export {
  type CaseBrief,
  caseBriefs,
  casesInCategories,
  findOpenCasesNear,
  type NearbyCase,
  type VerificationTask,
  verificationTasks,
} from './case-field.service.js';
export type { CaseHistory, HistoryCase, HistoryStep, StageClock } from './case-history.js';
export { attachCasePhoto } from './case-media.service.js';
export { registerCaseRoutes } from './cases.routes.js';
export { reportCase, transitionCase } from './cases.service.js';
