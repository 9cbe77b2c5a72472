/**
 * The field app's service worker (城管通 offline start). Built as its own entry to `/m-sw.js` and
 * registered by production builds only, with scope `/m` (see register-service-worker.ts).
 *
 * - Install: precaches the field app — `/m.html` and every built file the /m entry reaches
 *   (chunks, CSS, assets). The list and its version are written into this file at build time
 *   (web/vite/field-service-worker.ts), so a new build is a new worker with a new cache.
 * - Activate: deletes the caches of earlier versions.
 * - Pages under /m: network first, the cached shell when the network fails or stalls, so a
 *   phone without signal still opens the app and its outbox can queue reports.
 * - Hashed files under /assets/: cache first (their names change when their content does).
 * - /api: never touched — answers carry personal data and must not be cached; the app's own
 *   offline handling (outbox, cached dictionary) covers what it needs without network.
 */

// The web project compiles against the DOM library; the few worker APIs used here are typed locally.
interface WorkerInstallEvent extends Event {
  waitUntil(work: Promise<unknown>): void;
}
interface WorkerFetchEvent extends WorkerInstallEvent {
  readonly request: Request;
  respondWith(response: Promise<Response>): void;
}
interface WorkerScope {
  addEventListener(type: 'install' | 'activate', listener: (event: WorkerInstallEvent) => void): void;
  addEventListener(type: 'fetch', listener: (event: WorkerFetchEvent) => void): void;
  skipWaiting(): Promise<void>;
  readonly clients: { claim(): Promise<void> };
  readonly location: Location;
}

const worker = self as unknown as WorkerScope;

/** Replaced at build time by the version and the list of files to precache. */
const precache = JSON.parse('__CITYLOOP_FIELD_PRECACHE__') as { version: string; files: string[] };

const CACHE_PREFIX = 'cityloop-field-';
const CACHE = `${CACHE_PREFIX}${precache.version}`;
const SHELL = '/m.html';
/** How long a page request may stall on a weak signal before the cached shell answers. */
const PAGE_TIMEOUT_MS = 6000;

worker.addEventListener('install', (event) => {
  event.waitUntil(
    caches
      .open(CACHE)
      .then((cache) =>
        cache.addAll([SHELL, ...precache.files].map((url) => new Request(url, { cache: 'no-cache' }))),
      )
      .then(() => worker.skipWaiting()),
  );
});

worker.addEventListener('activate', (event) => {
  event.waitUntil(
    caches
      .keys()
      .then((names) =>
        Promise.all(
          names.filter((n) => n.startsWith(CACHE_PREFIX) && n !== CACHE).map((n) => caches.delete(n)),
        ),
      )
      .then(() => worker.clients.claim()),
  );
});

worker.addEventListener('fetch', (event) => {
  const { request } = event;
  const url = new URL(request.url);
  if (request.method !== 'GET' || url.origin !== worker.location.origin) return;
  if (url.pathname === '/api' || url.pathname.startsWith('/api/')) return;
  if (request.mode === 'navigate') {
    // The scope `/m` also covers console paths such as /mine: only the field app's pages are ours.
    if (url.pathname === '/m' || url.pathname.startsWith('/m/')) event.respondWith(page(request));
    return;
  }
  if (url.pathname.startsWith('/assets/')) event.respondWith(asset(request));
});

async function page(request: Request): Promise<Response> {
  const cached = caches.open(CACHE).then((cache) => cache.match(SHELL));
  const network = fetch(request);
  // Answered from the cache meanwhile, a late failure is expected, not an error to report.
  network.catch(() => undefined);
  const stalled = new Promise<'stalled'>((resolve) => setTimeout(() => resolve('stalled'), PAGE_TIMEOUT_MS));
  try {
    const first = await Promise.race([network, stalled]);
    if (first !== 'stalled') return first;
    return (await cached) ?? (await network);
  } catch {
    return (await cached) ?? Response.error();
  }
}

async function asset(request: Request): Promise<Response> {
  const cache = await caches.open(CACHE);
  return (await cache.match(request)) ?? fetch(request);
}

// A module for the type checker (isolatedModules); the built worker has no exports.
export {};
