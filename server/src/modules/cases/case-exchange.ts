import {
  type CaseAction,
  type CaseKind,
  type CaseSource,
  type CaseStatus,
  caseKindSchema,
  caseSourceSchema,
} from '@cityloop/contracts/cases';
import { toShanghaiIso } from '../../platform/time.js';

// The exchange CSV (案件台账): one case per row, for migrating a city's history and for other
// tools. This file is pure — column list, row validation, the log rebuilt from a row's stamps,
// and the row written back — so the rules are tested without a database. The service streams
// files through it and resolves names to ids.

/** The columns, in the order the file carries them and export writes them. */
export const exchangeColumns = [
  'case_no',
  'source',
  'reported_at',
  'district',
  'grid_code',
  'kind',
  'category_code',
  'description',
  'lng',
  'lat',
  'reporter',
  'self_disposed',
  'filed_at',
  'voided_at',
  'parked_at',
  'unit',
  'dispatched_at',
  'deadline_at',
  'disposed_at',
  'checked_at',
  'closed_at',
  'rework_count',
  'extension_count',
] as const;
export type ExchangeColumn = (typeof exchangeColumns)[number];
export type ExchangeRecord = Record<ExchangeColumn, string>;

/** One refused row of an import: 1-based file line (header is line 1), column, bilingual reason. */
export interface ExchangeRejection {
  line: number;
  column: string;
  reason: string;
}

/** Rework or extension cycles per case beyond this are a data error, not a history. */
export const MAX_CYCLES = 99;
/** As the report API: longer text is a paste accident, not a description. */
export const MAX_DESCRIPTION = 2000;
export const MAX_CASE_NO = 64;

export interface ExchangeStamps {
  filedAt: Date | null;
  voidedAt: Date | null;
  parkedAt: Date | null;
  dispatchedAt: Date | null;
  deadlineAt: Date | null;
  disposedAt: Date | null;
  checkedAt: Date | null;
  closedAt: Date | null;
}

/** A row that passed validation: typed values, names not yet resolved to ids. */
export interface ExchangeRow extends ExchangeStamps {
  line: number;
  /** null: the importer numbers the case (formatCaseNo with the daily counter). */
  caseNo: string | null;
  source: CaseSource;
  reportedAt: Date;
  district: string | null;
  gridCode: string | null;
  kind: CaseKind;
  categoryCode: string;
  /** Kept byte for byte (not trimmed) so export → import → export is identical. */
  description: string;
  lng: number;
  lat: number;
  reporter: string | null;
  selfDisposed: boolean;
  unit: string | null;
  reworkCount: number;
  extensionCount: number;
}

export type ParsedRow = { ok: true; row: ExchangeRow } | { ok: false; errors: ExchangeRejection[] };

export const bilingual = (zh: string, en: string) => `${zh} / ${en}`;

// ---------------------------------------------------------------------------------------------
// Header and field count

export type HeaderCheck =
  | { ok: true; columns: ExchangeColumn[] }
  | { ok: false; missing: string[]; unknown: string[]; duplicate: string[]; reason: string };

/**
 * Every column exactly once, nothing else. Order is free (fields are read by name), so a
 * spreadsheet that moved a column still imports; export always writes the canonical order.
 */
export function checkExchangeHeader(header: readonly string[]): HeaderCheck {
  const names = header.map((h) => h.trim());
  const known = new Set<string>(exchangeColumns);
  const seen = new Set<string>();
  const duplicate: string[] = [];
  const unknown: string[] = [];
  for (const name of names) {
    if (seen.has(name)) duplicate.push(name);
    seen.add(name);
    if (!known.has(name)) unknown.push(name);
  }
  const missing = exchangeColumns.filter((c) => !seen.has(c));
  if (missing.length === 0 && unknown.length === 0 && duplicate.length === 0) {
    return { ok: true, columns: names as ExchangeColumn[] };
  }
  const parts: string[] = [];
  if (missing.length > 0)
    parts.push(bilingual(`缺少列：${missing.join(', ')}`, `missing columns: ${missing.join(', ')}`));
  if (unknown.length > 0)
    parts.push(bilingual(`未知列：${unknown.join(', ')}`, `unknown columns: ${unknown.join(', ')}`));
  if (duplicate.length > 0) {
    parts.push(bilingual(`重复列：${duplicate.join(', ')}`, `duplicate columns: ${duplicate.join(', ')}`));
  }
  return { ok: false, missing, unknown, duplicate, reason: parts.join('; ') };
}

