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

export interface MediaTable {
  id: string;
  cityCode: string;
  caseId: string;
  stage: 'report' | 'dispose' | 'check' | 'before' | 'after';
  storageKey: string;
  contentType: string;
  byteSize: number;
  sha256: string;
  uploadedBy: string | null;
  createdAt: GeneratedTimestamp;
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
  media: MediaTable;
}

export type CaseRow = Selectable<CasesTable>;
export type NewCase = Insertable<CasesTable>;
export type CasePatch = Updateable<CasesTable>;
export type UserRow = Selectable<UsersTable>;
export type CategoryRow = Selectable<CategoriesTable>;
export type UnitRow = Selectable<UnitsTable>;
export type RegionRow = Selectable<RegionsTable>;
export type GridRow = Selectable<GridsTable>;
