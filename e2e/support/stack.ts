import { type ChildProcess, execFileSync, spawn } from 'node:child_process';
import { existsSync, mkdirSync, mkdtempSync, readdirSync, rmSync, statSync } from 'node:fs';
import { createServer } from 'node:net';
import { tmpdir } from 'node:os';
import { dirname, join, resolve } from 'node:path';
import { fileURLToPath } from 'node:url';
import { type Browser, type BrowserContext, chromium, type Page } from 'playwright-core';

const here = dirname(fileURLToPath(import.meta.url));
export const ROOT = resolve(here, '../..');
export const CHROMIUM = process.env.CHROMIUM_PATH ?? '/usr/bin/chromium';
export const SCREENSHOTS = join(ROOT, 'e2e/screenshots');
export const DEMO_PASSWORD = 'Demo#2019pzh';

function newestMtime(path: string): number {
  if (!existsSync(path)) return 0;
  const stat = statSync(path);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(path)) newest = Math.max(newest, newestMtime(join(path, entry)));
  return newest;
}

/** Builds web/dist when it is missing or older than its sources (one build per run). */
export function ensureWebBuilt(): void {
  const dist = join(ROOT, 'web/dist');
  const built = Math.min(newestMtime(join(dist, 'index.html')), newestMtime(join(dist, 'm.html')));
  const sources = Math.max(
    newestMtime(join(ROOT, 'web/src')),
    newestMtime(join(ROOT, 'web/index.html')),
    newestMtime(join(ROOT, 'web/m.html')),
    newestMtime(join(ROOT, 'web/vite.config.ts')),
    newestMtime(join(ROOT, 'web/vite')),
    newestMtime(join(ROOT, 'contracts/src')),
  );
  if (built > 0 && built >= sources) return;
  execFileSync(process.execPath, [join(ROOT, 'node_modules/vite/bin/vite.js'), 'build'], {
    cwd: join(ROOT, 'web'),
    // vitest runs with NODE_ENV=test, which would give a development build of React.
    env: { ...process.env, NODE_ENV: 'production' },
    stdio: 'pipe',
  });
}

async function freePort(): Promise<number> {
  return new Promise((ok, fail) => {
    const server = createServer();
    server.once('error', fail);
    server.listen(0, '127.0.0.1', () => {
      const address = server.address();
      const port = typeof address === 'object' && address ? address.port : 0;
      server.close(() => ok(port));
    });
  });
}

export interface RunningServer {
  url: string;
  stop: () => Promise<void>;
}

/**
 * The real server (`cityloop serve --demo`) on a free port and a fresh embedded database.
 * Always PGlite: the journeys test the apps, and the API suite already runs on PostgreSQL.
 */