/** Pairs a data line's fields with the header; a line with the wrong field count is refused whole. */
export function recordFromFields(
  columns: readonly ExchangeColumn[],
  fields: readonly string[],
  line: number,
): { ok: true; record: ExchangeRecord } | { ok: false; errors: ExchangeRejection[] } {
  if (fields.length !== columns.length) {
    const reason = bilingual(
      `该行有 ${fields.length} 个字段，应为 ${columns.length} 个`,
      `the line has ${fields.length} fields, expected ${columns.length}`,
    );
    return { ok: false, errors: [{ line, column: '*', reason }] };
  }
  const record = {} as ExchangeRecord;
  columns.forEach((column, i) => {
    record[column] = fields[i] ?? '';
  });
  return { ok: true, record };
}

// ---------------------------------------------------------------------------------------------
// Field parsers

const ISO_WITH_OFFSET =
  /^(\d{4})-(\d{2})-(\d{2})T(\d{2}):(\d{2})(?::(\d{2})(?:\.(\d{1,9}))?)?(Z|([+-])(\d{2}):?(\d{2}))$/;

/**
 * ISO 8601 with an explicit offset (Z or ±hh:mm). A time without one is refused: the file may
 * come from a system in another zone, and guessing would shift every stamp by hours. Calendar
 * fields are checked by hand because Date.parse rolls 2019-02-30 over into March.
 */
export function parseIsoWithOffset(text: string): Date | null {
  const m = ISO_WITH_OFFSET.exec(text);
  if (!m) return null;
  const [year, month, day, hour, minute] = [m[1], m[2], m[3], m[4], m[5]].map(Number) as [
    number,
    number,
    number,
    number,
    number,
  ];
  const second = m[6] ? Number(m[6]) : 0;
  const ms = m[7] ? Number(m[7].slice(0, 3).padEnd(3, '0')) : 0;
  if (month < 1 || month > 12 || day < 1 || hour > 23 || minute > 59 || second > 59) return null;
  const daysInMonth = new Date(Date.UTC(year, month, 0)).getUTCDate();
  if (day > daysInMonth) return null;
  let offsetMinutes = 0;
  if (m[8] !== 'Z') {
    const oh = Number(m[10]);
    const om = Number(m[11]);
    if (oh > 14 || om > 59) return null;
    offsetMinutes = (m[9] === '-' ? -1 : 1) * (oh * 60 + om);
  }
  return new Date(Date.UTC(year, month - 1, day, hour, minute, second, ms) - offsetMinutes * 60000);
}

const DECIMAL = /^[+-]?\d+(\.\d+)?$/;
const COUNT = /^\d+$/;
const GRID_CODE = /^\d{15}$/;
const CATEGORY_CODE = /^\d{4}$/;
// biome-ignore lint/suspicious/noControlCharactersInRegex: refusing control characters is the point
const CONTROL = /[\u0000-\u001f\u007f]/;

const stampColumns = {
  filedAt: 'filed_at',
  voidedAt: 'voided_at',
  parkedAt: 'parked_at',
  dispatchedAt: 'dispatched_at',
  deadlineAt: 'deadline_at',
  disposedAt: 'disposed_at',
  checkedAt: 'checked_at',
  closedAt: 'closed_at',
} as const satisfies Record<keyof ExchangeStamps, ExchangeColumn>;

