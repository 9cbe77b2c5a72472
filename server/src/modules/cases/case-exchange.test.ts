import { describe, expect, it } from 'vitest';
import {
  checkExchangeHeader,
  deriveStatus,
  type ExchangeCase,
  type ExchangeRecord,
  type ExchangeRow,
  exchangeColumns,
  formatExchangeRow,
  IMPORT_NOTE,
  parseExchangeRow,
  parseIsoWithOffset,
  type RebuiltStep,
  rebuildTransitions,
  recordFromFields,
} from './case-exchange.js';
import { decideTransition, transitionRules, type WorkflowCase } from './case-workflow.js';

const base: ExchangeRecord = {
  case_no: 'E2019071100001',
  source: 'patrol',
  reported_at: '2019-07-11T08:03:00+08:00',
  district: '东区',
  grid_code: '510402001002003',
  kind: 'event',
  category_code: '0102',
  description: '新源路垃圾桶旁暴露垃圾',
  lng: '101.71773',
  lat: '26.58362',
  reporter: 'jdy01',
  self_disposed: 'false',
  filed_at: '',
  voided_at: '',
  parked_at: '',
  unit: '',
  dispatched_at: '',
  deadline_at: '',
  disposed_at: '',
  checked_at: '',
  closed_at: '',
  rework_count: '0',
  extension_count: '0',
};

const closedLoop: Partial<ExchangeRecord> = {
  filed_at: '2019-07-11T08:20:00+08:00',
  unit: '市城市管理行政执法局',
  dispatched_at: '2019-07-11T08:30:00+08:00',
  deadline_at: '2019-07-11T12:30:00+08:00',
  disposed_at: '2019-07-11T10:00:00+08:00',
  checked_at: '2019-07-11T10:40:00+08:00',
  closed_at: '2019-07-11T11:00:00+08:00',
};

function parsed(patch: Partial<ExchangeRecord>, line = 2): ExchangeRow {
  const result = parseExchangeRow({ ...base, ...patch }, line);
  if (!result.ok) throw new Error(JSON.stringify(result.errors));
  return result.row;
}

function errorsOf(patch: Partial<ExchangeRecord>, now?: Date) {
  const result = parseExchangeRow({ ...base, ...patch }, 7, { now });
  return result.ok ? [] : result.errors.map((e) => [e.column, e.reason]);
}

const columnsOf = (patch: Partial<ExchangeRecord>) => errorsOf(patch).map(([column]) => column);
const actions = (steps: RebuiltStep[]) => steps.map((s) => s.action);

/**
 * Replays a rebuilt log against the workflow table: each step must start where the previous
 * ended and be a move some role may make (the role is the rule's own, so this checks states,
 * required notes and the pending-extension guard rather than who).
 */
function replay(steps: RebuiltStep[]) {
  const [first, ...rest] = steps;
  expect(first?.fromStatus).toBeNull();
  expect(['report', 'self_dispose']).toContain(first?.action);
  let current: WorkflowCase = { status: first?.toStatus ?? 'reported', pendingExtension: false };
  let previousAt = first?.at.getTime() ?? 0;
  for (const step of rest) {
    expect(step.fromStatus).toBe(current.status);
    const rule = transitionRules.find((r) => r.action === step.action && r.from.includes(current.status));
    expect(rule, `${step.action} from ${current.status}`).toBeDefined();
    const role = rule?.roles[0] ?? 'admin';
    const decision = decideTransition(current, step.action, role, {
      note: step.note ?? undefined,
      extendTo: step.action === 'request_extension' ? '2019-07-12T00:00:00+08:00' : undefined,
    });
    expect(decision, `${step.action} from ${current.status}`).toEqual({ ok: true, to: step.toStatus });
    expect(step.at.getTime()).toBeGreaterThanOrEqual(previousAt);
    previousAt = step.at.getTime();
    current = { status: step.toStatus, pendingExtension: step.action === 'request_extension' };
  }
}

