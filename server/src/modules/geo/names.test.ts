import { describe, expect, it } from 'vitest';
import { cleanAliases, normaliseName } from './names.js';

describe('normaliseName', () => {
  it('removes ASCII, full-width, no-break and zero-width spaces', () => {
    expect(normaliseName('东  区')).toBe('东区');
    expect(normaliseName('东\u3000区')).toBe('东区');
    expect(normaliseName(' 西\u00a0区\t')).toBe('西区');
    expect(normaliseName('仁\u200b和区')).toBe('仁和区');
    expect(normaliseName('市交通局')).toBe('市交通局');
  });
});

describe('cleanAliases', () => {
  it('trims, drops empties, duplicates and the excluded name', () => {
    expect(cleanAliases([' 东区 ', '东 区', '', '东区政府', '攀枝花市东区'], ['东区政府'])).toEqual([
      '东区',
      '攀枝花市东区',
    ]);
  });
});