const stampLabels: Record<keyof ExchangeStamps | 'reportedAt', string> = {
  reportedAt: '上报时间',
  filedAt: '立案时间',
  voidedAt: '作废时间',
  parkedAt: '挂账时间',
  dispatchedAt: '派遣时间',
  deadlineAt: '处置时限',
  disposedAt: '处置时间',
  checkedAt: '核查时间',
  closedAt: '结案时间',
};

const columnOf = (key: keyof ExchangeStamps | 'reportedAt'): string =>
  key === 'reportedAt' ? 'reported_at' : stampColumns[key];

/** The loop's milestones in order; a later one implies every earlier one happened. */
const CHAIN = ['filedAt', 'dispatchedAt', 'disposedAt', 'checkedAt', 'closedAt'] as const;
type ChainStamp = (typeof CHAIN)[number];
const LEVEL = { reported: -1, filed: 0, dispatched: 1, disposed: 2, checked: 3, closed: 4 } as const;

export interface ParseOptions {
  /** Stamps later than this (plus 5 minutes of clock skew) are refused: history is in the past. */
  now?: Date;
}

/**
 * Validates one data row. Every field is checked and every problem reported (so a user fixes a
 * row in one go); the cross-field rules (stamp order, which stamps may coexist) run only when
 * the fields themselves parsed, so one bad date does not also produce a cascade of order errors.
 */
export function parseExchangeRow(
  record: ExchangeRecord,
  line: number,
  options: ParseOptions = {},
): ParsedRow {
  const errors: ExchangeRejection[] = [];
  const fail = (column: string, zh: string, en: string) => {
    errors.push({ line, column, reason: bilingual(zh, en) });
  };
  const text = (column: ExchangeColumn) => (record[column] ?? '').trim();
  const optional = (column: ExchangeColumn) => text(column) || null;

  const caseNo = optional('case_no');
  if (caseNo && (caseNo.length > MAX_CASE_NO || CONTROL.test(caseNo))) {
    fail(
      'case_no',
      `案卷号须为不超过 ${MAX_CASE_NO} 个字符的单行文本`,
      `case_no must be one line of at most ${MAX_CASE_NO} characters`,
    );
  }

  const sourceParsed = caseSourceSchema.safeParse(text('source'));
  if (!sourceParsed.success) {
    fail(
      'source',
      `来源须为 ${caseSourceSchema.options.join('|')} 之一`,
      `source must be one of ${caseSourceSchema.options.join('|')}`,
    );
  }

  const stamp = (column: ExchangeColumn, required: boolean): Date | null => {
    const value = text(column);
    if (!value) {
      if (required) fail(column, '必填', 'required');
      return null;
    }
    const at = parseIsoWithOffset(value);
    if (!at) {
      fail(
        column,
        `时间格式错误：“${value}”，应为带时区的 ISO 8601，如 2019-07-11T08:03:00+08:00`,
        `malformed time "${value}": ISO 8601 with an offset expected, e.g. 2019-07-11T08:03:00+08:00`,
      );
      return null;
    }
    return at;
  };
  const reportedAt = stamp('reported_at', true);
  const stamps: ExchangeStamps = {
    filedAt: stamp('filed_at', false),
    voidedAt: stamp('voided_at', false),
    parkedAt: stamp('parked_at', false),
    dispatchedAt: stamp('dispatched_at', false),
    deadlineAt: stamp('deadline_at', false),
    disposedAt: stamp('disposed_at', false),
    checkedAt: stamp('checked_at', false),
    closedAt: stamp('closed_at', false),
  };

  const gridCode = optional('grid_code');
  if (gridCode && !GRID_CODE.test(gridCode))
    fail('grid_code', '网格编码须为 15 位数字', 'grid_code must be 15 digits');

  const kindParsed = caseKindSchema.safeParse(text('kind'));
  if (!kindParsed.success)
    fail('kind', '类型须为 event（事件）或 part（部件）', 'kind must be event or part');

  const categoryCode = text('category_code');
  if (!CATEGORY_CODE.test(categoryCode)) {
    fail('category_code', '类别编码须为 4 位数字，如 0102', 'category_code must be 4 digits, e.g. 0102');
  }

  const description = record.description ?? '';
  if (!description.trim()) fail('description', '问题描述不能为空', 'description is required');
  else if (description.length > MAX_DESCRIPTION) {
    fail(
      'description',
      `问题描述不能超过 ${MAX_DESCRIPTION} 字`,
      `description is longer than ${MAX_DESCRIPTION} characters`,
    );
  }

  const coordinate = (column: 'lng' | 'lat', limit: number): number | null => {
    const value = text(column);
    const n = DECIMAL.test(value) ? Number(value) : Number.NaN;
    if (!Number.isFinite(n) || Math.abs(n) > limit) {
      fail(
        column,
        `${column === 'lng' ? '经度' : '纬度'}须为 ±${limit} 以内的十进制数：“${value}”`,
        `${column} must be a decimal number within ±${limit}: "${value}"`,
      );
      return null;
    }
    return n;
  };
  const lng = coordinate('lng', 180);
  const lat = coordinate('lat', 90);

  const selfDisposedText = text('self_disposed');
  let selfDisposed = false;
  if (selfDisposedText === 'true') selfDisposed = true;
  else if (selfDisposedText !== 'false' && selfDisposedText !== '') {
    fail('self_disposed', '自行处置须为 true 或 false', 'self_disposed must be true or false');
  }

  const count = (column: 'rework_count' | 'extension_count'): number => {
    const value = text(column);
    if (!value) return 0;
    if (!COUNT.test(value) || Number(value) > MAX_CYCLES) {
      fail(
        column,
        `须为 0–${MAX_CYCLES} 的整数：“${value}”`,
        `must be a whole number 0–${MAX_CYCLES}: "${value}"`,
      );
      return 0;
    }
    return Number(value);
  };
  const reworkCount = count('rework_count');
  const extensionCount = count('extension_count');

  if (
    errors.length > 0 ||
    !reportedAt ||
    !sourceParsed.success ||
    !kindParsed.success ||
    lng === null ||
    lat === null
  ) {
    return { ok: false, errors };
  }

  const row: ExchangeRow = {
    line,
    caseNo,
    source: sourceParsed.data,
    reportedAt,
    district: optional('district'),
    gridCode,
    kind: kindParsed.data,
    categoryCode,
    description,
    lng,
    lat,
    reporter: optional('reporter'),
    selfDisposed,
    unit: optional('unit'),
    reworkCount,
    extensionCount,
    ...stamps,
  };
  if (row.selfDisposed) fillSelfDisposal(row);
  errors.push(...checkConsistency(row, options));
  return errors.length > 0 ? { ok: false, errors } : { ok: true, row };
}

