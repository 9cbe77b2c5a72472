import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/http/errors.js';
import {
  addWorkingTime,
  type DayKind,
  isWorkingDay,
  parseWorkPeriods,
  type TimeLimit,
  type WorkCalendar,
  warningInstant,
  workingMinutesBetween,
} from './working-time.js';

// Beijing wall-clock time → instant, so the cases read like the State Council notices.
const bj = (wallClock: string) => new Date(`${wallClock.replace(' ', 'T')}:00+08:00`);

function range(from: string, to: string): string[] {
  const days: string[] = [];
  for (
    let d = new Date(`${from}T00:00:00Z`);
    d <= new Date(`${to}T00:00:00Z`);
    d.setUTCDate(d.getUTCDate() + 1)
  ) {
    days.push(d.toISOString().slice(0, 10));
  }
  return days;
}

// Official schedules (国务院办公厅通知) for the dates these cases touch.
const holidays = [
  ...range('2019-09-13', '2019-09-15'), // 中秋
  ...range('2019-10-01', '2019-10-07'), // 国庆
  ...range('2024-02-10', '2024-02-17'), // 春节
  ...range('2025-01-28', '2025-02-04'), // 春节
  ...range('2025-10-01', '2025-10-08'), // 国庆 + 中秋
  ...range('2026-01-01', '2026-01-03'), // 元旦
];
const makeUpWorkdays = [
  '2019-09-29', // Sunday
  '2019-10-12', // Saturday
  '2024-02-04', // Sunday
  '2024-02-18', // Sunday
  '2025-01-26', // Sunday
  '2025-02-08', // Saturday
  '2025-09-28', // Sunday
  '2025-10-11', // Saturday
  '2026-01-04', // Sunday
];

const days = new Map<string, DayKind>([
  ...holidays.map((d) => [d, 'holiday'] as const),
  ...makeUpWorkdays.map((d) => [d, 'workday'] as const),
]);

const cal: WorkCalendar = {
  workPeriods: [
    { start: '08:30', end: '12:00' },
    { start: '14:30', end: '18:00' },
  ],
  days,
  knownYears: new Set([2019, 2024, 2025, 2026]),
  warningShare: 0.8,
};

const add = (start: string, amount: number, unit: TimeLimit['unit']) =>
  addWorkingTime(bj(start), { amount, unit }, cal);

function expectInvalid(fn: () => unknown) {
  try {
    fn();
  } catch (error) {
    expect(error).toBeInstanceOf(AppError);
    const e = error as AppError;
    expect(e.status).toBe(422);
    expect(e.messages.zh).toMatch(/[\u4e00-\u9fff]/);
    expect(e.messages.en.length).toBeGreaterThan(0);
    return;
  }
  throw new Error('expected a 422 AppError');
}

