import { type FieldSettings, fieldSettingsSchema } from '@cityloop/contracts/field';
import type { Db } from '../../platform/db/database.js';
import type { Actor, AppDeps } from '../../platform/http/server-types.js';
import { recordActorAudit } from '../audit/index.js';
import { selectSettings, upsertSettings } from './collectors.repository.js';

/** The city's field settings: stored values over the defaults (a city without a row gets the defaults). */
export async function getFieldSettings(db: Db, cityCode: string): Promise<FieldSettings> {
  return fieldSettingsSchema.parse((await selectSettings(db, cityCode)) ?? {});
}

export async function updateFieldSettings(
  deps: AppDeps,
  actor: Actor,
  patch: Partial<FieldSettings>,
): Promise<FieldSettings> {
  const next = fieldSettingsSchema.parse({ ...(await getFieldSettings(deps.db, actor.cityCode)), ...patch });
  await deps.db.transaction().execute(async (trx) => {
    await upsertSettings(trx, actor.cityCode, next, deps.now());
    await recordActorAudit(trx, actor, 'field.settings', 'field_settings', actor.cityCode, { ...patch });
  });
  return next;
}