/**
 * 自行处置: the live service writes one step and stamps filed/disposed/checked/closed with the
 * report time. Empty stamps get the same here, so an imported self-disposal looks like a live
 * one and exports with all four filled (a stamp given in the file is kept as given).
 */
function fillSelfDisposal(row: ExchangeRow): void {
  row.filedAt ??= row.reportedAt;
  row.disposedAt ??= row.reportedAt;
  row.checkedAt ??= row.reportedAt;
  row.closedAt ??= row.reportedAt;
}

function reachedLevel(row: ExchangeStamps): number {
  let level: number = LEVEL.reported;
  CHAIN.forEach((key, i) => {
    if (row[key]) level = i;
  });
  return level;
}

/**
 * 回退 inferred: dispatched, not disposed, not parked, and no handling unit. A live return (and
 * an unpark) clears the unit but keeps the first dispatch stamp, so this is how such a case
 * exports; it re-imports at 待派遣. A legacy row that simply lacks its unit lands there too —
 * deliberately: a dispatched case with no unit is in no unit's queue, the dispatcher's is the
 * one place it will be seen.
 */
export function isReturned(row: ExchangeRow): boolean {
  return (
    !row.selfDisposed && reachedLevel(row) === LEVEL.dispatched && row.unit === null && row.parkedAt === null
  );
}