describe('addWorkingTime', () => {
  it('counts 30 minutes inside a period', () => {
    expect(add('2019-09-24 09:00', 30, 'minute')).toEqual({ at: bj('2019-09-24 09:30'), estimated: false });
  });

  it('skips the lunch break', () => {
    expect(add('2019-09-24 11:45', 30, 'minute').at).toEqual(bj('2019-09-24 14:45'));
  });

  it('starts counting at the afternoon start when started in the lunch break', () => {
    expect(add('2019-09-24 13:00', 30, 'minute').at).toEqual(bj('2019-09-24 15:00'));
  });

  it('counts 4 hours within a day and across a night', () => {
    expect(add('2019-09-24 10:00', 4, 'hour').at).toEqual(bj('2019-09-24 16:30'));
    expect(add('2019-09-24 16:00', 4, 'hour').at).toEqual(bj('2019-09-25 10:30'));
    expect(add('2019-09-24 20:00', 4, 'hour').at).toEqual(bj('2019-09-25 15:00'));
  });

  it('skips an ordinary weekend', () => {
    expect(add('2019-09-20 16:00', 4, 'hour').at).toEqual(bj('2019-09-23 10:30'));
  });

  it('returns the period end when the count ends exactly there', () => {
    expect(add('2019-09-27 17:00', 1, 'hour').at).toEqual(bj('2019-09-27 18:00'));
    expect(add('2019-09-24 11:00', 60, 'minute').at).toEqual(bj('2019-09-24 12:00'));
  });

  it('works on the 调休 Sunday before 国庆 2019 and skips the Saturday', () => {
    expect(add('2019-09-27 17:00', 2, 'hour').at).toEqual(bj('2019-09-29 09:30'));
  });

  it('skips the 国庆 2019 holidays', () => {
    expect(add('2019-09-30 16:00', 4, 'hour').at).toEqual(bj('2019-10-08 10:30'));
  });

  it('starts on a holiday at the next working day', () => {
    expect(add('2019-10-03 10:00', 30, 'minute').at).toEqual(bj('2019-10-08 09:00'));
    expect(add('2019-09-14 10:00', 30, 'minute').at).toEqual(bj('2019-09-16 09:00')); // 中秋 Saturday
  });

  it('counts 5 working days through 国庆 ending on the 调休 Saturday', () => {
    // 09-30 gives 5.5 h, 10-08..10-11 4 × 7 h, the remaining 1.5 h fall on Saturday 10-12.
    expect(add('2019-09-30 10:00', 5, 'day')).toEqual({ at: bj('2019-10-12 10:00'), estimated: false });
  });

  it('defines a day as one day of work periods (7 h here)', () => {
    expect(add('2019-09-24 10:00', 1, 'day').at).toEqual(bj('2019-09-25 10:00'));
    expect(add('2019-09-20 17:00', 1, 'day').at).toEqual(bj('2019-09-23 17:00'));
    expect(add('2019-09-24 10:00', 1, 'day').at).toEqual(add('2019-09-24 10:00', 7, 'hour').at);
  });

  it('handles 2024 春节: 除夕 Friday works, the 调休 Sundays work', () => {
    expect(add('2024-02-08 17:00', 2, 'hour').at).toEqual(bj('2024-02-09 09:30'));
    expect(add('2024-02-09 17:00', 2, 'hour').at).toEqual(bj('2024-02-18 09:30'));
    expect(add('2024-02-03 10:00', 30, 'minute').at).toEqual(bj('2024-02-04 09:00'));
  });

  it('handles 2025 国庆 + 中秋 (eight days) and its 调休 Saturday', () => {
    expect(add('2025-09-30 17:30', 1, 'hour').at).toEqual(bj('2025-10-09 09:00'));
    expect(add('2025-10-10 17:00', 2, 'hour').at).toEqual(bj('2025-10-11 09:30'));
  });

  it('flags a deadline in a year without an official schedule (2027) as estimated', () => {
    // 2027-01-01 counts as a working Friday by the weekday rule: that is the estimate.
    expect(add('2026-12-30 10:00', 5, 'day')).toEqual({ at: bj('2027-01-06 10:00'), estimated: true });
    expect(add('2026-12-28 10:00', 1, 'day')).toEqual({ at: bj('2026-12-29 10:00'), estimated: false });
  });

  it('flags a computation that starts in an unknown year and ends in a known one', () => {
    const only2026: WorkCalendar = { ...cal, knownYears: new Set([2026]) };
    // 17:30–18:00 on 2025-12-31, then 元旦 2026-01-01..03, then the 调休 Sunday 01-04.
    expect(addWorkingTime(bj('2025-12-31 17:30'), { amount: 1, unit: 'hour' }, only2026)).toEqual({
      at: bj('2026-01-04 09:00'),
      estimated: true,
    });
  });

  it('normalises a zero amount to the next working instant', () => {
    expect(add('2019-09-24 09:15', 0, 'minute').at).toEqual(bj('2019-09-24 09:15'));
    expect(add('2019-09-24 08:30', 0, 'minute').at).toEqual(bj('2019-09-24 08:30'));
    expect(add('2019-09-24 13:00', 0, 'hour').at).toEqual(bj('2019-09-24 14:30'));
    expect(add('2019-09-24 12:00', 0, 'day').at).toEqual(bj('2019-09-24 14:30'));
    expect(add('2019-09-28 10:00', 0, 'minute').at).toEqual(bj('2019-09-29 08:30'));
    expect(add('2019-10-01 10:00', 0, 'minute').at).toEqual(bj('2019-10-08 08:30'));
  });

  it('keeps seconds and accepts fractional amounts', () => {
    const start = new Date(bj('2019-09-24 09:00').getTime() + 30_000);
    expect(addWorkingTime(start, { amount: 30, unit: 'minute' }, cal).at).toEqual(
      new Date(bj('2019-09-24 09:30').getTime() + 30_000),
    );
    expect(add('2019-09-24 09:00', 0.5, 'hour').at).toEqual(bj('2019-09-24 09:30'));
  });

  it('reads instants in Beijing time whatever zone they were written in', () => {
    expect(addWorkingTime(new Date('2019-09-24T01:00:00Z'), { amount: 30, unit: 'minute' }, cal).at).toEqual(
      new Date('2019-09-24T01:30:00Z'),
    );
    // 2019-09-28T23:00Z is Sunday 09-29 07:00 in Beijing: a 调休 working day.
    expect(addWorkingTime(new Date('2019-09-28T23:00:00Z'), { amount: 0, unit: 'minute' }, cal).at).toEqual(
      bj('2019-09-29 08:30'),
    );
  });

  it('rejects negative, non-finite and absurdly long amounts with 422', () => {
    expectInvalid(() => add('2019-09-24 09:00', -1, 'minute'));
    expectInvalid(() => add('2019-09-24 09:00', Number.NaN, 'hour'));
    expectInvalid(() => add('2019-09-24 09:00', 100_000, 'day'));
  });
});

