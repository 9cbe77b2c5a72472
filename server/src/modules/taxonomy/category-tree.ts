import { type CategoryKind, categoryKindLabels } from './category-kind.js';

/** The fields the tree needs; the full category row satisfies it. */
export interface TreeLeaf {
  kind: CategoryKind;
  majorCode: string;
  majorName: string;
  code: string;
}

export interface CategoryTreeMajor<T extends TreeLeaf> {
  majorCode: string;
  majorName: string;
  categories: T[];
}

export interface CategoryTreeKind<T extends TreeLeaf> {
  kind: CategoryKind;
  label: string;
  majors: CategoryTreeMajor<T>[];
}

// Events first, as the monthly bulletin lists them; codes ascending inside each level so the
// tree reads like the printed 立结案标准 book whatever order the rows arrive in.
const KIND_ORDER: readonly CategoryKind[] = ['event', 'part'];

/** Groups minors into kind → major → minors. Kinds without rows are left out. */
export function groupCategoryTree<T extends TreeLeaf>(rows: readonly T[]): CategoryTreeKind<T>[] {
  const tree: CategoryTreeKind<T>[] = [];
  for (const kind of KIND_ORDER) {
    const majors = new Map<string, CategoryTreeMajor<T>>();
    const ofKind = rows.filter((r) => r.kind === kind).sort((a, b) => a.code.localeCompare(b.code));
    for (const row of ofKind) {
      let major = majors.get(row.majorCode);
      if (!major) {
        major = { majorCode: row.majorCode, majorName: row.majorName, categories: [] };
        majors.set(row.majorCode, major);
      }
      major.categories.push(row);
    }
    if (majors.size === 0) continue;
    tree.push({
      kind,
      label: categoryKindLabels[kind],
      majors: [...majors.values()].sort((a, b) => a.majorCode.localeCompare(b.majorCode)),
    });
  }
  return tree;
}