function checkConsistency(row: ExchangeRow, options: ParseOptions): ExchangeRejection[] {
  const errors: ExchangeRejection[] = [];
  const fail = (column: string, zh: string, en: string) => {
    errors.push({ line: row.line, column, reason: bilingual(zh, en) });
  };
  const iso = (d: Date) => toShanghaiIso(d);
  const notBefore = (later: keyof ExchangeStamps, earlier: keyof ExchangeStamps | 'reportedAt') => {
    const a = row[later];
    const b = row[earlier];
    if (a && b && a < b) {
      fail(
        columnOf(later),
        `${stampLabels[later]}（${iso(a)}）早于${stampLabels[earlier]}（${iso(b)}）`,
        `${columnOf(later)} (${iso(a)}) is earlier than ${columnOf(earlier)} (${iso(b)})`,
      );
    }
  };

  // Milestones in loop order; an unknown (empty) one is skipped, the next known must not be earlier.
  let previous: ChainStamp | 'reportedAt' = 'reportedAt';
  for (const key of CHAIN) {
    if (!row[key]) continue;
    notBefore(key, previous);
    previous = key;
  }
  for (const key of ['parkedAt', 'voidedAt', 'deadlineAt'] as const) notBefore(key, 'reportedAt');

  if (options.now) {
    const limit = options.now.getTime() + 5 * 60000;
    for (const key of ['reportedAt', ...CHAIN, 'parkedAt', 'voidedAt'] as const) {
      const at = row[key];
      if (at && at.getTime() > limit) {
        fail(columnOf(key), `${stampLabels[key]}晚于当前时间`, `${columnOf(key)} is in the future`);
      }
    }
  }

  const level = reachedLevel(row);
  const dispatched = level >= LEVEL.dispatched;

  if (row.selfDisposed) {
    // One step from report to closed: nothing of the dispatch loop may be on the row.
    const notForSelf = [
      ['dispatched_at', row.dispatchedAt],
      ['deadline_at', row.deadlineAt],
      ['parked_at', row.parkedAt],
      ['voided_at', row.voidedAt],
      ['unit', row.unit],
    ] as const;
    for (const [column, value] of notForSelf) {
      if (value !== null)
        fail(
          column,
          '自行处置的案卷不经派遣，此列须为空',
          'a self-disposed case is never dispatched: leave this empty',
        );
    }
    for (const column of ['rework_count', 'extension_count'] as const) {
      if ((column === 'rework_count' ? row.reworkCount : row.extensionCount) > 0) {
        fail(column, '自行处置的案卷不会返工或延期', 'a self-disposed case has no rework or extension');
      }
    }
    return errors;
  }

  if (row.deadlineAt) {
    if (!dispatched) fail('deadline_at', '未派遣的案卷不应有处置时限', 'deadline_at without a dispatch');
    else notBefore('deadlineAt', 'dispatchedAt');
  }
  if (row.unit && !dispatched)
    fail('unit', '未派遣的案卷不应有处置单位', 'unit given but the case was never dispatched');
  if (row.reworkCount > 0 && !dispatched)
    fail('rework_count', '未派遣的案卷不会返工', 'rework without a dispatch');
  if (row.extensionCount > 0 && !dispatched)
    fail('extension_count', '未派遣的案卷不会延期', 'extension without a dispatch');

  if (row.parkedAt) {
    // Parking happens at 待派遣 or 处置中 and lasts until unpark, which clears the stamp.
    if (level > LEVEL.dispatched) {
      fail('parked_at', '已处置的案卷不能挂账', 'a disposed/checked/closed case cannot be parked');
    }
    notBefore('parkedAt', 'filedAt');
    notBefore('parkedAt', 'dispatchedAt');
  }
  if (row.voidedAt) {
    if (level > LEVEL.dispatched) {
      fail('voided_at', '已处置的案卷不能作废', 'a disposed/checked/closed case cannot be voided');
    } else if (level === LEVEL.dispatched && !row.parkedAt && row.unit) {
      fail(
        'voided_at',
        '处置中的案卷须先挂账或回退才能作废（回退的案卷处置单位为空）',
        'a dispatched case is voided only after parking or return (a returned case has no unit)',
      );
    }
    notBefore('voidedAt', 'filedAt');
    notBefore('voidedAt', 'dispatchedAt');
    notBefore('voidedAt', 'parkedAt');
  }
  return errors;
}