describe('checkExchangeHeader', () => {
  it('accepts the columns in any order', () => {
    expect(checkExchangeHeader([...exchangeColumns]).ok).toBe(true);
    const moved = [...exchangeColumns].reverse();
    expect(checkExchangeHeader(moved)).toEqual({ ok: true, columns: moved });
  });

  it('names missing, unknown and duplicate columns', () => {
    const header: string[] = [...exchangeColumns.filter((c) => c !== 'unit' && c !== 'lat'), 'remark', 'lng'];
    const check = checkExchangeHeader(header);
    expect(check.ok).toBe(false);
    if (check.ok) return;
    expect(check.missing).toEqual(['lat', 'unit']);
    expect(check.unknown).toEqual(['remark']);
    expect(check.duplicate).toEqual(['lng']);
    expect(check.reason).toContain('缺少列：lat, unit / missing columns: lat, unit');
  });
});

describe('recordFromFields', () => {
  it('refuses a line with the wrong number of fields', () => {
    const result = recordFromFields(exchangeColumns, ['a', 'b'], 5);
    expect(result).toEqual({
      ok: false,
      errors: [
        { line: 5, column: '*', reason: '该行有 2 个字段，应为 23 个 / the line has 2 fields, expected 23' },
      ],
    });
  });
});

describe('parseIsoWithOffset', () => {
  it('reads offsets and Z', () => {
    expect(parseIsoWithOffset('2019-07-11T08:03:00+08:00')?.toISOString()).toBe('2019-07-11T00:03:00.000Z');
    expect(parseIsoWithOffset('2019-07-11T00:03:00Z')?.toISOString()).toBe('2019-07-11T00:03:00.000Z');
    expect(parseIsoWithOffset('2019-07-11T08:03+0800')?.toISOString()).toBe('2019-07-11T00:03:00.000Z');
    expect(parseIsoWithOffset('2019-07-10T20:03:00.5-04:00')?.toISOString()).toBe('2019-07-11T00:03:00.500Z');
  });

  it('refuses times without an offset and impossible dates', () => {
    for (const text of [
      '2019-07-11T08:03:00',
      '2019-07-11 08:03:00+08:00',
      '2019-02-29T08:00:00+08:00',
      '2019-02-30T08:00:00+08:00',
      '2019-07-11T24:00:00+08:00',
      '2019-07-11T08:60:00+08:00',
      '2019-07-11T08:00:00+15:00',
      '11/07/2019',
      '',
    ]) {
      expect(parseIsoWithOffset(text), text).toBeNull();
    }
    expect(parseIsoWithOffset('2020-02-29T08:00:00+08:00')).not.toBeNull();
  });
});

