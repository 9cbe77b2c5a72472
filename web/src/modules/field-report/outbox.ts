import {
  type DeclaredPhoto,
  declaredPhotoSchema,
  MAX_DECLARED_PHOTOS,
  type ReportCaseInput,
} from '@cityloop/contracts/cases';
import { createStore, del, get, set, values } from 'idb-keyval';
import { ApiError, NetworkError } from '../../platform/http';
import { casesApi, type PhotoStage } from '../cases/cases-api';

/**
 * The phone's outbox (离线待发): every report is stored here first, with its photos as blobs and
 * a client-made idempotency key, then sent. A report made offline waits here and goes out when
 * the network comes back; the key makes the server answer a retry with the same case, so a report
 * is created exactly once however many times the sending is interrupted.
 */
export interface OutboxItem {
  key: string;
  createdAt: string;
  input: ReportCaseInput;
  categoryName: string;
  photos: { stage: PhotoStage; blob: Blob; name: string }[];
  caseId?: string;
  caseNo?: string;
  photosSent: number;
  attempts: number;
  nextAttemptAt: number;
  lastError?: string;
  /** Refused by the server (bad input): kept for the user to read and delete, never retried. */
  failed?: boolean;
}

export interface SentReport {
  key: string;
  caseId: string;
  caseNo: string;
}

const store = createStore('cityloop-field', 'outbox');
const listeners = new Set<() => void>();
const sentListeners = new Set<(sent: SentReport) => void>();
let running: Promise<void> | null = null;
let timer: ReturnType<typeof setTimeout> | null = null;

export function newIdempotencyKey(): string {
  return `report-${crypto.randomUUID()}`;
}

export async function listOutbox(): Promise<OutboxItem[]> {
  const items = await values<OutboxItem>(store);
  return items.sort((a, b) => a.createdAt.localeCompare(b.createdAt));
}

export function subscribeOutbox(listener: () => void): () => void {
  listeners.add(listener);
  return () => listeners.delete(listener);
}

export function onReportSent(listener: (sent: SentReport) => void): () => void {
  sentListeners.add(listener);
  return () => sentListeners.delete(listener);
}

function changed() {
  for (const listener of listeners) listener();
}

/**
 * Stores a report with its photos. The report declares each photo (digest, type, size) so the
 * command hall sees at once that photos are coming; the bytes follow one by one. A browser
 * without Web Crypto (a plain-http page) sends the report without declarations.
 */
export async function enqueueReport(
  item: Omit<OutboxItem, 'photosSent' | 'attempts' | 'nextAttemptAt' | 'createdAt'>,
): Promise<void> {
  const photos = await declarePhotos(item.photos);
  const input = photos.length > 0 ? { ...item.input, photos } : item.input;
  await set(
    item.key,
    { ...item, input, createdAt: new Date().toISOString(), photosSent: 0, attempts: 0, nextAttemptAt: 0 },
    store,
  );
  changed();
}

// The image types a report may declare are the contract's.
const DECLARABLE_TYPES = new Set<string>(declaredPhotoSchema.shape.contentType.options);

async function declarePhotos(photos: OutboxItem['photos']): Promise<DeclaredPhoto[]> {
  if (!globalThis.crypto?.subtle) return [];
  const declared: DeclaredPhoto[] = [];
  const seen = new Set<string>();
  for (const photo of photos) {
    if (declared.length === MAX_DECLARED_PHOTOS) break;
    if (photo.stage === 'dispose' || photo.stage === 'check' || !DECLARABLE_TYPES.has(photo.blob.type))
      continue;
    const digest = await crypto.subtle.digest('SHA-256', await photo.blob.arrayBuffer());
    const sha256 = Array.from(new Uint8Array(digest), (b) => b.toString(16).padStart(2, '0')).join('');
    // The same picture chosen twice is one photo (the server keeps one copy).
    if (seen.has(`${photo.stage}:${sha256}`)) continue;
    seen.add(`${photo.stage}:${sha256}`);
    declared.push({
      stage: photo.stage,
      sha256,
      contentType: photo.blob.type as DeclaredPhoto['contentType'],
      byteSize: photo.blob.size,
    });
  }
  return declared;
}

export async function discardReport(key: string): Promise<void> {
  await del(key, store);
  changed();
}

/** 2 s, 4 s, 8 s … up to a minute between attempts. */
function backoff(attempts: number): number {
  return Math.min(60_000, 2000 * 2 ** Math.max(0, attempts - 1));
}

async function sendOne(item: OutboxItem): Promise<'sent' | 'retry' | 'failed'> {
  let current = item;
  try {
    if (!current.caseId) {
      const created = await casesApi.report(current.input, current.key);
      current = { ...current, caseId: created.id, caseNo: created.caseNo };
      await set(current.key, current, store);
    }
    const caseId = current.caseId as string;
    while (current.photosSent < current.photos.length) {
      const photo = current.photos[current.photosSent];
      if (!photo) break;
      await casesApi.uploadPhotos(caseId, photo.stage, [
        new File([photo.blob], photo.name, { type: photo.blob.type }),
      ]);
      current = { ...current, photosSent: current.photosSent + 1 };
      await set(current.key, current, store);
    }
    await del(current.key, store);
    for (const listener of sentListeners)
      listener({ key: current.key, caseId, caseNo: current.caseNo ?? '' });
    return 'sent';
  } catch (error) {
    const permanent =
      error instanceof ApiError &&
      error.status >= 400 &&
      error.status < 500 &&
      ![401, 408, 429].includes(error.status);
    const attempts = current.attempts + 1;
    await set(
      current.key,
      {
        ...current,
        attempts,
        nextAttemptAt: Date.now() + backoff(attempts),
        lastError: error instanceof Error ? error.message : String(error),
        failed: permanent,
      },
      store,
    );
    return error instanceof NetworkError || !permanent ? 'retry' : 'failed';
  }
}

async function flushNow(force: boolean): Promise<void> {
  const items = await listOutbox();
  for (const item of items) {
    if (item.failed) continue;
    if (!force && item.nextAttemptAt > Date.now()) continue;
    const outcome = await sendOne(item);
    changed();
    // Offline or the server is down: the rest would fail the same way; try later.
    if (outcome === 'retry') break;
  }
  scheduleNext();
}

function scheduleNext() {
  if (timer) clearTimeout(timer);
  timer = null;
  void listOutbox().then((items) => {
    const waiting = items.filter((i) => !i.failed);
    if (waiting.length === 0) return;
    const next = Math.min(...waiting.map((i) => i.nextAttemptAt));
    timer = setTimeout(() => void flushOutbox(), Math.max(1000, next - Date.now()));
  });
}

/**
 * Sends what is waiting. One flush at a time in this tab, and across tabs through the Web Locks
 * API where the browser has it, so two senders never race on one report.
 */
export function flushOutbox(force = false): Promise<void> {
  if (running) return running;
  const work = async () => {
    if (navigator.locks) {
      await navigator.locks.request('cityloop-outbox', () => flushNow(force));
    } else {
      await flushNow(force);
    }
  };
  running = work().finally(() => {
    running = null;
  });
  return running;
}

/** Starts the background sender: on load, when the network comes back, and on its own backoff timer. */
export function startOutbox(): () => void {
  const online = () => void flushOutbox(true);
  window.addEventListener('online', online);
  void flushOutbox();
  return () => window.removeEventListener('online', online);
}

export async function outboxItem(key: string): Promise<OutboxItem | undefined> {
  return get<OutboxItem>(key, store);
}