// ---------------------------------------------------------------------------------------------
// Status and log

export interface RebuiltStep {
  action: CaseAction;
  fromStatus: CaseStatus | null;
  toStatus: CaseStatus;
  at: Date;
  /** The deadline this step set (dispatch, rework, approved extension), when the file knows it. */
  deadlineAt: Date | null;
  /** The step carries the case's handling unit (dispatch, rework). */
  unit: boolean;
  /** Actions the workflow requires a note for get a standard one (the file has no notes). */
  note: string | null;
  /** The file has no instant for this step: it is placed between its known neighbours. */
  reconstructed: boolean;
}

/** The note written on rebuilt steps that the workflow requires one for. */
export const IMPORT_NOTE = bilingual(
  '历史案卷导入，原始记录无说明',
  'imported history; the source record has no note',
);

interface Draft extends Omit<RebuiltStep, 'at' | 'reconstructed'> {
  at: Date | null;
}

/**
 * The transition log a row's stamps imply, each step a move the workflow table allows:
 * report → [file] → [dispatch] → rework cycles → extensions → [dispose] → [request_check,
 * check_pass] → [close], then [return] / [park] / [void] where the row says so.
 *
 * The file keeps only counters for rework (返工) and extension (延期), and only the last
 * disposal/check stamps (a live rework clears them): each rework is rebuilt as dispose →
 * request_check → check_fail → rework, each extension as request_extension → approve_extension,
 * all between the first dispatch and the final disposal. Their real instants are unknown; like
 * every step without its own stamp (request_check, an empty intermediate stamp, an inferred
 * return) they are spread evenly, on whole seconds, between the nearest known instants before and
 * after, and flagged `reconstructed`. The file's deadline_at goes on the last step that sets a
 * deadline; earlier deadlines are unknown (null).
 */
export function rebuildTransitions(row: ExchangeRow): RebuiltStep[] {
  if (row.selfDisposed) {
    // As the live service: one step at the report time (the case arrived already fixed).
    return [
      {
        action: 'self_dispose',
        fromStatus: null,
        toStatus: 'closed',
        at: row.reportedAt,
        deadlineAt: null,
        unit: false,
        note: null,
        reconstructed: false,
      },
    ];
  }
  const drafts: Draft[] = [
    {
      action: 'report',
      fromStatus: null,
      toStatus: 'reported',
      at: row.reportedAt,
      deadlineAt: null,
      unit: false,
      note: null,
    },
  ];
  let status: CaseStatus = 'reported';
  const step = (action: CaseAction, to: CaseStatus, at: Date | null, extra: Partial<Draft> = {}) => {
    drafts.push({
      action,
      fromStatus: status,
      toStatus: to,
      at,
      deadlineAt: null,
      unit: false,
      note: null,
      ...extra,
    });
    status = to;
  };
  const level = reachedLevel(row);
  if (level >= LEVEL.filed || row.parkedAt) step('file', 'filed', row.filedAt);
  if (level >= LEVEL.dispatched) {
    step('dispatch', 'dispatched', row.dispatchedAt, { unit: true });
    for (let i = 0; i < row.reworkCount; i++) {
      step('dispose', 'disposed', null);
      step('request_check', 'checking', null);
      step('check_fail', 'check_failed', null, { note: IMPORT_NOTE });
      step('rework', 'dispatched', null, { unit: true });
    }
    for (let i = 0; i < row.extensionCount; i++) {
      step('request_extension', 'dispatched', null, { note: IMPORT_NOTE });
      step('approve_extension', 'dispatched', null);
    }
  }
  if (level >= LEVEL.disposed) step('dispose', 'disposed', row.disposedAt);
  if (level >= LEVEL.checked) {
    step('request_check', 'checking', null);
    step('check_pass', 'checked', row.checkedAt);
  }
  if (level >= LEVEL.closed) step('close', 'closed', row.closedAt);
  if (isReturned(row)) step('return', 'filed', null, { note: IMPORT_NOTE });
  if (row.parkedAt) step('park', 'parked', row.parkedAt, { note: IMPORT_NOTE });
  if (row.voidedAt) step('void', 'voided', row.voidedAt, { note: IMPORT_NOTE });

  if (row.deadlineAt) {
    const setters: CaseAction[] = ['dispatch', 'rework', 'approve_extension'];
    const target = [...drafts].reverse().find((d) => setters.includes(d.action));
    if (target) target.deadlineAt = row.deadlineAt;
  }
  return placeUnknownInstants(drafts);
}

