import { createHash } from 'node:crypto';
import type { Plugin, Rolldown } from 'vite';

const PLACEHOLDER = /(["'`])__CITYLOOP_FIELD_PRECACHE__\1/;

/**
 * Writes the field app's precache list into its service worker at build time. The worker is its
 * own build entry (`workerEntry`, emitted without a hash so its URL stays put); this finds every
 * file the field page's entry (`pageEntry`) reaches — chunks, lazy chunks, CSS and assets — and
 * replaces the worker's placeholder with `{ version, files }`. The version is a hash of the page
 * and that list, so any change to the field app gives a new worker and a new cache.
 */
export function fieldServiceWorker(options: {
  pageEntry: string;
  workerEntry: string;
  page: string;
}): Plugin {
  return {
    name: 'cityloop-field-service-worker',
    apply: 'build',
    enforce: 'post',
    generateBundle(_output, bundle) {
      const chunks = Object.values(bundle).filter((f) => f.type === 'chunk');
      const workerChunk = chunks.find((c) => c.isEntry && c.name === options.workerEntry);
      const pageChunk = chunks.find((c) => c.isEntry && c.name === options.pageEntry);
      if (!workerChunk || !pageChunk) {
        this.error(
          `field service worker: entries "${options.workerEntry}" and "${options.pageEntry}" expected`,
        );
      }
      const files = [...reachable(bundle, pageChunk.fileName)].sort().map((f) => `/${f}`);
      const page = bundle[options.page];
      const pageText = page?.type === 'asset' ? String(page.source) : '';
      const version = createHash('sha256')
        .update(pageText)
        .update(files.join('\n'))
        .digest('hex')
        .slice(0, 16);
      if (!PLACEHOLDER.test(workerChunk.code)) {
        this.error('field service worker: the precache placeholder is missing from the worker');
      }
      workerChunk.code = workerChunk.code.replace(PLACEHOLDER, () =>
        JSON.stringify(JSON.stringify({ version, files })),
      );
    },
  };
}

/** The built files a chunk needs, following static and dynamic imports, its CSS and its assets. */
function reachable(bundle: Rolldown.OutputBundle, start: string): Set<string> {
  const seen = new Set<string>();
  const visit = (fileName: string) => {
    if (seen.has(fileName)) return;
    const file = bundle[fileName];
    if (!file) return;
    seen.add(fileName);
    if (file.type !== 'chunk') return;
    for (const next of [...file.imports, ...file.dynamicImports]) visit(next);
    for (const css of file.viteMetadata?.importedCss ?? []) seen.add(css);
    for (const asset of file.viteMetadata?.importedAssets ?? []) seen.add(asset);
  };
  visit(start);
  return seen;
}
