import { describe, expect, it } from 'vitest';
import { groupCategoryTree } from './category-tree.js';

describe('groupCategoryTree', () => {
  it('groups kind → major → minors, events first, codes ascending', () => {
    const rows = [
      { kind: 'part' as const, majorCode: '01', majorName: '公共设施', code: '0102' },
      { kind: 'event' as const, majorCode: '02', majorName: '宣传广告', code: '0201' },
      { kind: 'part' as const, majorCode: '01', majorName: '公共设施', code: '0101' },
      { kind: 'event' as const, majorCode: '01', majorName: '市容环境', code: '0102' },
    ];
    const tree = groupCategoryTree(rows);
    expect(tree.map((k) => [k.kind, k.label])).toEqual([
      ['event', '事件'],
      ['part', '部件'],
    ]);
    expect(tree[0]?.majors.map((m) => m.majorName)).toEqual(['市容环境', '宣传广告']);
    expect(tree[1]?.majors[0]?.categories.map((c) => c.code)).toEqual(['0101', '0102']);
  });

  it('leaves out kinds with no rows', () => {
    expect(
      groupCategoryTree([{ kind: 'part', majorCode: '07', majorName: '扩展部件', code: '0701' }]).map(
        (k) => k.kind,
      ),
    ).toEqual(['part']);
    expect(groupCategoryTree([])).toEqual([]);
  });
});
