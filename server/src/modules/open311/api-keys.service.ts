import { createHash, randomBytes } from 'node:crypto';
import type { CreateApiKeyInput } from '@cityloop/contracts/open311';
import { uuidv7 } from 'uuidv7';
import type { Db } from '../../platform/db/database.js';
import { AppError, notFound } from '../../platform/http/errors.js';
import type { Actor, AppDeps } from '../../platform/http/server-types.js';
import { toShanghaiIso } from '../../platform/time.js';
import { recordActorAudit, recordAudit } from '../audit/index.js';
import {
  insertApiKey,
  revokeApiKeyRow,
  selectApiKeyByHash,
  selectApiKeys,
  touchApiKey,
} from './open311.repository.js';
import { consumeRate } from './rate-limit.service.js';

const keyHashOf = (key: string) => createHash('sha256').update(key).digest('hex');

/** Issues a key and returns it once; only its hash is kept. `actor` null = the CLI. */
export async function createApiKey(
  db: Db,
  actor: Actor | null,
  cityCode: string,
  input: CreateApiKeyInput,
  now: Date,
): Promise<{ id: string; key: string; name: string; keyPrefix: string; perMinute: number }> {
  const key = `cl_${randomBytes(24).toString('base64url')}`;
  const id = uuidv7();
  const keyPrefix = key.slice(0, 7);
  await db.transaction().execute(async (trx) => {
    await insertApiKey(trx, {
      id,
      cityCode,
      name: input.name,
      keyPrefix,
      keyHash: keyHashOf(key),
      perMinute: input.perMinute,
      createdBy: actor?.userId ?? null,
      createdAt: now,
    });
    const detail = { name: input.name, keyPrefix, perMinute: input.perMinute };
    if (actor) await recordActorAudit(trx, actor, 'open311.key_create', 'open311_api_key', id, detail);
    else
      await recordAudit(trx, {
        cityCode,
        action: 'open311.key_create',
        objectType: 'open311_api_key',
        objectId: id,
        success: true,
        detail: { ...detail, via: 'cli' },
      });
  });
  return { id, key, name: input.name, keyPrefix, perMinute: input.perMinute };
}

/** The city's keys (never the secrets), a page at a time. */
export async function listApiKeys(db: Db, actor: Actor, page: { page: number; pageSize: number }) {
  const { rows, total } = await selectApiKeys(db, actor.cityCode, {
    limit: page.pageSize,
    offset: (page.page - 1) * page.pageSize,
  });
  const items = rows.map((r) => ({
    ...r,
    createdAt: toShanghaiIso(r.createdAt),
    lastUsedAt: r.lastUsedAt ? toShanghaiIso(r.lastUsedAt) : null,
    revokedAt: r.revokedAt ? toShanghaiIso(r.revokedAt) : null,
  }));
  return { items, total, page: page.page, pageSize: page.pageSize };
}

export async function revokeApiKey(deps: AppDeps, actor: Actor, id: string): Promise<void> {
  await deps.db.transaction().execute(async (trx) => {
    if (!(await revokeApiKeyRow(trx, actor.cityCode, id, deps.now()))) {
      throw notFound({ zh: '有效的 API 密钥', en: 'active API key' });
    }
    await recordActorAudit(trx, actor, 'open311.key_revoke', 'open311_api_key', id);
  });
}

const badKey = () =>
  new AppError(403, 'INVALID_API_KEY', {
    zh: 'api_key 缺失、无效或已吊销',
    en: 'api_key is missing, invalid or revoked',
  });

/** The key's owner city; 403 if missing, unknown or revoked, 429 over its per-minute budget. */
export async function authenticateApiKey(
  deps: AppDeps,
  key: string | undefined,
): Promise<{ id: string; cityCode: string }> {
  if (!key) throw badKey();
  const row = await selectApiKeyByHash(deps.db, keyHashOf(key));
  if (!row || row.revokedAt) throw badKey();
  await consumeRate(deps, `key:${row.id}`, row.perMinute, 60);
  await touchApiKey(deps.db, row.id, deps.now());
  return { id: row.id, cityCode: row.cityCode };
}