describe('parseExchangeRow', () => {
  it('reads a full row', () => {
    const row = parsed(closedLoop);
    expect(row).toMatchObject({
      line: 2,
      caseNo: 'E2019071100001',
      source: 'patrol',
      district: '东区',
      kind: 'event',
      categoryCode: '0102',
      lng: 101.71773,
      lat: 26.58362,
      reporter: 'jdy01',
      selfDisposed: false,
      unit: '市城市管理行政执法局',
      reworkCount: 0,
    });
    expect(row.reportedAt.toISOString()).toBe('2019-07-11T00:03:00.000Z');
    expect(row.closedAt?.toISOString()).toBe('2019-07-11T03:00:00.000Z');
  });

  it('treats empty optional fields as unknown', () => {
    const row = parsed({
      case_no: '',
      district: '',
      grid_code: '',
      reporter: '',
      self_disposed: '',
      rework_count: '',
    });
    expect(row).toMatchObject({
      caseNo: null,
      district: null,
      gridCode: null,
      reporter: null,
      selfDisposed: false,
      reworkCount: 0,
    });
  });

  it('keeps the description byte for byte', () => {
    expect(parsed({ description: '  第一行\n"第二行", <script>  ' }).description).toBe(
      '  第一行\n"第二行", <script>  ',
    );
  });

  it('reports every bad field of a row with its column', () => {
    const errors = errorsOf({
      source: 'fax',
      reported_at: '2019-07-11 08:03',
      grid_code: '5104',
      kind: 'thing',
      category_code: '102',
      description: '  ',
      lng: '101,7',
      lat: '95',
      self_disposed: 'yes',
      rework_count: '-1',
      extension_count: '1e2',
      filed_at: 'soon',
    });
    expect(errors.map(([c]) => c)).toEqual([
      'source',
      'reported_at',
      'filed_at',
      'grid_code',
      'kind',
      'category_code',
      'description',
      'lng',
      'lat',
      'self_disposed',
      'rework_count',
      'extension_count',
    ]);
    for (const [, reason] of errors) expect(reason).toMatch(/.+ \/ .+/);
  });

  it('requires source, reported_at, kind, category, description and the point', () => {
    expect(
      columnsOf({
        source: '',
        reported_at: '',
        kind: '',
        category_code: '',
        description: '',
        lng: '',
        lat: '',
      }),
    ).toEqual(['source', 'reported_at', 'kind', 'category_code', 'description', 'lng', 'lat']);
  });

  it('refuses stamps out of loop order, naming the later one', () => {
    expect(columnsOf({ ...closedLoop, filed_at: '2019-07-11T08:00:00+08:00' })).toEqual(['filed_at']);
    expect(columnsOf({ ...closedLoop, dispatched_at: '2019-07-11T08:10:00+08:00' })).toEqual([
      'dispatched_at',
    ]);
    expect(columnsOf({ ...closedLoop, disposed_at: '2019-07-11T08:25:00+08:00' })).toEqual(['disposed_at']);
    expect(columnsOf({ ...closedLoop, checked_at: '2019-07-11T09:00:00+08:00' })).toEqual(['checked_at']);
    expect(columnsOf({ ...closedLoop, closed_at: '2019-07-11T10:30:00+08:00' })).toEqual(['closed_at']);
    expect(columnsOf({ ...closedLoop, deadline_at: '2019-07-11T08:29:00+08:00' })).toEqual(['deadline_at']);
    const [[, reason]] = errorsOf({ ...closedLoop, filed_at: '2019-07-11T08:00:00+08:00' }) as [
      [string, string],
    ];
    expect(reason).toBe(
      '立案时间（2019-07-11T08:00:00+08:00）早于上报时间（2019-07-11T08:03:00+08:00） / ' +
        'filed_at (2019-07-11T08:00:00+08:00) is earlier than reported_at (2019-07-11T08:03:00+08:00)',
    );
  });

  it('allows equal stamps and skips unknown ones when ordering', () => {
    const t = '2019-07-11T08:03:00+08:00';
    expect(columnsOf({ filed_at: t, dispatched_at: t, disposed_at: t, checked_at: t, closed_at: t })).toEqual(
      [],
    );
    // filed and checked unknown: dispatched is compared with reported, closed with disposed
    expect(columnsOf({ ...closedLoop, filed_at: '', checked_at: '' })).toEqual([]);
    expect(
      columnsOf({ ...closedLoop, filed_at: '', checked_at: '', closed_at: '2019-07-11T09:00:00+08:00' }),
    ).toEqual(['closed_at']);
  });

  it('refuses stamps that cannot coexist', () => {
    const disposed = { ...closedLoop, checked_at: '', closed_at: '' };
    expect(columnsOf({ ...disposed, voided_at: '2019-07-11T12:00:00+08:00' })).toEqual(['voided_at']);
    expect(columnsOf({ ...disposed, parked_at: '2019-07-11T12:00:00+08:00' })).toEqual(['parked_at']);
    // dispatched, unit still set, not parked: the workflow has no void from 处置中
    const dispatched = { ...disposed, disposed_at: '' };
    expect(columnsOf({ ...dispatched, voided_at: '2019-07-11T12:00:00+08:00' })).toEqual(['voided_at']);
    // void before the filing it follows
    expect(
      columnsOf({ filed_at: '2019-07-11T09:00:00+08:00', voided_at: '2019-07-11T08:30:00+08:00' }),
    ).toEqual(['voided_at']);
    expect(
      columnsOf({ filed_at: '2019-07-11T09:00:00+08:00', parked_at: '2019-07-11T08:30:00+08:00' }),
    ).toEqual(['parked_at']);
    expect(
      columnsOf({
        unit: '市交通局',
        deadline_at: '2019-07-12T08:00:00+08:00',
        rework_count: '1',
        extension_count: '2',
      }),
    ).toEqual(['deadline_at', 'unit', 'rework_count', 'extension_count']);
  });

  it('refuses stamps in the future when told the time', () => {
    const now = new Date('2019-07-11T00:10:00Z');
    expect(errorsOf({ filed_at: '2019-07-11T08:14:00+08:00' }, now)).toEqual([]);
    expect(errorsOf({ filed_at: '2019-07-11T08:16:00+08:00' }, now).map(([c]) => c)).toEqual(['filed_at']);
  });

  it('fills a self-disposal’s empty stamps with the report time, as the live service does', () => {
    const row = parsed({ self_disposed: 'true' });
    for (const key of ['filedAt', 'disposedAt', 'checkedAt', 'closedAt'] as const)
      expect(row[key]).toEqual(row.reportedAt);
    const later = parsed({ self_disposed: 'true', closed_at: '2019-07-11T08:30:00+08:00' });
    expect(later.closedAt?.toISOString()).toBe('2019-07-11T00:30:00.000Z');
    expect(later.filedAt).toEqual(later.reportedAt);
  });

  it('refuses dispatch-loop fields on a self-disposal', () => {
    expect(columnsOf({ ...closedLoop, self_disposed: 'true', rework_count: '1' })).toEqual([
      'dispatched_at',
      'deadline_at',
      'unit',
      'rework_count',
    ]);
  });
});

