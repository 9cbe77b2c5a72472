import { uuidv7 } from 'uuidv7';
import { forbidden, notFound } from '../../platform/http/errors.js';
import type { Actor, AppDeps } from '../../platform/http/server-types.js';
import { recordActorAudit } from '../audit/index.js';
import { storeImage } from '../media/index.js';
import { scopeOf } from './case-scope.js';
import { insertMediaOnce, type MediaRow, selectCaseById, selectMediaById } from './cases.repository.js';
import { getVisibleCase } from './cases.service.js';

type Stage = MediaRow['stage'];

/** Who may attach photos at which stage: reporters before/after, the unit its disposal, the checker its check. */
const stageRoles: Record<Stage, readonly Actor['role'][]> = {
  report: ['collector', 'acceptor', 'shift_lead', 'hotline_agent'],
  before: ['collector'],
  after: ['collector'],
  dispose: ['unit_staff'],
  check: ['collector'],
};

export async function attachCasePhoto(
  deps: AppDeps,
  actor: Actor,
  caseId: string,
  stage: Stage,
  bytes: Buffer,
) {
  const current = await getVisibleCase(deps.db, actor, caseId);
  if (!stageRoles[stage].includes(actor.role)) throw forbidden();
  const stored = await storeImage(deps.files, bytes, deps.config.uploadMaxBytes);
  return deps.db.transaction().execute(async (trx) => {
    const { id, created } = await insertMediaOnce(trx, {
      id: uuidv7(),
      cityCode: current.cityCode,
      caseId: current.id,
      stage,
      storageKey: stored.storageKey,
      contentType: stored.contentType,
      byteSize: stored.byteSize,
      sha256: stored.sha256,
      uploadedBy: actor.userId,
      createdAt: deps.now(),
    });
    if (created) {
      await recordActorAudit(trx, actor, 'case.photo', 'case', current.id, {
        mediaId: id,
        stage,
        bytes: stored.byteSize,
      });
    }
    return {
      id,
      stage,
      contentType: stored.contentType,
      byteSize: stored.byteSize,
      url: `/api/media/${id}`,
      created,
    };
  });
}

/** A photo's bytes, only for users who may see the case it belongs to. */
export async function readCasePhoto(deps: AppDeps, actor: Actor, mediaId: string) {
  const media = await selectMediaById(deps.db, actor.cityCode, mediaId);
  const visible = media ? await selectCaseById(deps.db, scopeOf(actor), media.caseId) : undefined;
  if (!media || !visible) throw notFound({ zh: '照片', en: 'photo' });
  return { contentType: media.contentType, bytes: await deps.files.get(media.storageKey) };
}
