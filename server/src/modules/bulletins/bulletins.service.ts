import { uuidv7 } from 'uuidv7';
import type { Db } from '../../platform/db/database.js';
import type { FileStore } from '../../platform/files/file-store.js';
import { AppError, notFound } from '../../platform/http/errors.js';
import type { Actor, AppDeps } from '../../platform/http/server-types.js';
import { recordActorAudit, recordAudit } from '../audit/index.js';
import { campaignMonthLists } from '../field/index.js';
import { storeImage } from '../media/index.js';
import { monthlyFigures, reportWindow } from '../statistics/index.js';
import { vendorAssessments } from '../vendors/index.js';
import type { BulletinDocument } from './bulletin-document.js';
import {
  type BlockRow,
  deleteBlock,
  insertBlock,
  lockSectionBlocks,
  selectBlock,
  selectBlocks,
  selectCityName,
  updateBlockAtVersion,
} from './bulletins.repository.js';
import { campaignExposure } from './campaign-exposure.js';
import { type BlockSection, bulletinTitle, composeBulletin } from './compose-bulletin.js';
import { renderHtml } from './render-html.js';
import { renderXlsx } from './render-xlsx.js';

const blockWord = { zh: '简报文字', en: 'bulletin text block' };
const MAX_PHOTOS = 9;

export function listBlocks(db: Db, cityCode: string, month: string) {
  return selectBlocks(db, cityCode, month);
}

export interface BlockInput {
  section: BlockSection;
  title?: string;
  body: string;
  byline?: string;
  seq?: number;
}

export async function createBlock(
  deps: AppDeps,
  actor: Actor,
  month: string,
  input: BlockInput,
): Promise<BlockRow> {
  reportWindow(month, deps.now());
  const id = uuidv7();
  await deps.db.transaction().execute(async (trx) => {
    await insertBlock(trx, {
      id,
      cityCode: actor.cityCode,
      month,
      section: input.section,
      seq: input.seq ?? 0,
      title: input.title ?? '',
      body: input.body,
      byline: input.byline ?? '',
      createdBy: actor.userId,
      at: deps.now(),
    });
    await recordActorAudit(trx, actor, 'bulletin_block.create', 'bulletin_block', id, {
      month,
      section: input.section,
    });
  });
  return requireBlock(deps.db, actor.cityCode, id);
}

async function requireBlock(db: Db, cityCode: string, id: string) {
  const block = await selectBlock(db, cityCode, id);
  if (!block) throw notFound(blockWord);
  return block;
}

const stale = () =>
  new AppError(409, 'STALE_VERSION', {
    zh: '该文字已被他人修改，请刷新后重试',
    en: 'the block was changed by someone else; reload and try again',
  });

export async function updateBlock(
  deps: AppDeps,
  actor: Actor,
  id: string,
  version: number,
  patch: Partial<BlockInput>,
): Promise<BlockRow> {
  const current = await requireBlock(deps.db, actor.cityCode, id);
  if (current.version !== version) throw stale();
  await deps.db.transaction().execute(async (trx) => {
    if (!(await updateBlockAtVersion(trx, id, version, patch, deps.now()))) throw stale();
    await recordActorAudit(trx, actor, 'bulletin_block.update', 'bulletin_block', id, {
      fields: Object.keys(patch),
    });
  });
  return requireBlock(deps.db, actor.cityCode, id);
}

export async function removeBlock(deps: AppDeps, actor: Actor, id: string): Promise<void> {
  const current = await requireBlock(deps.db, actor.cityCode, id);
  await deps.db.transaction().execute(async (trx) => {
    await deleteBlock(trx, id);
    await recordActorAudit(trx, actor, 'bulletin_block.delete', 'bulletin_block', id, {
      month: current.month,
      section: current.section,
    });
  });
}

/** Adds a photo to a block: checked by content, location metadata stripped (media module). */
export async function addBlockPhoto(
  deps: AppDeps,
  actor: Actor,
  id: string,
  bytes: Buffer,
  caption: string,
): Promise<BlockRow> {
  const current = await requireBlock(deps.db, actor.cityCode, id);
  if (current.photos.length >= MAX_PHOTOS) {
    throw new AppError(422, 'TOO_MANY_PHOTOS', {
      zh: `每段文字最多${MAX_PHOTOS}张照片`,
      en: `at most ${MAX_PHOTOS} photos per block`,
    });
  }
  const stored = await storeImage(deps.files, bytes, deps.config.uploadMaxBytes);
  const photos = [...current.photos.filter((p) => p.sha256 !== stored.sha256), { ...stored, caption }];
  await deps.db.transaction().execute(async (trx) => {
    if (!(await updateBlockAtVersion(trx, id, current.version, { photos }, deps.now()))) throw stale();
    await recordActorAudit(trx, actor, 'bulletin_block.photo', 'bulletin_block', id, {
      sha256: stored.sha256,
    });
  });
  return requireBlock(deps.db, actor.cityCode, id);
}

/** 调整顺序: a section's blocks in the order given; the list must be the section's blocks, all of them. */
export async function reorderBlocks(
  deps: AppDeps,
  actor: Actor,
  month: string,
  section: BlockSection,
  ids: readonly string[],
): Promise<BlockRow[]> {
  await deps.db.transaction().execute(async (trx) => {
    const current = await lockSectionBlocks(trx, actor.cityCode, month, section);
    const known = new Set(current.map((b) => b.id));
    if (ids.length !== known.size || new Set(ids).size !== ids.length || ids.some((id) => !known.has(id))) {
      throw new AppError(409, 'STALE_ORDER', {
        zh: '该栏目的文字已被他人增删，请刷新后重新排序',
        en: 'blocks were added to or removed from this section; reload and reorder',
      });
    }
    const versions = new Map(current.map((b) => [b.id, b.version]));
    for (const [index, id] of ids.entries()) {
      await updateBlockAtVersion(trx, id, versions.get(id) as number, { seq: index + 1 }, deps.now());
    }
    await recordActorAudit(trx, actor, 'bulletin_block.reorder', 'bulletin', month, { section, ids });
  });
  return selectBlocks(deps.db, actor.cityCode, month);
}