describe('isWorkingDay', () => {
  it('follows holidays, 调休 days and weekdays', () => {
    expect(isWorkingDay('2019-09-27', cal)).toBe(true); // Friday
    expect(isWorkingDay('2019-09-28', cal)).toBe(false); // Saturday
    expect(isWorkingDay('2019-09-29', cal)).toBe(true); // Sunday, 调休
    expect(isWorkingDay('2019-10-01', cal)).toBe(false); // 国庆
    expect(isWorkingDay('2019-10-12', cal)).toBe(true); // Saturday, 调休
    expect(isWorkingDay('2019-10-13', cal)).toBe(false); // Sunday
    expect(isWorkingDay('2027-01-01', cal)).toBe(true); // unknown year: weekday rule
  });

  it('reads a Date as its Beijing date', () => {
    expect(isWorkingDay(new Date('2019-09-28T16:30:00Z'), cal)).toBe(true); // 09-29 00:30 in Beijing
    expect(isWorkingDay(new Date('2019-09-28T15:30:00Z'), cal)).toBe(false); // 09-28 23:30 in Beijing
  });

  it('rejects a malformed or impossible date', () => {
    expectInvalid(() => isWorkingDay('2019-9-1', cal));
    expectInvalid(() => isWorkingDay('2019-02-29', cal));
  });
});

