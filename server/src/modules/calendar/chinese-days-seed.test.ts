import { describe, expect, it } from 'vitest';
import { CHINESE_DAYS_SOURCE, chineseDaysYears, DEFAULT_WORK_PERIODS } from './chinese-days-seed.js';
import { parseWorkPeriods } from './working-time.js';

describe('chineseDaysYears', () => {
  const years = chineseDaysYears();

  it('claims exactly the years with official data: 2004–2026, not 2027', () => {
    expect(years.map((y) => y.year)).toEqual(Array.from({ length: 23 }, (_, i) => 2004 + i));
  });

  it('has 国庆 2019 with its two make-up working days', () => {
    const y2019 = years.find((y) => y.year === 2019)?.days ?? [];
    const national = y2019.filter((d) => d.name === '国庆节');
    expect(national.filter((d) => d.kind === 'holiday').map((d) => d.day)).toEqual([
      '2019-10-01',
      '2019-10-02',
      '2019-10-03',
      '2019-10-04',
      '2019-10-05',
      '2019-10-06',
      '2019-10-07',
    ]);
    expect(national.filter((d) => d.kind === 'workday').map((d) => d.day)).toEqual([
      '2019-09-29',
      '2019-10-12',
    ]);
  });

  it('has the 2020 春节 extension and 2024 春节', () => {
    const days = years.flatMap((y) => y.days);
    const find = (day: string) => days.find((d) => d.day === day);
    expect(find('2020-02-02')).toEqual({ day: '2020-02-02', kind: 'holiday', name: '春节' });
    expect(find('2024-02-09')).toBeUndefined(); // 除夕 2024 was a working day
    expect(find('2024-02-18')).toEqual({ day: '2024-02-18', kind: 'workday', name: '春节' });
  });

  it('only has make-up working days on weekends, each row in its own year, sorted', () => {
    for (const { year, days } of years) {
      expect(days.map((d) => d.day)).toEqual(days.map((d) => d.day).sort());
      for (const d of days) {
        expect(d.day.startsWith(`${year}-`)).toBe(true);
        if (d.kind === 'workday') expect([0, 6]).toContain(new Date(`${d.day}T00:00:00Z`).getUTCDay());
      }
    }
  });

  it('names its source with the package version and ships valid default periods', () => {
    expect(CHINESE_DAYS_SOURCE).toMatch(/^chinese-days@\d+\.\d+\.\d+$/);
    expect(parseWorkPeriods(DEFAULT_WORK_PERIODS)).toEqual(DEFAULT_WORK_PERIODS);
  });
});
