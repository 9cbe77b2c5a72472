import type { ColumnType, Generated, Insertable, Selectable, Updateable } from 'kysely';

// Table shapes as Kysely sees them (camelCase; CamelCasePlugin maps to snake_case columns).
// Written by hand beside migrations/; the migration is the source of truth.

type Timestamp = ColumnType<Date, Date | string, Date | string>;
type GeneratedTimestamp = ColumnType<Date, Date | string | undefined, Date | string>;
type NullableTimestamp = ColumnType<Date | null, Date | string | null, Date | string | null>;
type Json<T> = ColumnType<T, string, string>;

export interface CitiesTable {
  code: string;
  name: string;
  timezone: Generated<string>;
  createdAt: GeneratedTimestamp;
}

export interface Polygon {
  type: 'Polygon' | 'MultiPolygon';
  coordinates: number[][][] | number[][][][];
}

export interface RegionsTable {
  id: string;
  cityCode: string;
  code: string;
  name: string;
  level: 'city' | 'district' | 'street' | 'community';
  parentId: string | null;
  aliases: Generated<string[]>;
  boundary: Json<Polygon> | null;
  minLng: number | null;
  minLat: number | null;
  maxLng: number | null;
  maxLat: number | null;
}

export interface GridsTable {
  id: string;
  cityCode: string;
  code: string;
  name: string | null;
  communityId: string;
  streetId: string;
  districtId: string;
  areaClass: Generated<string>;
  boundary: Json<Polygon>;
  minLng: number;
  minLat: number;
  maxLng: number;
  maxLat: number;
}

export interface UnitsTable {
  id: string;
  cityCode: string;
  name: string;
  kind: 'district_government' | 'city_department' | 'enterprise';
  aliases: Generated<string[]>;
  regionId: string | null;
  phone: string | null;
  active: Generated<boolean>;
  createdAt: GeneratedTimestamp;
}

export interface StageLimit {
  amount: number;
  unit: 'minute' | 'hour' | 'day';
}

export interface CategoriesTable {
  id: string;
  cityCode: string;
  scheme: string;
  kind: 'event' | 'part';
  majorCode: string;
  majorName: string;
  code: string;
  name: string;
  nameEn: string | null;
  filingStandard: Generated<string>;
  closingStandard: Generated<string>;
  defaultUnitId: string | null;
  timeLimits: Json<Record<string, StageLimit>>;
  active: Generated<boolean>;
  version: Generated<number>;
}

export interface CalendarSettingsTable {
  cityCode: string;
  workPeriods: Json<{ start: string; end: string }[]>;
  warningShare: ColumnType<string | number, number, number>;
  /** 0011: renewed by the database on any calendar change (the in-memory cache key). */
  revision: Generated<string>;
}

export interface CalendarYearsTable {
  cityCode: string;
  year: number;
  source: string;
  importedAt: GeneratedTimestamp;
}

export interface CalendarDaysTable {
  cityCode: string;
  day: ColumnType<string, string, string>;
  kind: 'holiday' | 'workday';
  name: Generated<string>;
}

export interface UsersTable {
  id: string;
  cityCode: string;
  login: string;
  displayName: string;
  role: string;
  unitId: string | null;
  regionId: string | null;
  passwordHash: string;
  failedLogins: Generated<number>;
  lockedUntil: NullableTimestamp;
  active: Generated<boolean>;
  createdAt: GeneratedTimestamp;
}

export interface SessionsTable {
  tokenHash: string;
  userId: string;
  cityCode: string;
  createdAt: Timestamp;
  lastSeenAt: Timestamp;
  ip: string | null;
}

export interface AuditLogTable {
  id: Generated<string>;
  cityCode: string;
  at: GeneratedTimestamp;
  userId: string | null;
  login: string | null;
  role: string | null;
  action: string;
  objectType: string;
  objectId: string | null;
  success: boolean;
  ip: string | null;
  detail: Json<Record<string, unknown>>;
}

export interface CaseNumberCountersTable {
  cityCode: string;
  day: ColumnType<string, string, string>;
  lastSeq: number;
}

