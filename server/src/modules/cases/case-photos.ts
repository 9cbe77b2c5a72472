import type { DeclaredPhoto } from '@cityloop/contracts/cases';
import type { Actor } from '../../platform/http/server-types.js';
import type { MediaRow } from './cases.repository.js';

export type PhotoStage = MediaRow['stage'];

/** Who may attach photos at which stage: reporters before/after, the unit its disposal, the checker its check. */
const stageRoles: Record<PhotoStage, readonly Actor['role'][]> = {
  report: ['collector', 'acceptor', 'shift_lead', 'hotline_agent'],
  before: ['collector'],
  after: ['collector'],
  dispose: ['unit_staff'],
  check: ['collector'],
};

export function mayAttachPhoto(role: Actor['role'], stage: PhotoStage): boolean {
  return stageRoles[stage].includes(role);
}

/**
 * The photos a report declared whose bytes have not arrived. An upload answers a declaration
 * when it has the declared stage and the digest of the bytes the phone sent (the stored copy,
 * stripped of its metadata, may have another digest).
 */
export function pendingPhotos(
  declared: readonly DeclaredPhoto[],
  received: readonly { stage: PhotoStage; uploadedSha256: string | null }[],
): DeclaredPhoto[] {
  const arrived = new Set(received.map((m) => `${m.stage}:${m.uploadedSha256}`));
  return declared.filter((p) => !arrived.has(`${p.stage}:${p.sha256}`));
}

/** The declarations a case's first log row carries (none for a report made without them). */
export function declaredPhotosOf(firstEntryData: unknown): DeclaredPhoto[] {
  const photos = (firstEntryData as { photos?: unknown } | null)?.photos;
  return Array.isArray(photos) ? (photos as DeclaredPhoto[]) : [];
}
