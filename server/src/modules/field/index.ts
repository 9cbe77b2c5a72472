// Public entry of the field module: collectors, GPS tracks and patrol metrics, the parts
// inventory workflow, machine intake (video/drone) and campaigns. Other modules import from here only.

export {
  type CampaignDistrictCounts,
  type CampaignMonthList,
  campaignCountsByDistrict,
  campaignMonthLists,
  importCampaignHistory,
} from './campaign-reports.service.js';
export { countCasesByTag } from './category-tags.service.js';
export { registerFieldRoutes } from './field.routes.js';
export { machineIntakeCounts } from './intake.service.js';
export { type ImportProgress, importParts, type PartsImportReport } from './parts.service.js';
export { type DayReport, dailyReports } from './patrol-report.service.js';
export { getFieldSettings } from './settings.service.js';
export { type ReplyRates, replyRates, type TaskOutcome } from './verification-rates.js';
export {
  type CollectorReplyRates,
  monthRange,
  verificationReplyRates,
} from './verification-rates.service.js';