export interface CasesTable {
  id: string;
  cityCode: string;
  caseNo: string;
  source: string;
  kind: 'event' | 'part';
  categoryId: string;
  description: string;
  address: string | null;
  lng: number;
  lat: number;
  gridId: string | null;
  districtId: string | null;
  streetId: string | null;
  reporterId: string | null;
  assigneeId: string | null;
  unitId: string | null;
  status: string;
  version: Generated<number>;
  selfDisposed: Generated<boolean>;
  urgent: Generated<boolean>;
  supervision: 'normal' | 'yellow' | 'red' | null;
  reportedAt: Timestamp;
  filedAt: NullableTimestamp;
  voidedAt: NullableTimestamp;
  parkedAt: NullableTimestamp;
  dispatchedAt: NullableTimestamp;
  deadlineAt: NullableTimestamp;
  disposedAt: NullableTimestamp;
  checkedAt: NullableTimestamp;
  closedAt: NullableTimestamp;
  stageDeadlineAt: NullableTimestamp;
  stageWarningAt: NullableTimestamp;
  deadlineEstimated: Generated<boolean>;
  pendingExtensionUntil: NullableTimestamp;
  reworkCount: Generated<number>;
  extensionCount: Generated<number>;
  returnCount: Generated<number>;
  idempotencyKey: string | null;
  requestHash: string | null;
  createdAt: GeneratedTimestamp;
  updatedAt: GeneratedTimestamp;
  /** 0004-field: the inventoried part a part case is about */
  partId: string | null;
}

export interface CaseTransitionsTable {
  id: Generated<string>;
  cityCode: string;
  caseId: string;
  seq: number;
  action: string;
  fromStatus: string | null;
  toStatus: string;
  actorId: string | null;
  actorRole: string | null;
  at: Timestamp;
  note: string | null;
  deadlineAt: NullableTimestamp;
  unitId: string | null;
  data: Json<Record<string, unknown>>;
}

/** 0006-case-rollups: one case's facts as of the end of the month it was reported in (triggers). */
export interface CaseMonthFactsTable {
  caseId: string;
  cityCode: string;
  month: string;
  districtId: string | null;
  categoryId: string | null;
  source: string;
  filed: boolean;
  selfDisposed: boolean;
  due: boolean;
  disposed: boolean;
  onTime: boolean;
  closed: boolean;
}

/** 0006-case-rollups: a due case's facts for one unit it was sent to (triggers). */
export interface CaseUnitMonthFactsTable {
  caseId: string;
  unitId: string;
  cityCode: string;
  month: string;
  disposed: boolean;
  onTime: boolean | null;
  closed: boolean;
  extended: boolean;
  reworked: boolean;
  openDeadline: Date | null;
}

export interface MediaTable {
  id: string;
  cityCode: string;
  caseId: string;
  stage: 'report' | 'dispose' | 'check' | 'before' | 'after';
  storageKey: string;
  contentType: string;
  byteSize: number;
  sha256: string;
  /** Digest of the bytes as uploaded, before their metadata was stripped (0014; null before). */
  uploadedSha256: string | null;
  uploadedBy: string | null;
  createdAt: GeneratedTimestamp;
}

// ── Open311, citizen reporting and outbound integration (migration 0005-open311) ──────────────

export interface Open311ApiKeysTable {
  id: string;
  cityCode: string;
  name: string;
  keyPrefix: string;
  keyHash: string;
  perMinute: Generated<number>;
  createdBy: string | null;
  createdAt: GeneratedTimestamp;
  lastUsedAt: NullableTimestamp;
  revokedAt: NullableTimestamp;
}

export interface Open311ServicesTable {
  cityCode: string;
  serviceCode: string;
  type: Generated<'realtime' | 'batch' | 'blackbox'>;
  keywords: string | null;
  attributes: Json<unknown[]>;
}

export interface Open311RequestsTable {
  id: string;
  cityCode: string;
  token: string;
  channel: 'open311' | 'report_page';
  apiKeyId: string | null;
  serviceCode: string;
  input: Json<Record<string, unknown>>;
  attributes: Json<Record<string, unknown>>;
  contact: Json<Record<string, string>>;
  media: Json<{ storageKey: string; contentType: string; byteSize: number; sha256: string }[]>;
  status: 'pending' | 'done' | 'failed';
  caseId: string | null;
  error: Json<Record<string, unknown>> | null;
  attempts: Generated<number>;
  lockedUntil: NullableTimestamp;
  createdAt: Timestamp;
  processedAt: NullableTimestamp;
}

export interface PublicCaseFlagsTable {
  caseId: string;
  cityCode: string;
  hidden: boolean;
  reason: string;
  changedBy: string | null;
  changedAt: Timestamp;
}

