/**
 * Module boundaries for CityLoop (DESIGN.md §2), checked by `npm run lint:deps`.
 *
 *   platform  ←  base modules  ←  middle modules  ←  top modules
 *   (db, http,   (org, geo,       (cases, hotline,   (evaluation, bulletins,
 *    jobs, …)     taxonomy, …)     field)             vendors, campaigns, open311)
 *
 * - no cycles anywhere;
 * - `server/src/platform/**` never imports `server/src/modules/**`;
 * - a module reaches another module only through that module's `index.ts`;
 * - `*.routes.ts` never imports a `*.repository.ts`; `*.service.ts` never imports Fastify;
 * - base never imports middle or top; middle never imports top;
 * - `contracts/src` imports nothing but zod (and itself);
 * - `web/src` never imports `server/`; `web/src/ui` imports no feature.
 *
 * Type-only imports count (tsPreCompilationDeps): a boundary is about knowledge, not bytes.
 * Test files (`*.test.ts`, `server/test/**`) may reach into other modules' internals to set up
 * fixtures; they are exempt from the module-entry and tier rules, not from the others.
 */

const path = require('node:path');

const BASE = '(org|geo|taxonomy|calendar|users|audit|media)';
const MIDDLE = '(cases|hotline|field)';
const TOP = '(evaluation|statistics|bulletins|vendors|campaigns|open311|integration|demo)';
const MODULES = '^server/src/modules/';
const TESTS = ['\\.test\\.tsx?$', '^server/test/', '/__tests__/'];

/** @type {import('dependency-cruiser').IConfiguration} */
module.exports = {
  forbidden: [
    {
      name: 'no-circular',
      severity: 'error',
      comment: 'DESIGN.md §2: no cycles. Break the cycle by moving the shared piece down a layer.',
      from: {},
      to: { circular: true },
    },
    {
      name: 'platform-not-to-modules',
      severity: 'error',
      comment: 'platform/ is below every module: it must not know any of them (DESIGN.md §2).',
      from: { path: '^server/src/platform/' },
      to: { path: MODULES },
    },
    {
      name: 'module-entry-only-via-index',
      severity: 'error',
      comment:
        "A module's index.ts is its only public entry: modules/A/* may import modules/B/index.ts, " +
        'nothing else inside B.',
      from: { path: `${MODULES}([^/]+)/`, pathNot: TESTS },
      to: {
        path: MODULES,
        pathNot: [`${MODULES}$1/`, `${MODULES}[^/]+/index\\.tsx?$`],
      },
    },
    {
      name: 'routes-not-to-repositories',
      severity: 'error',
      comment: 'Routes validate, authorise and call one service; only services talk to repositories.',
      from: { path: '\\.routes\\.ts$' },
      to: { path: '\\.repository\\.ts$' },
    },
    {
      name: 'services-not-to-fastify',
      severity: 'error',
      comment: 'Services never see Fastify types (DESIGN.md §2): take plain values, return plain values.',
      from: { path: '\\.service\\.ts$' },
      to: { path: '(^|/)node_modules/(fastify|@fastify|fastify-[^/]+)/' },
    },
    {
      name: 'base-not-to-middle-or-top',
      severity: 'error',
      comment: `Base modules ${BASE} must not import middle ${MIDDLE} or top ${TOP} modules.`,
      from: { path: `${MODULES}${BASE}/`, pathNot: TESTS },
      to: { path: [`${MODULES}${MIDDLE}/`, `${MODULES}${TOP}/`] },
    },
    {
      name: 'middle-not-to-top',
      severity: 'error',
      comment: `Middle modules ${MIDDLE} must not import top modules ${TOP}.`,
      from: { path: `${MODULES}${MIDDLE}/`, pathNot: TESTS },
      to: { path: `${MODULES}${TOP}/` },
    },
    {
      name: 'contracts-only-zod',
      severity: 'error',
      comment: 'contracts/ is shared by server and web: its only runtime dependency is zod.',
      from: { path: '^contracts/src/' },
      to: { pathNot: ['^contracts/src/', '(^|/)node_modules/zod/'] },
    },
    {
      name: 'web-not-to-server',
      severity: 'error',
      comment: 'The web app talks to the server over HTTP; shared shapes live in contracts/.',
      from: { path: '^web/' },
      to: { path: '^server/' },
    },
    {
      name: 'web-ui-no-features',
      severity: 'error',
      comment: 'web/src/ui holds shared presentational pieces and imports no feature or app.',
      from: { path: '^web/src/ui/' },
      to: { path: '^web/src/(modules|console|field)/' },
    },
    {
      name: 'server-outside-modules-via-index',
      severity: 'warn',
      comment:
        'app.ts, main.ts and cli.ts should also reach a module through its index.ts ' +
        "(a module's index.ts is its only public entry).",
      from: { path: '^server/src/', pathNot: [MODULES, '^server/src/platform/', ...TESTS] },
      to: { path: MODULES, pathNot: `${MODULES}[^/]+/index\\.tsx?$` },
    },
    {
      name: 'not-to-unresolvable',
      severity: 'error',
      comment: 'An import that does not resolve would also slip past every rule above.',
      from: {},
      to: { couldNotResolve: true },
    },
  ],
  options: {
    doNotFollow: { path: 'node_modules' },
    exclude: { path: ['^web/dist/', '^data/', '^coverage/'] },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: path.join(__dirname, 'server/tsconfig.json') },
    enhancedResolveOptions: {
      exportsFields: ['exports'],
      conditionNames: ['import', 'require', 'node', 'default', 'types'],
      mainFields: ['module', 'main', 'types', 'typings'],
    },
    reporterOptions: {
      text: { highlightFocused: true },
    },
  },
};
