import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { CategoryTsvError, parseCategoryTsv } from './parse-category-tsv.js';

const HEADER = 'scheme\tkind\tmajor_code\tmajor_zh\tmajor_en\tcode\tname_zh\tgloss_en';
const row = (...cells: string[]) => cells.join('\t');

describe('parseCategoryTsv', () => {
  it('reads rows, skipping blank lines, with CRLF and a BOM', () => {
    const text = `\uFEFF${HEADER}\r\n${row('legacy-CJT214', 'event', '01', '市容环境', 'City appearance', '0102', '暴露垃圾', 'exposed garbage')}\r\n\r\n`;
    expect(parseCategoryTsv(text)).toEqual([
      {
        scheme: 'legacy-CJT214',
        kind: 'event',
        majorCode: '01',
        majorZh: '市容环境',
        majorEn: 'City appearance',
        code: '0102',
        nameZh: '暴露垃圾',
        glossEn: 'exposed garbage',
        line: 2,
      },
    ]);
  });

  it('accepts columns in any order and an empty gloss', () => {
    const text = `code\tname_zh\tkind\tscheme\tmajor_code\tmajor_zh\tmajor_en\tgloss_en\n0101\t上水井盖\tpart\tx\t01\t公用设施\tPublic utilities\t`;
    const [only] = parseCategoryTsv(text);
    expect(only).toMatchObject({ code: '0101', nameZh: '上水井盖', kind: 'part', glossEn: '' });
  });

  it('filters by scheme (the shared file mixes generations)', () => {
    const text = [
      HEADER,
      row('legacy-CJT214', 'part', '01', '公用设施', 'Public utilities', '0101', '上水井盖', 'cover'),
      row('GBT47678.5-2026', 'part', '01', '市政公用设施', 'Municipal', '01001', '供水井盖', 'cover'),
    ].join('\n');
    expect(parseCategoryTsv(text).map((r) => r.code)).toEqual(['0101', '01001']);
    expect(parseCategoryTsv(text, { scheme: 'legacy-CJT214' }).map((r) => r.code)).toEqual(['0101']);
  });

  it.each([
    [
      'a missing column',
      'scheme\tkind\tmajor_code\tmajor_zh\tcode\tname_zh\tgloss_en',
      /missing column "major_en"/,
    ],
    ['a bad kind', `${HEADER}\n${row('s', 'thing', '01', '甲', 'A', '0101', '乙', '')}`, /line 2: kind/],
    [
      'a code outside its major',
      `${HEADER}\n${row('s', 'event', '01', '甲', 'A', '0201', '乙', '')}`,
      /line 2: code "0201"/,
    ],
    [
      'a non-numeric code',
      `${HEADER}\n${row('s', 'event', '01', '甲', 'A', '01x1', '乙', '')}`,
      /code "01x1"/,
    ],
    [
      'an empty name',
      `${HEADER}\n${row('s', 'event', '01', '甲', 'A', '0101', '', '')}`,
      /must not be empty/,
    ],
    [
      'a duplicate code',
      `${HEADER}\n${row('s', 'event', '01', '甲', 'A', '0101', '乙', '')}\n${row('s', 'event', '01', '甲', 'A', '0101', '丙', '')}`,
      /line 3: duplicate event code 0101/,
    ],
    [
      'two names for one major',
      `${HEADER}\n${row('s', 'part', '01', '公用设施', 'A', '0101', '乙', '')}\n${row('s', 'part', '01', '公共设施', 'A', '0102', '丙', '')}`,
      /line 3: major part 01 is "公用设施" above but "公共设施" here/,
    ],
  ])('rejects %s', (_what, text, message) => {
    expect(() => parseCategoryTsv(text)).toThrow(CategoryTsvError);
    expect(() => parseCategoryTsv(text)).toThrow(message);
  });

  it('allows the same code in event and part trees', () => {
    const text = `${HEADER}\n${row('s', 'event', '01', '市容环境', 'A', '0101', '私搭乱建', '')}\n${row('s', 'part', '01', '公用设施', 'B', '0101', '上水井盖', '')}`;
    expect(parseCategoryTsv(text)).toHaveLength(2);
  });

  it('parses the module copy of the legacy table: 139 rows, all legacy-CJT214', () => {
    const rows = parseCategoryTsv(readFileSync(new URL('./data/legacy-cjt214.tsv', import.meta.url), 'utf8'));
    expect(rows).toHaveLength(139);
    expect(new Set(rows.map((r) => r.scheme))).toEqual(new Set(['legacy-CJT214']));
    expect(rows.filter((r) => r.kind === 'part')).toHaveLength(85);
    expect(rows.filter((r) => r.kind === 'event')).toHaveLength(54);
  });
});