export interface PowChallengesTable {
  challenge: string;
  cityCode: string;
  difficulty: number;
  expiresAt: Timestamp;
  usedAt: NullableTimestamp;
}

export interface RateLimitWindowsTable {
  bucket: string;
  windowStart: Timestamp;
  hits: number;
}

export interface WebhookSubscriptionsTable {
  id: string;
  cityCode: string;
  name: string;
  url: string;
  secret: string;
  eventTypes: Json<string[]>;
  active: Generated<boolean>;
  createdBy: string | null;
  createdAt: Timestamp;
}

export interface OutboxEventsTable {
  id: string;
  cityCode: string;
  eventType: string;
  payload: Json<Record<string, unknown>>;
  dedupeKey: string | null;
  createdAt: Timestamp;
}

export interface WebhookDeliveriesTable {
  id: string;
  cityCode: string;
  eventId: string;
  subscriptionId: string;
  status: 'pending' | 'delivered' | 'dead';
  attempts: Generated<number>;
  nextAttemptAt: Timestamp;
  lockedUntil: NullableTimestamp;
  lastError: string | null;
  deliveredAt: NullableTimestamp;
  createdAt: Timestamp;
}

export interface WebhookAttemptsTable {
  id: string;
  cityCode: string;
  deliveryId: string;
  attemptNo: number;
  at: Timestamp;
  httpStatus: number | null;
  error: string | null;
  durationMs: number;
}

export interface ExchangeSettingsTable {
  cityCode: string;
  targetUrl: string | null;
  targetDir: string | null;
  active: Generated<boolean>;
}

export interface ExchangeRunsTable {
  id: string;
  cityCode: string;
  period: string;
  trigger: 'schedule' | 'manual';
  status: 'running' | 'delivered' | 'failed';
  target: string | null;
  caseCount: number | null;
  files: Json<{ name: string; bytes: number; sha256: string }[]>;
  error: string | null;
  attempts: Generated<number>;
  lockedUntil: NullableTimestamp;
  startedAt: Timestamp;
  finishedAt: NullableTimestamp;
}
/** mySociety POST servicerequestupdates: a client's public note on a case (0009-open311-updates). */
export interface Open311RequestUpdatesTable {
  id: string;
  cityCode: string;
  caseId: string;
  apiKeyId: string;
  clientUpdateId: string;
  requestedStatus: string;
  description: string;
  mediaUrls: Json<string[]>;
  contact: Json<Record<string, string>>;
  clientUpdatedAt: Timestamp;
  receivedAt: Timestamp;
}
// ── end of the Open311 / integration section ──────────────────────────────────────────────────

// ── Statistics, assessment, contractors and bulletin text (0003-statistics) ──────────────────
export interface ScoringSchemesTable {
  id: string;
  cityCode: string;
  tableKey: 'regions' | 'departments' | 'enterprises';
  version: number;
  effectiveFrom: string;
  name: string;
  definition: Json<unknown>;
  createdBy: string | null;
  createdAt: GeneratedTimestamp;
}

export interface RankingExclusionsTable {
  id: string;
  cityCode: string;
  tableKey: 'regions' | 'departments' | 'enterprises';
  unitId: string;
  fromMonth: string;
  untilMonth: string | null;
  note: Generated<string>;
  createdBy: string | null;
  createdAt: GeneratedTimestamp;
}

export interface VendorContractsTable {
  id: string;
  cityCode: string;
  checklist: 'collection' | 'hall' | 'hotline';
  company: string;
  packageName: string;
  areaLabel: Generated<string>;
  districtIds: Generated<string[]>;
  staffCount: Generated<number>;
  dailyQuota: ColumnType<number, number | undefined, number>;
  personDayBasis: Generated<'calendar' | 'attended'>;
  seq: Generated<number>;
  active: Generated<boolean>;
  createdAt: GeneratedTimestamp;
}

export interface VendorIndicatorsTable {
  id: string;
  cityCode: string;
  checklist: 'collection' | 'hall' | 'hotline';
  code: string;
  seq: number;
  groupLabel: Generated<string>;
  name: string;
  definition: Generated<string>;
  dataSource: Generated<string>;
  ruleText: Generated<string>;
  formula: string | null;
  unitLabel: Generated<string>;
  threshold: number | null;
  direction: 'min' | 'max' | null;
  step: number | null;
  moneyPerStep: number | null;
  moneyPerOccurrence: number | null;
  defaultResult: Generated<string>;
  active: Generated<boolean>;
}

