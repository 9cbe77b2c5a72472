// Public entry of the taxonomy module (案件类别字典). Other modules import from here only.

export { type CategoryKind, categoryKindLabels, categoryKindSchema } from './category-kind.js';
export type { CategoryCreateInput, CategoryPatchInput } from './category-schemas.js';
export type { CategoryTreeKind, CategoryTreeMajor } from './category-tree.js';
export {
  buildDemoCategories,
  type DemoCategory,
  type DemoMajor,
  demoMajors,
  LEGACY_SCHEME,
} from './demo-categories.js';
export { type DemoUnitName, demoUnitNames } from './demo-units.js';
export { type CategoryTsvRow, parseCategoryTsv } from './parse-category-tsv.js';
export {
  formatStageLimit,
  MAX_LIMIT_AMOUNT,
  type Stage,
  type StageLimit,
  stageLabels,
  stageLimitSchema,
  stageSchema,
  stages,
  type TimeLimits,
  type TimeUnit,
  timeLimitsSchema,
  timeUnitLabels,
  timeUnitSchema,
} from './stages.js';
export { registerTaxonomyRoutes } from './taxonomy.routes.js';
export {
  type CategoryFilter,
  type CategoryRow,
  createCategory,
  findCategory,
  getCategory,
  listCategories,
  listCategoryTree,
  type SeedCategoriesResult,
  seedDemoCategories,
  updateCategory,
} from './taxonomy.service.js';
