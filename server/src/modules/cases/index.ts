export { type ExchangeRejection, exchangeColumns } from './case-exchange.js';
export {
  type ExchangeProgress,
  exportCasesCsv,
  exportRange,
  type ImportReport,
  importCasesCsv,
} from './case-exchange.service.js';
export { registerCaseRoutes } from './cases.routes.js';
export { reportCase, transitionCase } from './cases.service.js';
