import { describe, expect, it } from 'vitest';
import { AppError } from '../../platform/http/errors.js';
import { monthOf, monthRange, previousMonth, reportWindow } from './month.js';

describe('statistics months (Asia/Shanghai)', () => {
  it('spans a Shanghai calendar month', () => {
    const r = monthRange('2019-07');
    expect(r.start.toISOString()).toBe('2019-06-30T16:00:00.000Z');
    expect(r.end.toISOString()).toBe('2019-07-31T16:00:00.000Z');
    expect(r.days).toBe(31);
    expect(monthRange('2019-02').days).toBe(28);
    expect(monthRange('2020-02').days).toBe(29);
    expect(monthOf(new Date('2019-06-30T16:00:00Z'))).toBe('2019-07');
    expect(monthOf(new Date('2019-06-30T15:59:59Z'))).toBe('2019-06');
  });

  it('steps back across a year', () => {
    expect(previousMonth('2019-07')).toBe('2019-06');
    expect(previousMonth('2019-01')).toBe('2018-12');
  });

  it('refuses malformed months with a bilingual 400', () => {
    for (const bad of ['2019-13', '2019-00', '2019-7', '19-07', '']) {
      try {
        monthRange(bad);
        expect.unreachable(bad);
      } catch (error) {
        expect(error).toBeInstanceOf(AppError);
        expect((error as AppError).status).toBe(400);
        expect((error as AppError).messages.zh).toContain('月份');
        expect((error as AppError).messages.en).toContain('month');
      }
    }
  });

  it('refuses a month that has not begun (422) and caps as-of at now', () => {
    const now = new Date('2019-07-15T04:00:00Z');
    expect(() => reportWindow('2019-08', now)).toThrow(/has not begun/);
    expect(reportWindow('2019-07', now).asOf.toISOString()).toBe(now.toISOString());
    expect(reportWindow('2019-06', now).asOf.toISOString()).toBe('2019-06-30T15:59:59.999Z');
    const early = new Date('2019-07-03T00:00:00Z');
    expect(reportWindow('2019-07', now, early).asOf).toEqual(early);
    expect(() => reportWindow('2019-07', now, new Date('2019-06-01T00:00:00Z'))).toThrow(/before the month/);
  });
});