describe('rebuildTransitions / deriveStatus', () => {
  const at = (step: RebuiltStep | undefined) => step?.at.toISOString();

  it('a report only', () => {
    const steps = rebuildTransitions(parsed({}));
    expect(steps).toEqual([
      {
        action: 'report',
        fromStatus: null,
        toStatus: 'reported',
        at: new Date('2019-07-11T00:03:00Z'),
        deadlineAt: null,
        unit: false,
        note: null,
        reconstructed: false,
      },
    ]);
    expect(deriveStatus(parsed({}))).toBe('reported');
  });

  it('the normal loop to closed, with request_check placed between disposal and check', () => {
    const steps = rebuildTransitions(parsed(closedLoop));
    expect(actions(steps)).toEqual([
      'report',
      'file',
      'dispatch',
      'dispose',
      'request_check',
      'check_pass',
      'close',
    ]);
    expect(steps.map((s) => s.toStatus)).toEqual([
      'reported',
      'filed',
      'dispatched',
      'disposed',
      'checking',
      'checked',
      'closed',
    ]);
    expect(steps[2]).toMatchObject({
      unit: true,
      deadlineAt: new Date('2019-07-11T04:30:00Z'),
      reconstructed: false,
    });
    expect(steps[4]).toMatchObject({ reconstructed: true });
    expect(at(steps[4])).toBe('2019-07-11T02:20:00.000Z'); // halfway 10:00 → 10:40 (+08:00)
    replay(steps);
  });

  it('each intermediate status', () => {
    const cut = (keep: number) => {
      const keys = ['filed_at', 'dispatched_at', 'disposed_at', 'checked_at', 'closed_at'] as const;
      const patch: Partial<ExchangeRecord> = { ...closedLoop };
      keys.slice(keep).forEach((k) => {
        patch[k] = '';
      });
      if (keep < 2) {
        patch.unit = '';
        patch.deadline_at = '';
      }
      return parsed(patch);
    };
    expect([0, 1, 2, 3, 4, 5].map((n) => deriveStatus(cut(n)))).toEqual([
      'reported',
      'filed',
      'dispatched',
      'disposed',
      'checked',
      'closed',
    ]);
    for (const n of [0, 1, 2, 3, 4, 5]) replay(rebuildTransitions(cut(n)));
  });

  it('rework and extension cycles, spread between dispatch and the final disposal', () => {
    const row = parsed({ ...closedLoop, rework_count: '2', extension_count: '1' });
    const steps = rebuildTransitions(row);
    expect(actions(steps)).toEqual([
      'report',
      'file',
      'dispatch',
      ...['dispose', 'request_check', 'check_fail', 'rework'],
      ...['dispose', 'request_check', 'check_fail', 'rework'],
      'request_extension',
      'approve_extension',
      'dispose',
      'request_check',
      'check_pass',
      'close',
    ]);
    replay(steps);
    const cycles = steps.slice(3, 13);
    expect(cycles.every((s) => s.reconstructed)).toBe(true);
    const dispatched = row.dispatchedAt?.getTime() ?? 0;
    const disposed = row.disposedAt?.getTime() ?? 0;
    for (const s of cycles) {
      expect(s.at.getTime()).toBeGreaterThan(dispatched);
      expect(s.at.getTime()).toBeLessThan(disposed);
      expect(s.at.getUTCMilliseconds()).toBe(0);
    }
    // only the last deadline-setting step knows the deadline; earlier ones are unknown
    expect(steps.filter((s) => s.deadlineAt).map((s) => s.action)).toEqual(['approve_extension']);
    expect(steps.filter((s) => s.unit).map((s) => s.action)).toEqual(['dispatch', 'rework', 'rework']);
    expect(steps.filter((s) => s.note === IMPORT_NOTE).map((s) => s.action)).toEqual([
      'check_fail',
      'check_fail',
      'request_extension',
    ]);
  });

  it('rework cycles of a case still at 处置中 sit at the dispatch instant', () => {
    const row = parsed({ ...closedLoop, disposed_at: '', checked_at: '', closed_at: '', rework_count: '1' });
    const steps = rebuildTransitions(row);
    expect(deriveStatus(row)).toBe('dispatched');
    expect(steps.slice(3).every((s) => s.at.getTime() === row.dispatchedAt?.getTime())).toBe(true);
    expect(steps[steps.length - 1]).toMatchObject({ action: 'rework', deadlineAt: row.deadlineAt });
    replay(steps);
  });

  it('unknown intermediate stamps are rebuilt between the known ones', () => {
    const row = parsed({ ...closedLoop, filed_at: '', dispatched_at: '', deadline_at: '' });
    const steps = rebuildTransitions(row);
    expect(actions(steps).slice(0, 4)).toEqual(['report', 'file', 'dispatch', 'dispose']);
    expect(steps[1]?.reconstructed && steps[2]?.reconstructed).toBe(true);
    expect(steps[1]?.at.getTime()).toBeLessThanOrEqual(steps[2]?.at.getTime() ?? 0);
    expect(row.filedAt).toBeNull(); // the row keeps "unknown"; only the log needs an instant
    replay(steps);
  });

  it('self-disposal is one step', () => {
    const row = parsed({ self_disposed: 'true' });
    expect(rebuildTransitions(row)).toEqual([
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
    ]);
  });

  it('void from reported, from filed and after parking', () => {
    const voidedAt = '2019-07-11T09:00:00+08:00';
    expect(actions(rebuildTransitions(parsed({ voided_at: voidedAt })))).toEqual(['report', 'void']);
    expect(
      actions(rebuildTransitions(parsed({ filed_at: '2019-07-11T08:30:00+08:00', voided_at: voidedAt }))),
    ).toEqual(['report', 'file', 'void']);
    const parkedThenVoided = parsed({
      filed_at: '2019-07-11T08:10:00+08:00',
      unit: '市交通运输局',
      dispatched_at: '2019-07-11T08:20:00+08:00',
      parked_at: '2019-07-11T08:40:00+08:00',
      voided_at: voidedAt,
    });
    const steps = rebuildTransitions(parkedThenVoided);
    expect(actions(steps)).toEqual(['report', 'file', 'dispatch', 'park', 'void']);
    expect(steps[4]?.note).toBe(IMPORT_NOTE);
    replay(steps);
  });

  it('park from 待派遣 and from 处置中', () => {
    const filedParked = parsed({
      filed_at: '2019-07-11T08:10:00+08:00',
      parked_at: '2019-07-11T08:40:00+08:00',
    });
    expect(actions(rebuildTransitions(filedParked))).toEqual(['report', 'file', 'park']);
    expect(deriveStatus(filedParked)).toBe('parked');
    // a parked stamp implies filing even when the filing time is unknown
    const parkedOnly = parsed({ parked_at: '2019-07-11T08:40:00+08:00' });
    expect(rebuildTransitions(parkedOnly).map((s) => [s.action, s.reconstructed])).toEqual([
      ['report', false],
      ['file', true],
      ['park', false],
    ]);
    replay(rebuildTransitions(parkedOnly));
  });

  it('dispatched without a unit is read as returned (回退) to 待派遣', () => {
    const row = parsed({ filed_at: '2019-07-11T08:10:00+08:00', dispatched_at: '2019-07-11T08:20:00+08:00' });
    const steps = rebuildTransitions(row);
    expect(actions(steps)).toEqual(['report', 'file', 'dispatch', 'return']);
    expect(deriveStatus(row)).toBe('filed');
    expect(steps[3]).toMatchObject({ reconstructed: true, note: IMPORT_NOTE });
    replay(steps);
    const thenVoided = parsed({
      filed_at: '2019-07-11T08:10:00+08:00',
      dispatched_at: '2019-07-11T08:20:00+08:00',
      voided_at: '2019-07-11T09:00:00+08:00',
    });
    expect(actions(rebuildTransitions(thenVoided))).toEqual(['report', 'file', 'dispatch', 'return', 'void']);
    replay(rebuildTransitions(thenVoided));
  });
});

