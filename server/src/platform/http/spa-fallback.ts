import fastifyStatic from '@fastify/static';
import { AppError } from './errors.js';
import type { App } from './server-types.js';

/** Paths that never answer with a page: the API, its documentation and built files. */
const NOT_PAGES = /^\/(api|docs|assets|open311)(\/|$)/;

/**
 * Serves the built web apps from `webDist`: hashed files under /assets/ cached for good, and
 * for browser navigation to any other path (deep links, reloads) the app page itself — m.html
 * for the field app under /m, index.html for the console — so client-side routes survive a
 * reload. API and other non-page requests that match no route still get a bilingual 404.
 */
export async function registerWebApps(app: App, webDist: string): Promise<void> {
  await app.register(fastifyStatic, {
    root: webDist,
    wildcard: false,
    setHeaders: (reply, path) => {
      reply.header(
        'cache-control',
        /[\\/]assets[\\/]/.test(path) ? 'public, max-age=31536000, immutable' : 'no-cache',
      );
    },
  });
  app.setNotFoundHandler((request, reply) => {
    const path = request.url.split('?')[0] ?? '/';
    const wantsPage =
      (request.method === 'GET' || request.method === 'HEAD') &&
      !NOT_PAGES.test(path) &&
      (request.headers.accept ?? '').includes('text/html');
    if (!wantsPage) {
      throw new AppError(404, 'NOT_FOUND', {
        zh: `没有这个地址：${request.method} ${path}`,
        en: `no such route: ${request.method} ${path}`,
      });
    }
    const page = path === '/m' || path.startsWith('/m/') ? 'm.html' : 'index.html';
    return reply.header('cache-control', 'no-cache').sendFile(page);
  });
}