describe('workingMinutesBetween', () => {
  it('counts working minutes across holidays', () => {
    expect(workingMinutesBetween(bj('2019-09-30 16:00'), bj('2019-10-08 10:30'), cal)).toBe(240);
    expect(workingMinutesBetween(bj('2019-09-24 11:00'), bj('2019-09-24 15:00'), cal)).toBe(90);
    expect(workingMinutesBetween(bj('2019-09-28 00:00'), bj('2019-09-28 23:59'), cal)).toBe(0);
  });

  it('is negative when reversed and zero for the same instant', () => {
    expect(workingMinutesBetween(bj('2019-10-08 10:30'), bj('2019-09-30 16:00'), cal)).toBe(-240);
    expect(workingMinutesBetween(bj('2019-09-24 09:00'), bj('2019-09-24 09:00'), cal)).toBe(0);
  });

  it('round-trips with addWorkingTime over many starts and amounts', () => {
    const amounts: TimeLimit[] = [
      { amount: 1, unit: 'minute' },
      { amount: 30, unit: 'minute' },
      { amount: 61, unit: 'minute' },
      { amount: 4, unit: 'hour' },
      { amount: 7, unit: 'hour' },
      { amount: 1, unit: 'day' },
      { amount: 5, unit: 'day' },
    ];
    const windows = [
      [bj('2019-09-10 00:00'), bj('2019-10-15 00:00')],
      [bj('2024-02-01 00:00'), bj('2024-02-20 00:00')],
      [bj('2025-09-25 00:00'), bj('2025-10-13 00:00')],
      [bj('2026-12-20 00:00'), bj('2027-01-05 00:00')],
    ] as const;
    let checked = 0;
    for (const [from, to] of windows) {
      // A 37-minute step lands on every minute-of-day pattern, in and out of the periods.
      for (let t = from.getTime(); t < to.getTime(); t += 37 * 60_000) {
        const start = new Date(t);
        for (const limit of amounts) {
          const { at } = addWorkingTime(start, limit, cal);
          const minutes = limit.amount * (limit.unit === 'minute' ? 1 : limit.unit === 'hour' ? 60 : 420);
          expect(workingMinutesBetween(start, at, cal)).toBe(minutes);
          // Minimal: one minute earlier the limit had not yet elapsed.
          expect(workingMinutesBetween(start, new Date(at.getTime() - 60_000), cal)).toBe(minutes - 1);
          checked++;
        }
      }
    }
    expect(checked).toBeGreaterThan(10_000);
  });
});

describe('warningInstant', () => {
  it('is reached after the share of the working time', () => {
    // 240 working minutes; 80 % = 192: 16:00–18:00 (120) then 72 minutes from 08:30 on 10-08.
    expect(warningInstant(bj('2019-09-30 16:00'), bj('2019-10-08 10:30'), cal.warningShare, cal)).toEqual(
      bj('2019-10-08 09:42'),
    );
  });

  it('warns at the deadline when there is no working time before it', () => {
    expect(warningInstant(bj('2019-10-01 10:00'), bj('2019-10-02 10:00'), 0.8, cal)).toEqual(
      bj('2019-10-02 10:00'),
    );
  });

  it('rejects a share outside (0, 1)', () => {
    expectInvalid(() => warningInstant(bj('2019-09-24 09:00'), bj('2019-09-24 10:00'), 1, cal));
    expectInvalid(() => warningInstant(bj('2019-09-24 09:00'), bj('2019-09-24 10:00'), 0, cal));
  });
});

describe('parseWorkPeriods', () => {
  it('accepts sorted, non-overlapping periods (touching allowed)', () => {
    const periods = [
      { start: '08:30', end: '12:00' },
      { start: '12:00', end: '13:00' },
      { start: '14:30', end: '18:00' },
    ];
    expect(parseWorkPeriods(periods)).toEqual(periods);
  });

  it('rejects empty, malformed, inverted, overlapping and unsorted periods with 422', () => {
    expectInvalid(() => parseWorkPeriods([]));
    expectInvalid(() => parseWorkPeriods([{ start: '8:30', end: '12:00' }]));
    expectInvalid(() => parseWorkPeriods([{ start: '08:30', end: '24:00' }]));
    expectInvalid(() => parseWorkPeriods([{ start: '12:00', end: '08:30' }]));
    expectInvalid(() => parseWorkPeriods([{ start: '09:00', end: '09:00' }]));
    expectInvalid(() =>
      parseWorkPeriods([
        { start: '08:30', end: '12:30' },
        { start: '12:00', end: '18:00' },
      ]),
    );
    expectInvalid(() =>
      parseWorkPeriods([
        { start: '14:30', end: '18:00' },
        { start: '08:30', end: '12:00' },
      ]),
    );
  });

  it('is applied to the calendar a computation uses', () => {
    expectInvalid(() =>
      addWorkingTime(bj('2019-09-24 09:00'), { amount: 1, unit: 'hour' }, { ...cal, workPeriods: [] }),
    );
  });
});