/** Takes a photo off a block (the stored file stays: other blocks or cases may share its bytes). */
export async function removeBlockPhoto(
  deps: AppDeps,
  actor: Actor,
  id: string,
  sha256: string,
): Promise<BlockRow> {
  const current = await requireBlock(deps.db, actor.cityCode, id);
  if (!current.photos.some((p) => p.sha256 === sha256)) throw notFound({ zh: '照片', en: 'photo' });
  const photos = current.photos.filter((p) => p.sha256 !== sha256);
  await deps.db.transaction().execute(async (trx) => {
    if (!(await updateBlockAtVersion(trx, id, current.version, { photos }, deps.now()))) throw stale();
    await recordActorAudit(trx, actor, 'bulletin_block.photo_remove', 'bulletin_block', id, { sha256 });
  });
  return requireBlock(deps.db, actor.cityCode, id);
}

/** A block photo's bytes, for the editor's thumbnails. */
export async function readBlockPhoto(deps: AppDeps, cityCode: string, id: string, sha256: string) {
  const block = await requireBlock(deps.db, cityCode, id);
  const photo = block.photos.find((p) => p.sha256 === sha256);
  if (!photo) throw notFound({ zh: '照片', en: 'photo' });
  return { contentType: photo.contentType, bytes: await deps.files.get(photo.storageKey) };
}

export interface BuildOptions {
  now: Date;
  asOf?: Date;
}

/**
 * The month's bulletin as a document, from the figures, the contractors' results, the text blocks
 * and the month's campaign exposure lists (field module; none: no such section).
 */
export async function buildBulletin(db: Db, cityCode: string, month: string, options: BuildOptions) {
  const figures = await monthlyFigures(db, cityCode, month, { now: options.now, asOf: options.asOf });
  const asOf = new Date(figures.asOf);
  const [vendors, blocks, cityName, campaigns] = await Promise.all([
    vendorAssessments(db, cityCode, month, { now: options.now, asOf }),
    selectBlocks(db, cityCode, month),
    selectCityName(db, cityCode),
    campaignMonthLists(db, cityCode, month, asOf).then((lists) => lists.map(campaignExposure)),
  ]);
  const document: BulletinDocument = {
    month,
    cityCode,
    title: bulletinTitle(cityName, month),
    asOf: figures.asOf,
    nodes: composeBulletin({ cityName, figures, vendors, blocks, campaigns }),
  };
  return { document, figures, vendors };
}

async function photoBytes(files: FileStore, document: BulletinDocument): Promise<Map<string, Buffer>> {
  const photos = new Map<string, Buffer>();
  for (const node of document.nodes) {
    if (node.type !== 'photo' || photos.has(node.photo.storageKey)) continue;
    photos.set(node.photo.storageKey, await files.get(node.photo.storageKey));
  }
  return photos;
}

export type BulletinFormat = 'docx' | 'xlsx' | 'html' | 'json';

export const contentTypes: Record<BulletinFormat, string> = {
  docx: 'application/vnd.openxmlformats-officedocument.wordprocessingml.document',
  xlsx: 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet',
  html: 'text/html; charset=utf-8',
  json: 'application/json; charset=utf-8',
};

/** Renders the month's bulletin in several formats from one composition (one read of the figures). */
export async function renderBulletin(
  db: Db,
  files: FileStore,
  cityCode: string,
  month: string,
  formats: readonly BulletinFormat[],
  options: BuildOptions,
): Promise<Map<BulletinFormat, Buffer>> {
  const { document, figures } = await buildBulletin(db, cityCode, month, options);
  const photos = formats.some((f) => f === 'docx' || f === 'html')
    ? await photoBytes(files, document)
    : new Map();
  const out = new Map<BulletinFormat, Buffer>();
  for (const format of formats) {
    if (format === 'json') out.set(format, Buffer.from(`${JSON.stringify(figures, null, 2)}\n`));
    else if (format === 'xlsx') out.set(format, await renderXlsx(document));
    else if (format === 'docx') {
      // docx is loaded on the first Word export, not at start (the server's resident memory).
      const { renderDocx } = await import('./render-docx.js');
      out.set(format, await renderDocx(document, photos));
    } else out.set(format, Buffer.from(renderHtml(document, photos)));
  }
  return out;
}

/** The command line's export (no user session): rendered, then recorded in the audit log. */
export async function exportBulletinFromCli(
  db: Db,
  files: FileStore,
  cityCode: string,
  month: string,
  formats: readonly BulletinFormat[],
  options: BuildOptions,
) {
  const out = await renderBulletin(db, files, cityCode, month, formats, options);
  await recordAudit(db, {
    cityCode,
    userId: null,
    login: 'cli',
    role: null,
    action: 'bulletin.export',
    objectType: 'bulletin',
    objectId: month,
    success: true,
    ip: null,
    detail: { formats, via: 'cli' },
  });
  return out;
}

/** An export by a user: rendered, then recorded in the audit log (every export is). */
export async function exportBulletin(deps: AppDeps, actor: Actor, month: string, format: BulletinFormat) {
  const out = await renderBulletin(deps.db, deps.files, actor.cityCode, month, [format], { now: deps.now() });
  const bytes = out.get(format) as Buffer;
  await recordActorAudit(deps.db, actor, 'bulletin.export', 'bulletin', month, {
    format,
    bytes: bytes.length,
  });
  return bytes;
}