export async function startServer(options: { env?: Record<string, string> } = {}): Promise<RunningServer> {
  const port = await freePort();
  const dataDir = mkdtempSync(join(tmpdir(), 'cityloop-e2e-'));
  const env: NodeJS.ProcessEnv = {
    ...process.env,
    PORT: String(port),
    HOST: '127.0.0.1',
    LOG_LEVEL: 'silent',
    ...options.env,
  };
  delete env.DATABASE_URL;
  // The demo month of history is not needed here and would slow the start.
  env.CITYLOOP_DEMO_HISTORY = '0';
  const child: ChildProcess = spawn(
    process.execPath,
    [join(ROOT, 'server/bin/cityloop.mjs'), '--data-dir', dataDir, 'serve', '--demo'],
    { cwd: ROOT, env, stdio: ['ignore', 'pipe', 'pipe'] },
  );
  let output = '';
  child.stdout?.on('data', (d) => {
    output += String(d);
  });
  child.stderr?.on('data', (d) => {
    output += String(d);
  });
  const url = `http://127.0.0.1:${port}`;
  const deadline = Date.now() + 110_000;
  for (;;) {
    if (child.exitCode !== null) throw new Error(`server exited early:\n${output}`);
    try {
      const res = await fetch(`${url}/api/health`);
      if (res.ok) break;
    } catch {
      // not listening yet
    }
    if (Date.now() > deadline) {
      child.kill('SIGTERM');
      throw new Error(`server did not start in time:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  return {
    url,
    stop: async () => {
      if (child.exitCode === null) {
        const exited = new Promise((r) => child.once('exit', r));
        child.kill('SIGTERM');
        await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
        if (child.exitCode === null) child.kill('SIGKILL');
      }
      rmSync(dataDir, { recursive: true, force: true });
    },
  };
}

export function launchBrowser(): Promise<Browser> {
  return chromium.launch({
    executablePath: CHROMIUM,
    args: [
      '--headless',
      '--no-sandbox',
      '--disable-gpu',
      '--disable-background-networking',
      '--disable-component-update',
      '--disable-sync',
    ],
  });
}

export const DESKTOP = {
  viewport: { width: 1366, height: 768 },
  locale: 'zh-CN',
  timezoneId: 'Asia/Shanghai',
};
export const PHONE = {
  viewport: { width: 390, height: 844 },
  deviceScaleFactor: 2,
  isMobile: true,
  hasTouch: true,
  locale: 'zh-CN',
  timezoneId: 'Asia/Shanghai',
  permissions: ['geolocation'],
};

/**
 * Uncaught page errors and console errors. Chromium itself logs every 4xx answer as a console
 * error; the refusals the journeys provoke on purpose (401 before login, 403/404 for the wrong
 * role, 422 for bad input) and offline fetches are not faults of the page, so they are let through.
 */
export function watchErrors(page: Page): string[] {
  const errors: string[] = [];
  page.on('pageerror', (error) => errors.push(`pageerror: ${error.message}`));
  page.on('console', (message) => {
    if (message.type() !== 'error') return;
    const text = message.text();
    if (/Failed to load resource: the server responded with a status of (401|403|404|422)/.test(text)) return;
    if (/ERR_INTERNET_DISCONNECTED/.test(text)) return;
    errors.push(`console: ${text}`);
  });
  return errors;
}

export async function loginThroughForm(page: Page, login: string): Promise<void> {
  await page.getByPlaceholder('账号').fill(login);
  await page.getByPlaceholder('密码').fill(DEMO_PASSWORD);
  await page.getByRole('button', { name: /登\s*录/ }).click();
}

export async function consoleAs(browser: Browser, base: string, login: string, path = '/') {
  const context = await browser.newContext({ ...DESKTOP, baseURL: base });
  const page = await context.newPage();
  const errors = watchErrors(page);
  await page.goto(path);
  await loginThroughForm(page, login);
  await page.getByTestId('current-user').waitFor();
  return { context, page, errors };
}

export async function screenshot(page: Page, name: string): Promise<void> {
  mkdirSync(SCREENSHOTS, { recursive: true });
  await page.screenshot({ path: join(SCREENSHOTS, `${name}.png`), fullPage: false });
}

/** A small real JPEG (drawn by the browser), as the phone camera would hand over. */
export async function makeJpeg(context: BrowserContext, label: string): Promise<Buffer> {
  const page = await context.newPage();
  const dataUrl = await page.evaluate((text) => {
    const canvas = document.createElement('canvas');
    canvas.width = 320;
    canvas.height = 240;
    const ctx = canvas.getContext('2d');
    if (!ctx) throw new Error('no 2d context');
    ctx.fillStyle = '#6b8e23';
    ctx.fillRect(0, 0, 320, 240);
    ctx.fillStyle = '#fff';
    ctx.font = '28px sans-serif';
    ctx.fillText(text, 20, 120);
    return canvas.toDataURL('image/jpeg', 0.85);
  }, label);
  await page.close();
  return Buffer.from(dataUrl.split(',')[1] ?? '', 'base64');
}

/** Logs in over HTTP and answers a fetch that carries the session (for checks behind the UI). */
export async function apiAs(base: string, login: string) {
  const res = await fetch(`${base}/api/auth/login`, {
    method: 'POST',
    headers: { 'content-type': 'application/json' },
    body: JSON.stringify({ login, password: DEMO_PASSWORD }),
  });
  if (!res.ok) throw new Error(`login ${login} failed: ${res.status}`);
  const { token } = (await res.json()) as { token: string };
  return async <T>(path: string, init: RequestInit = {}): Promise<{ status: number; body: T }> => {
    const r = await fetch(`${base}${path}`, {
      ...init,
      headers: {
        authorization: `Bearer ${token}`,
        'content-type': 'application/json',
        ...(init.headers ?? {}),
      },
    });
    return { status: r.status, body: (await r.json()) as T };
  };
}
