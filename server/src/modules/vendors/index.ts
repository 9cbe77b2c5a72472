// Public entry of the vendors module (外包单位考核: contracts, checklists, inspections).

export { type Checklist, defaultIndicators, type IndicatorSpec } from './default-indicators.js';
export { type AssessedRow, conclusion } from './vendor-rules.js';
export { registerVendorRoutes } from './vendors.routes.js';
export { seedDemoVendorContracts, type VendorAssessment, vendorAssessments } from './vendors.service.js';
