import { uuidv7 } from 'uuidv7';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { openTestDatabase } from '../../../test/support/test-db.js';
import type { Db } from '../../platform/db/database.js';
import { AppError } from '../../platform/http/errors.js';
import type { Actor } from '../../platform/http/server-types.js';
import {
  computeDeadline,
  getCalendarYear,
  importCalendarYear,
  loadWorkCalendar,
  seedCalendar,
  setCalendarDay,
  updateCalendarSettings,
} from './calendar.service.js';
import { CHINESE_DAYS_SOURCE } from './chinese-days-seed.js';

const CITY = '510400';
const OTHER_CITY = '510100';
const actor: Actor = {
  userId: uuidv7(),
  login: 'admin',
  role: 'admin',
  cityCode: CITY,
  unitId: null,
  regionId: null,
};
const bj = (wallClock: string) => new Date(`${wallClock.replace(' ', 'T')}:00+08:00`);

// A made-up 2027 schedule for the tests, not the State Council's.
const test2027 = [
  { day: '2027-01-01', kind: 'holiday', name: '元旦' },
  { day: '2027-02-06', kind: 'holiday', name: '春节' },
  { day: '2027-02-07', kind: 'holiday', name: '春节' },
  { day: '2027-02-08', kind: 'holiday', name: '春节' },
  { day: '2027-02-20', kind: 'workday', name: '春节' },
] as const;

let db: Db;
let close: (() => Promise<void>) | undefined;

beforeAll(async () => {
  // Empty (migrated only): the tests run in order from no calendar, through the first seed, to edits.
  ({ db, close } = await openTestDatabase('empty'));
  await db
    .insertInto('cities')
    .values([
      { code: CITY, name: '攀枝花市' },
      { code: OTHER_CITY, name: '成都市' },
    ])
    .execute();
}, 120_000);

afterAll(async () => {
  // Optional: when opening the database failed there is nothing to close.
  await close?.();
});

async function counts(cityCode = CITY) {
  const days = await db
    .selectFrom('calendarDays')
    .select((eb) => eb.fn.countAll<number>().as('n'))
    .where('cityCode', '=', cityCode)
    .executeTakeFirstOrThrow();
  const years = await db
    .selectFrom('calendarYears')
    .select(['year', 'source'])
    .where('cityCode', '=', cityCode)
    .orderBy('year')
    .execute();
  return { days: Number(days.n), years };
}

const auditRows = (action: string) =>
  db
    .selectFrom('auditLog')
    .selectAll()
    .where('cityCode', '=', CITY)
    .where('action', '=', action)
    .orderBy('id')
    .execute();

async function expectAppError(promise: Promise<unknown>, status: number): Promise<AppError> {
  const error = await promise.then(
    () => null,
    (e: unknown) => e,
  );
  expect(error).toBeInstanceOf(AppError);
  const appError = error as AppError;
  expect(appError.status).toBe(status);
  expect(appError.messages.zh).toMatch(/[\u4e00-\u9fff]/);
  expect(appError.messages.en.length).toBeGreaterThan(0);
  return appError;
}