export interface VendorInspectionsTable {
  id: string;
  cityCode: string;
  contractId: string;
  month: string;
  indicatorCode: string;
  occurrences: Generated<number>;
  measured: number | null;
  deduction: number | null;
  resultText: Generated<string>;
  evidence: string;
  inspectorId: string | null;
  at: Timestamp;
  /** Evidence photos (0010-vendor-evidence). */
  photos: ColumnType<InspectionPhoto[], string | undefined, string>;
}

export interface InspectionPhoto {
  storageKey: string;
  contentType: string;
  byteSize: number;
  sha256: string;
}

export interface VendorAttendanceTable {
  cityCode: string;
  contractId: string;
  month: string;
  personDays: number;
}

export interface BulletinPhoto {
  storageKey: string;
  contentType: string;
  byteSize: number;
  sha256: string;
  caption: string;
}

export interface BulletinBlocksTable {
  id: string;
  cityCode: string;
  month: string;
  section: 'work_news' | 'district_news' | 'team_news';
  seq: Generated<number>;
  title: Generated<string>;
  body: string;
  byline: Generated<string>;
  photos: Json<BulletinPhoto[]>;
  version: Generated<number>;
  createdBy: string | null;
  createdAt: GeneratedTimestamp;
  updatedAt: GeneratedTimestamp;
}
// ── end of the statistics section ─────────────────────────────────────────────────────────────

// ── hotline (12345 热线, 0002-hotline) ────────────────────────────────────────────────────────
export interface HotlineSubjectsTable {
  id: string;
  cityCode: string;
  code: string;
  groupName: string;
  name: string;
  caseKind: 'event' | 'part' | null;
  caseCategoryCode: string | null;
  sort: Generated<number>;
  active: Generated<boolean>;
}

export interface HotlineTimeLimitsTable {
  cityCode: string;
  appealType: string;
  amount: ColumnType<number, number, number>;
  unit: 'minute' | 'hour' | 'day' | 'same_day';
}

export interface HotlineOrderCountersTable {
  cityCode: string;
  day: ColumnType<string, string, string>;
  lastSeq: number;
}

export interface HotlineArticlesTable {
  id: string;
  cityCode: string;
  title: string;
  body: string;
  tags: string[];
  unitId: string | null;
  validFrom: ColumnType<string | null, string | null, string | null>;
  validTo: ColumnType<string | null, string | null, string | null>;
  searchTokens: string[];
  searchVector: ColumnType<string, never, never>;
  version: Generated<number>;
  createdBy: string | null;
  createdAt: GeneratedTimestamp;
  updatedAt: GeneratedTimestamp;
}

export interface HotlineOrdersTable {
  id: string;
  cityCode: string;
  orderNo: string;
  channel: string;
  callerName: string | null;
  callerPhone: string | null;
  confidential: Generated<boolean>;
  valid: boolean;
  invalidReason: string | null;
  appealType: string | null;
  subjectId: string | null;
  content: Generated<string>;
  address: string | null;
  lng: number | null;
  lat: number | null;
  districtId: string | null;
  urgent: Generated<boolean>;
  emergency: string | null;
  status: string;
  version: Generated<number>;
  ownerId: string | null;
  leadUnitId: string | null;
  coUnitIds: Generated<string[]>;
  deadlineAt: NullableTimestamp;
  deadlineEstimated: Generated<boolean>;
  pendingExtensionUntil: NullableTimestamp;
  extensionCount: Generated<number>;
  returnCount: Generated<number>;
  reopenCount: Generated<number>;
  urgeCount: Generated<number>;
  progressCallCount: Generated<number>;
  supervision: 'normal' | 'yellow' | 'red' | null;
  articleId: string | null;
  answerText: string | null;
  replyText: string | null;
  unitSatisfaction: string | null;
  agentSatisfaction: string | null;
  caseId: string | null;
  caseNo: string | null;
  masterId: string | null;
  receivedAt: Timestamp;
  answeredAt: NullableTimestamp;
  transferredAt: NullableTimestamp;
  signedAt: NullableTimestamp;
  repliedAt: NullableTimestamp;
  calledBackAt: NullableTimestamp;
  archivedAt: NullableTimestamp;
  mergedAt: NullableTimestamp;
  createdAt: GeneratedTimestamp;
  updatedAt: GeneratedTimestamp;
}

