import { createHash } from 'node:crypto';
import { uuidv7 } from 'uuidv7';
import { forbidden, notFound } from '../../platform/http/errors.js';
import type { Actor, AppDeps } from '../../platform/http/server-types.js';
import { recordActorAudit } from '../audit/index.js';
import { storeImage } from '../media/index.js';
import { mayAttachPhoto, type PhotoStage } from './case-photos.js';
import { scopeOf } from './case-scope.js';
import { insertMediaOnce, selectCaseById, selectMediaById } from './cases.repository.js';
import { getVisibleCase } from './cases.service.js';

export async function attachCasePhoto(
  deps: AppDeps,
  actor: Actor,
  caseId: string,
  stage: PhotoStage,
  bytes: Buffer,
) {
  const current = await getVisibleCase(deps.db, actor, caseId);
  if (!mayAttachPhoto(actor.role, stage)) throw forbidden();
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
      // What a phone declares is the digest of the bytes it sent; the stored copy is stripped.
      uploadedSha256: createHash('sha256').update(bytes).digest('hex'),
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
