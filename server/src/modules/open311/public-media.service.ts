import { AppError } from '../../platform/http/errors.js';
import type { AppDeps } from '../../platform/http/server-types.js';
import { selectPhotoOfPublishedCase } from './open311.repository.js';
import { resolveCity } from './open311.service.js';

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

/** A report photo of a published, not hidden case; everything else is 404. */
export async function readPublicPhoto(deps: AppDeps, id: string) {
  const cityCode = await resolveCity(deps);
  const photo = UUID.test(id) ? await selectPhotoOfPublishedCase(deps.db, cityCode, id) : undefined;
  if (!photo) throw new AppError(404, 'NOT_FOUND', { zh: '照片不存在', en: 'photo not found' });
  return { contentType: photo.contentType, bytes: await deps.files.get(photo.storageKey) };
}
