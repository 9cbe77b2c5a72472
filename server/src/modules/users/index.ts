export {
  addCollectorShifts,
  collectorGridIds,
  collectorShifts,
  collectorsOnDuty,
  collectorUsers,
  nearestCollectorOnShift,
  recordLastPosition,
  removeCollectorShift,
  responsibleCollector,
  type ShiftInput,
  setCollectorGrids,
  type UserBrief,
  userBrief,
} from './collector-grids.service.js';
export { DEMO_PASSWORD, type DemoUser, demoUsers } from './demo-users.js';
export { registerAuthHook, registerUserRoutes } from './users.routes.js';
export { createUser, findUserIdByLogin, hashPassword } from './users.service.js';
export { ensureStaffAccounts, type StaffAccount } from './users-bulk.service.js';
