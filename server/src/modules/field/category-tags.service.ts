import type { Db } from '../../platform/db/database.js';
import { newWorkbook } from '../../platform/files/workbook.js';
import { invalid } from '../../platform/http/errors.js';
import type { Actor, AppDeps } from '../../platform/http/server-types.js';
import { startOfShanghaiDay, toShanghaiIso } from '../../platform/time.js';
import { recordActorAudit } from '../audit/index.js';
import { casesInCategories } from '../cases/index.js';
import { getRegion } from '../geo/index.js';
import { findCategory, getCategory } from '../taxonomy/index.js';
import { replaceCategoryTag, selectCategoryTags } from './campaigns.repository.js';

// Tags on categories (e.g. 全国文明城市测评 focus areas: 占道经营, 乱停放, 暴露垃圾 …) so the
// centre can count and export the cases of an inspection area.

export async function setCategoryTag(
  deps: AppDeps,
  actor: Actor,
  tag: string,
  categories: readonly { kind: 'event' | 'part'; code: string }[],
) {
  const ids: string[] = [];
  for (const c of categories) {
    const category = await findCategory(deps.db, actor.cityCode, c.kind, c.code);
    if (!category) throw invalid(`未知的类别：${c.code}`, `unknown ${c.kind} category: ${c.code}`);
    ids.push(category.id);
  }
  await deps.db.transaction().execute(async (trx) => {
    await replaceCategoryTag(trx, actor.cityCode, tag, [...new Set(ids)]);
    await recordActorAudit(trx, actor, 'field.category_tag', 'category_tag', tag, { categories: ids.length });
  });
  return (
    (await listCategoryTags(deps.db, actor.cityCode)).find((t) => t.tag === tag) ?? { tag, categories: [] }
  );
}

export async function listCategoryTags(db: Db, cityCode: string) {
  const rows = await selectCategoryTags(db, cityCode);
  const out = new Map<
    string,
    { tag: string; categories: { id: string; kind: string; code: string; name: string }[] }
  >();
  for (const r of rows) {
    const c = await getCategory(db, cityCode, r.categoryId);
    const entry = out.get(r.tag) ?? { tag: r.tag, categories: [] };
    entry.categories.push({ id: c.id, kind: c.kind, code: c.code, name: c.name });
    out.set(r.tag, entry);
  }
  return [...out.values()];
}

async function taggedCases(db: Db, cityCode: string, tag: string, from: string, to: string) {
  const categoryIds = (await selectCategoryTags(db, cityCode))
    .filter((r) => r.tag === tag)
    .map((r) => r.categoryId);
  if (categoryIds.length === 0) throw invalid(`标签“${tag}”下没有类别`, `no categories carry the tag ${tag}`);
  const end = new Date(startOfShanghaiDay(to).getTime() + 24 * 3_600_000);
  return casesInCategories(db, cityCode, categoryIds, startOfShanghaiDay(from), end);
}

/** Cases of a tag's categories reported between two Shanghai dates (inclusive), by district. */
export async function countCasesByTag(db: Db, cityCode: string, tag: string, from: string, to: string) {
  const cases = await taggedCases(db, cityCode, tag, from, to);
  const counts = new Map<string, number>();
  for (const c of cases) counts.set(c.districtId ?? '', (counts.get(c.districtId ?? '') ?? 0) + 1);
  const districts = [];
  for (const [districtId, count] of counts) {
    districts.push({
      districtId: districtId || null,
      districtName: districtId ? (await getRegion(db, cityCode, districtId)).name : '',
      count,
    });
  }
  return {
    tag,
    total: cases.length,
    closed: cases.filter((c) => c.status === 'closed').length,
    districts: districts.sort((a, b) => b.count - a.count),
  };
}

/** The tagged cases as an Excel list (audited: it is an export). */
export async function exportCasesByTag(deps: AppDeps, actor: Actor, tag: string, from: string, to: string) {
  const cases = await taggedCases(deps.db, actor.cityCode, tag, from, to);
  const workbook = await newWorkbook();
  const sheet = workbook.addWorksheet(tag.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31) || '案件');
  sheet.addRow(['案卷号', '类别', '状态', '来源', '上报时间', '结案时间', '地址', '描述']).font = {
    bold: true,
  };
  const names = new Map<string, string>();
  for (const c of cases) {
    if (!names.has(c.categoryId))
      names.set(c.categoryId, (await getCategory(deps.db, actor.cityCode, c.categoryId)).name);
    sheet.addRow([
      c.caseNo,
      names.get(c.categoryId),
      c.status,
      c.source,
      toShanghaiIso(c.reportedAt),
      c.closedAt ? toShanghaiIso(c.closedAt) : '',
      c.address ?? '',
      c.description,
    ]);
  }
  sheet.columns.forEach((col) => {
    col.width = 22;
  });
  await recordActorAudit(deps.db, actor, 'field.tag_export', 'category_tag', tag, {
    rows: cases.length,
    from,
    to,
  });
  return { fileName: `${tag}.xlsx`, bytes: Buffer.from(await workbook.xlsx.writeBuffer()) };
}
