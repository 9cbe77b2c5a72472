import type { ArticleInput } from '@cityloop/contracts/hotline';
import { centreRoles } from '@cityloop/contracts/roles';
import { uuidv7 } from 'uuidv7';
import type { Db } from '../../platform/db/database.js';
import { AppError, forbidden, invalid, notFound } from '../../platform/http/errors.js';
import type { Actor } from '../../platform/http/server-types.js';
import { recordActorAudit } from '../audit/index.js';
import { listRegions } from '../geo/index.js';
import { findUnitByName, getUnit } from '../org/index.js';
import {
  insertArticle,
  searchArticles,
  selectArticle,
  selectArticleTitles,
  updateArticleAtVersion,
} from './hotline.repository.js';
import { type ArticleSpec, demoPlaceWords } from './hotline-dictionary.js';
import { addUserWords, searchTokens } from './segmenter.js';

// 知识库: articles agents answer from (直接答复). Text is segmented with jieba and the tokens
// stored beside the article, so search is a GIN-indexed match on both engines.

const articleWord = { zh: '知识库条目', en: 'knowledge-base article' };
const editorRoles = ['hotline_agent', 'shift_lead', 'admin'] as const;
const citiesWithWords = new Set<string>();

/** Loads the city's region names and the known place words into the segmenter (once per city). */
async function ensureCityWords(db: Db, cityCode: string): Promise<void> {
  if (citiesWithWords.has(cityCode)) return;
  const regions = await listRegions(db, cityCode);
  addUserWords([...demoPlaceWords, ...regions.flatMap((r) => [r.name, ...r.aliases])]);
  citiesWithWords.add(cityCode);
}

async function tokensOf(db: Db, cityCode: string, text: string): Promise<string[]> {
  await ensureCityWords(db, cityCode);
  return searchTokens(text);
}

/**
 * The tokens a query must all match. Search mode yields a word and its pieces (垃圾清运 →
 * 垃圾, 清运, 垃圾清运); requiring only the smallest pieces lets "垃圾清运" find a text that
 * says "清运垃圾" too.
 */
export function minimalTokens(tokens: readonly string[]): string[] {
  return tokens.filter((t) => !tokens.some((other) => other !== t && t.includes(other)));
}

function articleText(input: { title: string; body: string; tags: string[] }): string {
  return `${input.title} ${input.tags.join(' ')} ${input.body}`;
}

function checkValidity(input: { validFrom?: string; validTo?: string }) {
  if (input.validFrom && input.validTo && input.validTo < input.validFrom) {
    throw invalid('失效日期不能早于生效日期', 'validTo must not be before validFrom');
  }
}

export async function createArticle(db: Db, actor: Actor, input: ArticleInput, now: Date) {
  if (!(editorRoles as readonly string[]).includes(actor.role)) throw forbidden();
  checkValidity(input);
  if (input.unitId) {
    const unit = await getUnit(db, actor.cityCode, input.unitId).catch(() => null);
    if (!unit) throw invalid('所属单位不存在', 'the owning unit does not exist');
  }
  const id = uuidv7();
  const tokens = await tokensOf(db, actor.cityCode, articleText(input));
  await db.transaction().execute(async (trx) => {
    await insertArticle(trx, {
      id,
      cityCode: actor.cityCode,
      title: input.title,
      body: input.body,
      tags: input.tags,
      unitId: input.unitId ?? null,
      validFrom: input.validFrom ?? null,
      validTo: input.validTo ?? null,
      searchTokens: tokens,
      createdBy: actor.userId,
      createdAt: now,
      updatedAt: now,
    });
    await recordActorAudit(trx, actor, 'hotline.article_create', 'hotline_article', id, {
      title: input.title,
    });
  });
  return getArticle(db, actor, id);
}

export async function updateArticle(
  db: Db,
  actor: Actor,
  id: string,
  input: ArticleInput & { version: number },
  now: Date,
) {
  if (!(editorRoles as readonly string[]).includes(actor.role)) throw forbidden();
  checkValidity(input);
  await getArticle(db, actor, id);
  const tokens = await tokensOf(db, actor.cityCode, articleText(input));
  await db.transaction().execute(async (trx) => {
    const done = await updateArticleAtVersion(trx, id, input.version, {
      title: input.title,
      body: input.body,
      tags: input.tags,
      unitId: input.unitId ?? null,
      validFrom: input.validFrom ?? null,
      validTo: input.validTo ?? null,
      searchTokens: tokens,
      updatedAt: now,
    });
    if (!done) {
      throw new AppError(409, 'STALE_VERSION', {
        zh: '该条目已被他人修改，请刷新后重试',
        en: 'the article was changed by someone else; reload and try again',
      });
    }
    await recordActorAudit(trx, actor, 'hotline.article_update', 'hotline_article', id, {
      title: input.title,
    });
  });
  return getArticle(db, actor, id);
}

function requireKnowledgeReader(actor: Actor) {
  if (!(centreRoles.includes(actor.role) || actor.role === 'hotline_agent' || actor.role === 'leader')) {
    throw forbidden();
  }
}

export async function getArticle(db: Db, actor: Actor, id: string) {
  requireKnowledgeReader(actor);
  const row = await selectArticle(db, actor.cityCode, id);
  if (!row) throw notFound(articleWord);
  return row;
}

export async function searchKnowledge(
  db: Db,
  actor: Actor,
  query: { q?: string; validOn?: string; page: number; pageSize: number },
) {
  requireKnowledgeReader(actor);
  const tokens = query.q ? minimalTokens(await tokensOf(db, actor.cityCode, query.q)) : [];
  const { rows, total } = await searchArticles(db, actor.cityCode, tokens, {
    validOn: query.validOn,
    limit: query.pageSize,
    offset: (query.page - 1) * query.pageSize,
  });
  return { items: rows, total, page: query.page, pageSize: query.pageSize, tokens };
}

/** Writes the starter articles a city has not got yet (by title). Idempotent. */
export async function seedArticles(
  db: Db,
  cityCode: string,
  specs: readonly ArticleSpec[],
  now: Date,
): Promise<number> {
  const existing = new Set(
    (
      await selectArticleTitles(
        db,
        cityCode,
        specs.map((s) => s.title),
      )
    ).map((r) => r.title),
  );
  let created = 0;
  for (const spec of specs) {
    if (existing.has(spec.title)) continue;
    const unit = await findUnitByName(db, cityCode, spec.unitName);
    await insertArticle(db, {
      id: uuidv7(),
      cityCode,
      title: spec.title,
      body: spec.body,
      tags: spec.tags,
      unitId: unit?.id ?? null,
      validFrom: null,
      validTo: null,
      searchTokens: await tokensOf(db, cityCode, articleText(spec)),
      createdBy: null,
      createdAt: now,
      updatedAt: now,
    });
    created++;
  }
  return created;
}
