// Public entry of the org module: handling units (处置单位) and the city row.

export { type DemoUnit, demoUnits, type UnitKind } from './demo-units.js';
export { registerOrgRoutes } from './org.routes.js';
export {
  createUnit,
  ensureCity,
  findDistrictGovernmentUnit,
  findUnitByName,
  getUnit,
  listUnits,
  lookupUnitOrThrow,
  seedDemoUnits,
  type UnitDto,
  type UnitInput,
  type UnitPatch,
  updateUnit,
} from './org.service.js';