export interface HotlineOrderLogTable {
  id: Generated<string>;
  cityCode: string;
  orderId: string;
  seq: number;
  action: string;
  fromStatus: string | null;
  toStatus: string;
  actorId: string | null;
  actorRole: string | null;
  at: Timestamp;
  note: string | null;
  unitId: string | null;
  deadlineAt: NullableTimestamp;
  unitSatisfaction: string | null;
  agentSatisfaction: string | null;
  data: Json<Record<string, unknown>>;
}

export interface HotlineAlertsTable {
  id: string;
  cityCode: string;
  orderId: string;
  emergency: string;
  summary: string;
  createdAt: Timestamp;
  acknowledgedAt: NullableTimestamp;
  acknowledgedBy: string | null;
  ackNote: string | null;
  webhookStatus: 'not_configured' | 'pending' | 'sent' | 'failed';
  webhookAttemptedAt: NullableTimestamp;
  webhookHttpStatus: number | null;
  webhookError: string | null;
}
// ── end of the hotline section ────────────────────────────────────────────────────────────────

// ── Field operations: collectors, tracks, parts, machine intake, campaigns (0004-field) ──────

export interface CollectorGridsTable {
  cityCode: string;
  userId: string;
  gridId: string;
  since: Timestamp;
  until: NullableTimestamp;
}

export interface CollectorShiftsTable {
  id: string;
  cityCode: string;
  userId: string;
  startsAt: Timestamp;
  endsAt: Timestamp;
}

export interface CollectorPositionsTable {
  userId: string;
  cityCode: string;
  deviceId: string;
  recordedAt: Timestamp;
  lng: number;
  lat: number;
}

export interface CollectorsTable {
  userId: string;
  cityCode: string;
  company: Generated<string>;
  contractPackage: Generated<string>;
  deviceId: string | null;
  /** GeoJSON LineString coordinates of the patrol route */
  route: Json<[number, number][]> | null;
  updatedAt: GeneratedTimestamp;
}

export interface FieldSettingsTable {
  cityCode: string;
  settings: Json<Record<string, number>>;
  updatedAt: GeneratedTimestamp;
}

export interface TrackPointsTable {
  deviceId: string;
  recordedAt: Timestamp;
  cityCode: string;
  userId: string;
  lngE7: number;
  latE7: number;
  accuracyM: number | null;
}

export interface TrackBatchesTable {
  userId: string;
  batchId: string;
  cityCode: string;
  deviceId: string;
  receivedAt: Timestamp;
  received: number;
  stored: number;
  duplicates: number;
  rejected: Json<Record<string, number>>;
}

export interface PartsTable {
  id: string;
  cityCode: string;
  code: string;
  categoryId: string;
  name: string | null;
  status: 'intact' | 'damaged' | 'lost' | 'scrapped' | 'removed';
  lng: number;
  lat: number;
  gridId: string | null;
  address: string | null;
  ownerUnitId: string | null;
  managerUnitId: string | null;
  maintainerUnitId: string | null;
  createdAt: GeneratedTimestamp;
  updatedAt: GeneratedTimestamp;
}

export interface PartChangesTable {
  id: string;
  cityCode: string;
  kind: 'new' | 'moved' | 'removed';
  partId: string | null;
  partCode: string | null;
  categoryId: string | null;
  lng: number | null;
  lat: number | null;
  note: string | null;
  reporterId: string;
  observedAt: Timestamp;
  reportedAt: Timestamp;
  reportDueAt: Timestamp;
  applyDueAt: Timestamp;
  status: 'pending' | 'applied' | 'rejected';
  decidedAt: NullableTimestamp;
  decidedBy: string | null;
}

export interface IntakeTokensTable {
  id: string;
  cityCode: string;
  name: string;
  source: 'video' | 'drone';
  tokenHash: string;
  actingUserId: string;
  active: Generated<boolean>;
  createdBy: string | null;
  createdAt: GeneratedTimestamp;
}

export interface MachineIntakesTable {
  id: string;
  cityCode: string;
  source: 'video' | 'drone';
  deviceId: string;
  capturedAt: Timestamp;
  receivedAt: Timestamp;
  lng: number;
  lat: number;
  categoryId: string;
  districtId: string | null;
  caseId: string;
  duplicate: boolean;
  tokenId: string | null;
}

export interface CampaignsTable {
  id: string;
  cityCode: string;
  name: string;
  startsOn: ColumnType<string, string, string>;
  endsOn: ColumnType<string, string, string>;
  fields: Json<unknown[]>;
  createdBy: string | null;
  createdAt: GeneratedTimestamp;
  /** 0007: the bulletin section's heading and closing sentence */
  bulletinTitle: string | null;
  bulletinClosing: string | null;
}