/** Fills steps without an instant: evenly between the known neighbours, or at the last known one. */
function placeUnknownInstants(drafts: Draft[]): RebuiltStep[] {
  const out: RebuiltStep[] = [];
  let i = 0;
  while (i < drafts.length) {
    const draft = drafts[i] as Draft;
    if (draft.at) {
      out.push({ ...draft, at: draft.at, reconstructed: false });
      i++;
      continue;
    }
    let j = i;
    while (j < drafts.length && !drafts[j]?.at) j++;
    // The report step always has its instant, so a run of unknowns always has a predecessor.
    const before = (out[out.length - 1] as RebuiltStep).at.getTime();
    const after = drafts[j]?.at?.getTime() ?? before;
    const run = j - i;
    for (let k = 1; k <= run; k++) {
      const offset = Math.floor(((after - before) * k) / (run + 1) / 1000) * 1000;
      out.push({ ...(drafts[i + k - 1] as Draft), at: new Date(before + offset), reconstructed: true });
    }
    i = j;
  }
  return out;
}

/** The state the rebuilt log ends in. */
export function deriveStatus(row: ExchangeRow): CaseStatus {
  const steps = rebuildTransitions(row);
  return (steps[steps.length - 1] as RebuiltStep).toStatus;
}

// ---------------------------------------------------------------------------------------------
// Export

/** What export reads of a case: the row's values with ids already turned into names. */
export interface ExchangeCase extends ExchangeStamps {
  caseNo: string;
  source: string;
  reportedAt: Date;
  districtName: string | null;
  gridCode: string | null;
  kind: string;
  categoryCode: string;
  description: string;
  lng: number;
  lat: number;
  reporterLogin: string | null;
  selfDisposed: boolean;
  unitName: string | null;
  reworkCount: number;
  extensionCount: number;
}

/**
 * One case as CSV fields in column order: times in +08:00 (as the command hall reads them,
 * whole seconds), numbers in JavaScript's shortest form, booleans true/false, unknown empty.
 * Import reads all of these back to the same values, so the round trip is byte-identical.
 */
export function formatExchangeRow(c: ExchangeCase): string[] {
  const time = (d: Date | null) => (d ? toShanghaiIso(d) : '');
  const values: ExchangeRecord = {
    case_no: c.caseNo,
    source: c.source,
    reported_at: time(c.reportedAt),
    district: c.districtName ?? '',
    grid_code: c.gridCode ?? '',
    kind: c.kind,
    category_code: c.categoryCode,
    description: c.description,
    lng: String(c.lng),
    lat: String(c.lat),
    reporter: c.reporterLogin ?? '',
    self_disposed: c.selfDisposed ? 'true' : 'false',
    filed_at: time(c.filedAt),
    voided_at: time(c.voidedAt),
    parked_at: time(c.parkedAt),
    unit: c.unitName ?? '',
    dispatched_at: time(c.dispatchedAt),
    deadline_at: time(c.deadlineAt),
    disposed_at: time(c.disposedAt),
    checked_at: time(c.checkedAt),
    closed_at: time(c.closedAt),
    rework_count: String(c.reworkCount),
    extension_count: String(c.extensionCount),
  };
  return exchangeColumns.map((column) => values[column]);
}
