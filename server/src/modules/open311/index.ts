// Public entry of the open311 module: Open311 GeoReport v2, the citizen report page (公众随手拍)
// with its public status page, API keys and moderation of public output.

export { createApiKey } from './api-keys.service.js';
export { runIntakeJob } from './intake.service.js';
export { runOpen311Jobs, startOpen311Worker } from './open311.jobs.js';
export { registerOpen311 } from './open311.plugin.js';
export { intakeLogin, seedOpen311 } from './open311-seed.js';
export { PUBLIC_LIMITS } from './public-report.service.js';
export { redactPersonal } from './redact.js';