export interface CampaignEntriesTable {
  id: string;
  cityCode: string;
  campaignId: string;
  data: Json<Record<string, unknown>>;
  observedAt: Timestamp;
  lng: number | null;
  lat: number | null;
  districtId: string;
  reporterId: string | null;
  idempotencyKey: string | null;
  createdAt: GeneratedTimestamp;
  /** 0007: 典型 (listed in the bulletin) and the entry's photos */
  featured: Generated<boolean>;
  photos: ColumnType<CampaignEntryPhoto[], string | undefined, string>;
}

export interface CampaignEntryPhoto {
  storageKey: string;
  sha256: string;
  contentType: string;
  byteSize: number;
}

export interface CategoryTagsTable {
  cityCode: string;
  categoryId: string;
  tag: string;
}

export interface Database {
  cities: CitiesTable;
  regions: RegionsTable;
  grids: GridsTable;
  units: UnitsTable;
  categories: CategoriesTable;
  calendarSettings: CalendarSettingsTable;
  calendarYears: CalendarYearsTable;
  calendarDays: CalendarDaysTable;
  users: UsersTable;
  sessions: SessionsTable;
  auditLog: AuditLogTable;
  caseNumberCounters: CaseNumberCountersTable;
  cases: CasesTable;
  caseTransitions: CaseTransitionsTable;
  caseMonthFacts: CaseMonthFactsTable;
  caseUnitMonthFacts: CaseUnitMonthFactsTable;
  media: MediaTable;
  // Open311, citizen reporting and outbound integration (0005-open311)
  open311ApiKeys: Open311ApiKeysTable;
  open311Services: Open311ServicesTable;
  open311Requests: Open311RequestsTable;
  open311RequestUpdates: Open311RequestUpdatesTable;
  publicCaseFlags: PublicCaseFlagsTable;
  powChallenges: PowChallengesTable;
  rateLimitWindows: RateLimitWindowsTable;
  webhookSubscriptions: WebhookSubscriptionsTable;
  outboxEvents: OutboxEventsTable;
  webhookDeliveries: WebhookDeliveriesTable;
  webhookAttempts: WebhookAttemptsTable;
  exchangeSettings: ExchangeSettingsTable;
  exchangeRuns: ExchangeRunsTable;
  // Statistics, assessment, contractors and bulletin text (0003-statistics)
  scoringSchemes: ScoringSchemesTable;
  rankingExclusions: RankingExclusionsTable;
  vendorContracts: VendorContractsTable;
  vendorIndicators: VendorIndicatorsTable;
  vendorInspections: VendorInspectionsTable;
  vendorAttendance: VendorAttendanceTable;
  bulletinBlocks: BulletinBlocksTable;
  // 12345 hotline (0002-hotline)
  hotlineSubjects: HotlineSubjectsTable;
  hotlineTimeLimits: HotlineTimeLimitsTable;
  hotlineOrderCounters: HotlineOrderCountersTable;
  hotlineArticles: HotlineArticlesTable;
  hotlineOrders: HotlineOrdersTable;
  hotlineOrderLog: HotlineOrderLogTable;
  hotlineAlerts: HotlineAlertsTable;
  // Field operations (0004-field)
  collectorGrids: CollectorGridsTable;
  collectorShifts: CollectorShiftsTable;
  collectorPositions: CollectorPositionsTable;
  collectors: CollectorsTable;
  fieldSettings: FieldSettingsTable;
  trackPoints: TrackPointsTable;
  trackBatches: TrackBatchesTable;
  parts: PartsTable;
  partChanges: PartChangesTable;
  intakeTokens: IntakeTokensTable;
  machineIntakes: MachineIntakesTable;
  campaigns: CampaignsTable;
  campaignEntries: CampaignEntriesTable;
  categoryTags: CategoryTagsTable;
}

export type CaseRow = Selectable<CasesTable>;
export type NewCase = Insertable<CasesTable>;
export type CasePatch = Updateable<CasesTable>;
export type UserRow = Selectable<UsersTable>;
export type CategoryRow = Selectable<CategoriesTable>;
export type UnitRow = Selectable<UnitsTable>;
export type RegionRow = Selectable<RegionsTable>;
export type GridRow = Selectable<GridsTable>;