describe('formatExchangeRow', () => {
  const sample: ExchangeCase = {
    caseNo: 'C2019071100002',
    source: 'hotline',
    reportedAt: new Date('2019-07-11T00:03:00Z'),
    districtName: '西区',
    gridCode: '510403001002002',
    kind: 'part',
    categoryCode: '0101',
    description: '井盖缺失, "危险"\n请尽快处理',
    lng: 101.60473,
    lat: 26.62262,
    reporterLogin: null,
    selfDisposed: false,
    filedAt: new Date('2019-07-11T00:20:00Z'),
    voidedAt: null,
    parkedAt: null,
    unitName: '市水务集团',
    dispatchedAt: new Date('2019-07-11T00:30:00Z'),
    deadlineAt: new Date('2019-07-11T04:30:00Z'),
    disposedAt: null,
    checkedAt: null,
    closedAt: null,
    reworkCount: 1,
    extensionCount: 0,
  };

  it('writes +08:00 times, plain numbers, true/false and empty unknowns in column order', () => {
    expect(formatExchangeRow(sample)).toEqual([
      'C2019071100002',
      'hotline',
      '2019-07-11T08:03:00+08:00',
      '西区',
      '510403001002002',
      'part',
      '0101',
      '井盖缺失, "危险"\n请尽快处理',
      '101.60473',
      '26.62262',
      '',
      'false',
      '2019-07-11T08:20:00+08:00',
      '',
      '',
      '市水务集团',
      '2019-07-11T08:30:00+08:00',
      '2019-07-11T12:30:00+08:00',
      '',
      '',
      '',
      '1',
      '0',
    ]);
  });

  it('reads back to the same values', () => {
    const fields = formatExchangeRow(sample);
    const record = recordFromFields(exchangeColumns, fields, 2);
    if (!record.ok) throw new Error('field count');
    const result = parseExchangeRow(record.record, 2);
    if (!result.ok) throw new Error(JSON.stringify(result.errors));
    const row = result.row;
    expect(
      formatExchangeRow({
        ...sample,
        ...row,
        caseNo: row.caseNo ?? '',
        districtName: row.district,
        reporterLogin: row.reporter,
        unitName: row.unit,
      }),
    ).toEqual(fields);
  });
});
