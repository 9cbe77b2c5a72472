import { z } from 'zod';

// 事件 are problems of behaviour or state (garbage, illegal parking); 部件 are city facilities
// (manhole covers, street lights). The two trees have separate code spaces: event 0101 and
// part 0101 are different categories.
export const categoryKindSchema = z.enum(['event', 'part']);
export type CategoryKind = z.infer<typeof categoryKindSchema>;

export const categoryKindLabels: Record<CategoryKind, string> = {
  event: '事件',
  part: '部件',
};
