// Public entry of the geo module: regions (city → district → street → community), unit grids
// and point lookup. Other modules import from here only.

export {
  DEMO_CITY_CODE,
  DEMO_CITY_NAME,
  DEMO_GRID_SIZE,
  type DemoGeography,
  type DemoGrid,
  type DemoKnownPoint,
  type DemoRegion,
  demoGeography,
  type RegionLevel,
} from './demo-geography.js';
export { registerGeoRoutes } from './geo.routes.js';
export { locatePoint, locatePointOrThrow, seedDemoGeography } from './geo.service.js';
export type {
  GridDto,
  GridFeatureCollection,
  ImportRejection,
  ImportResult,
  LocateResult,
  RegionDto,
  RegionRef,
} from './geo-shapes.js';
export { checkAreaGeometry, type GeometryCheck } from './geometry-validation.js';
export {
  createGrid,
  findGridByCode,
  type GridInput,
  type GridPatch,
  getGrid,
  gridsToFeatureCollection,
  importGridsGeoJson,
  listGrids,
  MAX_IMPORT_FEATURES,
  updateGrid,
} from './grids.service.js';
export { cleanAliases, normaliseName, WHITESPACE_PG_CLASS } from './names.js';
export {
  findPartByCode,
  getPart,
  listParts,
  type NewPartRow,
  nextPartCode,
  type PartRow,
  type PartStatus,
  partStatuses,
  partStatusLabels,
  savePartRows,
  updatePart,
} from './parts.service.js';
export {
  type AreaGeometry,
  type BBox,
  bboxContains,
  bboxOf,
  type MultiPolygonGeometry,
  type PolygonGeometry,
  type Position,
  pointInGeometry,
  rectangle,
} from './point-in-polygon.js';
export {
  createRegion,
  findRegionByCode,
  findRegionByName,
  getRegion,
  listRegions,
  type RegionInput,
  type RegionPatch,
  updateRegion,
} from './regions.service.js';
