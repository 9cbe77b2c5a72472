import { uuidv7 } from 'uuidv7';
import type { Db } from '../../platform/db/database.js';
import { recordAudit } from '../audit/index.js';
import { insertSubjectsIfMissing, insertTimeLimitsIfMissing } from './hotline.repository.js';
import { defaultSubjects, defaultTimeLimits, demoArticles } from './hotline-dictionary.js';
import { seedArticles } from './knowledge.service.js';

/**
 * The hotline dictionaries a city starts with: subjects (with their case-category mapping),
 * time limits by appeal type and the starter knowledge base. Idempotent: rows a city already
 * has (perhaps edited) are left alone.
 */
export async function seedHotlineDictionaries(db: Db, cityCode: string): Promise<void> {
  await db.transaction().execute(async (trx) => {
    const subjects = await insertSubjectsIfMissing(
      trx,
      defaultSubjects.map((s, index) => ({
        id: uuidv7(),
        cityCode,
        code: s.code,
        groupName: s.group,
        name: s.name,
        caseKind: s.caseCategory?.kind ?? null,
        caseCategoryCode: s.caseCategory?.code ?? null,
        sort: index,
      })),
    );
    const limits = await insertTimeLimitsIfMissing(
      trx,
      Object.entries(defaultTimeLimits).map(([appealType, limit]) => ({ cityCode, appealType, ...limit })),
    );
    const articles = await seedArticles(trx, cityCode, demoArticles, new Date());
    if (subjects + limits + articles > 0) {
      await recordAudit(trx, {
        cityCode,
        action: 'hotline.seed_dictionaries',
        objectType: 'hotline_dictionary',
        success: true,
        detail: { subjects, limits, articles },
      });
    }
  });
}