describe('calendar service', () => {
  it('refuses to compute for a city without a calendar (409)', async () => {
    await expectAppError(getCalendarYear(db, CITY, 2019), 409);
    await expectAppError(computeDeadline(db, CITY, bj('2019-09-24 09:00'), { amount: 1, unit: 'hour' }), 409);
  });

  it('seeds settings and 2004–2026 once; a second run changes nothing', async () => {
    const first = await seedCalendar(db, CITY);
    expect(first.settingsCreated).toBe(true);
    expect(first.yearsAdded).toEqual(Array.from({ length: 23 }, (_, i) => 2004 + i));
    const afterFirst = await counts();
    expect(afterFirst.days).toBe(first.daysAdded);
    expect(afterFirst.days).toBeGreaterThan(700);
    expect(afterFirst.years.map((y) => y.year).at(-1)).toBe(2026);
    expect(new Set(afterFirst.years.map((y) => y.source))).toEqual(new Set([CHINESE_DAYS_SOURCE]));

    const second = await seedCalendar(db, CITY);
    expect(second).toEqual({ settingsCreated: false, yearsAdded: [], daysAdded: 0 });
    expect(await counts()).toEqual(afterFirst);
    expect(await auditRows('calendar.seed')).toHaveLength(1);
    expect(await counts(OTHER_CITY)).toEqual({ days: 0, years: [] });
  });

  it('has 国庆 2019 with its make-up days and the default periods', async () => {
    const y2019 = await getCalendarYear(db, CITY, 2019);
    expect(y2019).toMatchObject({
      year: 2019,
      known: true,
      source: CHINESE_DAYS_SOURCE,
      workPeriods: [
        { start: '08:30', end: '12:00' },
        { start: '14:30', end: '18:00' },
      ],
      warningShare: 0.8,
    });
    const kindOf = (day: string) => y2019.days.find((d) => d.day === day)?.kind;
    for (let d = 1; d <= 7; d++) expect(kindOf(`2019-10-0${d}`)).toBe('holiday');
    expect(kindOf('2019-09-29')).toBe('workday');
    expect(kindOf('2019-10-12')).toBe('workday');
    expect(y2019.days.find((d) => d.day === '2019-10-01')?.name).toBe('国庆节');
  });

  it('knows no year after 2026 until one is imported', async () => {
    expect(await getCalendarYear(db, CITY, 2027)).toMatchObject({ known: false, source: null, days: [] });
    const cal = await loadWorkCalendar(db, CITY, 2026, 2027);
    expect([...cal.knownYears]).toEqual([2026]);
  });

  it('computes deadlines from the stored calendar, flagging unknown years', async () => {
    expect(await computeDeadline(db, CITY, bj('2019-09-30 16:00'), { amount: 4, unit: 'hour' })).toEqual({
      at: bj('2019-10-08 10:30'),
      estimated: false,
    });
    expect(await computeDeadline(db, CITY, bj('2026-12-30 10:00'), { amount: 5, unit: 'day' })).toEqual({
      at: bj('2027-01-06 10:00'),
      estimated: true,
    });
  });

  it('loads further years for a long limit', async () => {
    // 400 working days from 2019-01-02 end in 2020: the first load (2019–2020) suffices;
    // 600 end in 2021, beyond it, so computeDeadline loads up to 2021 and all of it is known.
    const long = await computeDeadline(db, CITY, bj('2019-01-02 08:30'), { amount: 600, unit: 'day' });
    expect(long.at.getTime()).toBeGreaterThan(bj('2021-01-01 00:00').getTime());
    expect(long.estimated).toBe(false);
  });

  it('rejects an import with a day outside the year (422) and changes nothing', async () => {
    const before = await counts();
    const auditBefore = await auditRows('calendar.year.import');
    const error = await expectAppError(
      importCalendarYear(db, actor, {
        year: 2027,
        days: [...test2027, { day: '2026-12-31', kind: 'holiday', name: '元旦' }],
      }),
      422,
    );
    expect(error.details).toEqual([{ index: 5, day: '2026-12-31', problem: 'outsideYear' }]);
    await expectAppError(
      importCalendarYear(db, actor, { year: 2027, days: [...test2027, test2027[0]] }),
      422,
    );
    await expectAppError(
      importCalendarYear(db, actor, { year: 2027, days: [{ day: '2027-02-30', kind: 'holiday', name: '' }] }),
      422,
    );
    await expectAppError(
      importCalendarYear(db, actor, { year: 2027, days: [{ day: '2027-02-20', kind: 'workday', name: '' }] }),
      422,
    );
    expect(await counts()).toEqual(before);
    expect(await auditRows('calendar.year.import')).toEqual(auditBefore);
  });

  it('imports 2027, which makes it known and replaces its rows on re-import', async () => {
    const result = await importCalendarYear(db, actor, { year: 2027, days: test2027 });
    expect(result).toEqual({ year: 2027, source: 'import', holidays: 4, workdays: 1, replaced: 0 });
    expect(await getCalendarYear(db, CITY, 2027)).toMatchObject({ known: true, source: 'import' });
    // 2027-01-01 is now a holiday and the year is known: one day later, no longer estimated.
    expect(await computeDeadline(db, CITY, bj('2026-12-30 10:00'), { amount: 5, unit: 'day' })).toEqual({
      at: bj('2027-01-07 10:00'),
      estimated: false,
    });

    const again = await importCalendarYear(db, actor, { year: 2027, days: test2027.slice(0, 2) });
    expect(again.replaced).toBe(5);
    expect((await getCalendarYear(db, CITY, 2027)).days.map((d) => d.day)).toEqual([
      '2027-01-01',
      '2027-02-06',
    ]);

    const audit = await auditRows('calendar.year.import');
    expect(audit).toHaveLength(2);
    expect(audit[0]).toMatchObject({
      userId: actor.userId,
      login: 'admin',
      objectType: 'calendar_year',
      objectId: '2027',
    });
    // Seeding afterwards leaves an imported year alone.
    expect((await seedCalendar(db, CITY)).yearsAdded).toEqual([]);
  });

  it('sets and clears one day, each with an audit row', async () => {
    const set = await setCalendarDay(db, actor, { day: '2026-12-31', kind: 'holiday', name: ' 市级假日 ' });
    expect(set).toEqual({ day: '2026-12-31', kind: 'holiday', name: '市级假日' });
    expect((await getCalendarYear(db, CITY, 2026)).days.at(-1)).toEqual(set);
    expect((await computeDeadline(db, CITY, bj('2026-12-30 17:00'), { amount: 2, unit: 'hour' })).at).toEqual(
      bj('2027-01-04 09:30'),
    );

    const cleared = await setCalendarDay(db, actor, { day: '2026-12-31', kind: null });
    expect(cleared).toEqual({ day: '2026-12-31', kind: null, name: '' });
    expect((await getCalendarYear(db, CITY, 2026)).days.some((d) => d.day === '2026-12-31')).toBe(false);

    const [setRow] = await auditRows('calendar.day.set');
    const [clearRow] = await auditRows('calendar.day.clear');
    expect(setRow).toMatchObject({ objectType: 'calendar_day', objectId: '2026-12-31', success: true });
    expect(setRow?.detail).toEqual({ before: null, after: set });
    expect(clearRow?.detail).toEqual({ before: set, after: null });

    await expectAppError(setCalendarDay(db, actor, { day: '2026-13-01', kind: 'holiday' }), 422);
    expect(await auditRows('calendar.day.set')).toHaveLength(1);
  });

  it('updates settings with an audit row and rejects bad periods (422) without change', async () => {
    const periods = [
      { start: '08:00', end: '12:00' },
      { start: '14:00', end: '17:30' },
    ];
    expect(await updateCalendarSettings(db, actor, { workPeriods: periods, warningShare: 0.75 })).toEqual({
      workPeriods: periods,
      warningShare: 0.75,
    });
    const cal = await loadWorkCalendar(db, CITY, 2019, 2019);
    expect(cal).toMatchObject({ workPeriods: periods, warningShare: 0.75 });

    await expectAppError(
      updateCalendarSettings(db, actor, {
        workPeriods: [
          { start: '08:00', end: '12:30' },
          { start: '12:00', end: '17:30' },
        ],
        warningShare: 0.8,
      }),
      422,
    );
    await expectAppError(updateCalendarSettings(db, actor, { workPeriods: periods, warningShare: 1 }), 422);
    expect(await loadWorkCalendar(db, CITY, 2019, 2019)).toMatchObject({
      workPeriods: periods,
      warningShare: 0.75,
    });

    const audit = await auditRows('calendar.settings.update');
    expect(audit).toHaveLength(1);
    expect(audit[0]?.detail).toMatchObject({ after: { workPeriods: periods, warningShare: 0.75 } });
  });
});
