import { createHash } from 'node:crypto';
import { PassThrough } from 'node:stream';
import type { ExchangeSettingsInput } from '@cityloop/contracts/open311';
import { parse } from 'csv-parse/sync';
import { uuidv7 } from 'uuidv7';
import { AppError, notFound } from '../../platform/http/errors.js';
import type { Actor, AppDeps } from '../../platform/http/server-types.js';
import { shanghaiDate, toShanghaiIso } from '../../platform/time.js';
import { recordActorAudit, recordAudit } from '../audit/index.js';
import { exportCasesCsv } from '../cases/index.js';
import { monthlyFigures, monthRange, previousMonth } from '../statistics/index.js';
import { refusalMessage } from './address-policy.js';
import { folderRefusalMessage, isConfinedFolder, writeExchangeFiles } from './exchange-folder.js';
import {
  claimScheduledRun,
  finishRun,
  insertManualRun,
  selectActiveExchangeCities,
  selectExchangeSettings,
  selectRunById,
  selectRuns,
  upsertExchangeSettings,
} from './integration.repository.js';
import { postWebhook, vetTarget } from './webhook-transport.js';

// 省级/国家平台对接: each month's figures and case records (exchange CSV, and the same rows as
// JSON) go to the upper platform's URL (multipart POST) or a folder it collects from (an
// exchange share / SFTP drop). Every run is logged with what was sent and whether it arrived.
// The URL is under the same SSRF guard as webhooks (and its allowlist); the folder is confined to
// the server's exchange root.

const LEASE_MS = 10 * 60_000;
const RETRY_AFTER_MS = 30 * 60_000;
const UPLOAD_TIMEOUT_MS = 60_000;

export async function saveExchangeSettings(deps: AppDeps, actor: Actor, input: ExchangeSettingsInput) {
  if (input.targetUrl) {
    const refusal = await vetTarget(input.targetUrl, deps.config.webhookAllowHosts ?? []);
    if (refusal)
      throw new AppError(422, 'EXCHANGE_TARGET_REFUSED', refusalMessage(refusal), [
        { path: 'targetUrl', refusal },
      ]);
  }
  if (input.targetDir && !isConfinedFolder(deps.config.exchangeDir, input.targetDir))
    throw new AppError(422, 'EXCHANGE_DIR_REFUSED', folderRefusalMessage, [{ path: 'targetDir' }]);
  await deps.db.transaction().execute(async (trx) => {
    await upsertExchangeSettings(trx, { cityCode: actor.cityCode, ...input });
    await recordActorAudit(trx, actor, 'exchange.settings', 'exchange_settings', actor.cityCode, {
      ...input,
    });
  });
  return input;
}

export async function getExchangeSettings(deps: AppDeps, actor: Actor) {
  const row = await selectExchangeSettings(deps.db, actor.cityCode);
  if (!row) throw notFound({ zh: '上级平台对接设置', en: 'exchange settings' });
  return { targetUrl: row.targetUrl, targetDir: row.targetDir, active: row.active };
}

async function csvOf(deps: AppDeps, cityCode: string, period: string) {
  const { start, end } = monthRange(period);
  const range = { from: shanghaiDate(start), to: shanghaiDate(new Date(end.getTime() - 1)) };
  const sink = new PassThrough();
  const chunks: Buffer[] = [];
  sink.on('data', (chunk: Buffer) => chunks.push(chunk));
  const count = await exportCasesCsv(deps.db, cityCode, range, sink);
  return { count, csv: Buffer.concat(chunks) };
}

interface ExchangeFile {
  name: string;
  bytes: Buffer;
  type: string;
}

async function deliver(
  deps: AppDeps,
  target: { targetUrl: string | null; targetDir: string | null },
  cityCode: string,
  period: string,
  files: ExchangeFile[],
) {
  if (target.targetUrl) {
    const body = new FormData();
    body.set('cityCode', cityCode);
    body.set('period', period);
    for (const file of files)
      body.append('files', new Blob([new Uint8Array(file.bytes)], { type: file.type }), file.name);
    // Serialised here so the bytes go through the guarded transport, not fetch (which would
    // connect wherever the name resolves to at that moment).
    const multipart = new Response(body);
    const outcome = await postWebhook(
      target.targetUrl,
      {
        'content-type': multipart.headers.get('content-type') as string,
        'user-agent': 'CityLoop-Exchange/1',
      },
      Buffer.from(await multipart.arrayBuffer()),
      { allowHosts: deps.config.webhookAllowHosts ?? [], timeoutMs: UPLOAD_TIMEOUT_MS },
    );
    if (!outcome.ok) throw new Error(`${outcome.error} (${target.targetUrl})`);
    return target.targetUrl;
  }
  return writeExchangeFiles(deps.config.exchangeDir, target.targetDir as string, [cityCode, period], files);
}

async function execute(deps: AppDeps, runId: string, cityCode: string, period: string) {
  const settings = await selectExchangeSettings(deps.db, cityCode);
  try {
    if (!settings) throw new Error('no exchange target configured');
    const { count, csv } = await csvOf(deps, cityCode, period);
    const figures = await monthlyFigures(deps.db, cityCode, period, { now: deps.now() });
    const rows = parse(csv, { columns: true, bom: true }) as Record<string, string>[];
    const meta = { cityCode, period, generatedAt: toShanghaiIso(deps.now()), caseCount: count };
    const files: ExchangeFile[] = [
      { name: `cases-${period}.csv`, bytes: csv, type: 'text/csv; charset=utf-8' },
      {
        name: `cases-${period}.json`,
        bytes: Buffer.from(JSON.stringify({ ...meta, cases: rows })),
        type: 'application/json',
      },
      {
        name: `figures-${period}.json`,
        bytes: Buffer.from(JSON.stringify({ ...meta, figures })),
        type: 'application/json',
      },
    ];
    const target = await deliver(deps, settings, cityCode, period, files);
    await finishRun(deps.db, runId, {
      status: 'delivered',
      target,
      caseCount: count,
      files: files.map((f) => ({
        name: f.name,
        bytes: f.bytes.length,
        sha256: createHash('sha256').update(f.bytes).digest('hex'),
      })),
      error: null,
      finishedAt: deps.now(),
    });
  } catch (error) {
    const message = (
      error instanceof AppError ? error.messages.en : error instanceof Error ? error.message : String(error)
    ).slice(0, 500);
    await deps.db.transaction().execute(async (trx) => {
      await finishRun(trx, runId, {
        status: 'failed',
        target: settings?.targetUrl ?? settings?.targetDir ?? null,
        caseCount: null,
        files: [],
        error: message,
        finishedAt: deps.now(),
      });
      await recordAudit(trx, {
        cityCode,
        action: 'exchange.failed',
        objectType: 'exchange_run',
        objectId: runId,
        success: false,
        detail: { period, error: message },
      });
    });
  }
}

/** 立即上报: runs one month's export now (admin), whatever the schedule did. */
export async function runExchangeNow(deps: AppDeps, actor: Actor, period: string) {
  monthRange(period);
  const id = uuidv7();
  const now = deps.now();
  await deps.db.transaction().execute(async (trx) => {
    await insertManualRun(trx, {
      id,
      cityCode: actor.cityCode,
      period,
      startedAt: now,
      lockedUntil: new Date(now.getTime() + LEASE_MS),
    });
    await recordActorAudit(trx, actor, 'exchange.run', 'exchange_run', id, { period });
  });
  await execute(deps, id, actor.cityCode, period);
  const row = await selectRunById(deps.db, actor.cityCode, id);
  if (!row) throw notFound({ zh: '上报记录', en: 'exchange run' });
  return runView(row);
}

/**
 * The scheduled part: from the 1st of a month (Asia/Shanghai), last month's export for every
 * city with an active target. The run row is the lease (one per city and month); a failed run
 * is retried after 30 minutes, up to 5 attempts, each failure audited.
 */
export async function runScheduledExchange(deps: AppDeps): Promise<number> {
  const now = deps.now();
  const period = previousMonth(shanghaiDate(now).slice(0, 7));
  let runs = 0;
  for (const { cityCode } of await selectActiveExchangeCities(deps.db)) {
    const id = await claimScheduledRun(
      deps.db,
      { id: uuidv7(), cityCode, period, startedAt: now, lockedUntil: new Date(now.getTime() + LEASE_MS) },
      new Date(now.getTime() - RETRY_AFTER_MS),
    );
    if (!id) continue;
    await execute(deps, id, cityCode, period);
    runs++;
  }
  return runs;
}

function runView(r: NonNullable<Awaited<ReturnType<typeof selectRunById>>>) {
  return {
    id: r.id,
    period: r.period,
    trigger: r.trigger,
    status: r.status,
    target: r.target,
    caseCount: r.caseCount,
    files: r.files,
    error: r.error,
    attempts: r.attempts,
    startedAt: toShanghaiIso(r.startedAt),
    finishedAt: r.finishedAt ? toShanghaiIso(r.finishedAt) : null,
  };
}

/** 上报记录: every run, newest first, a page at a time. */
export async function listExchangeRuns(
  deps: AppDeps,
  actor: Actor,
  page: { page: number; pageSize: number },
) {
  const { rows, total } = await selectRuns(deps.db, actor.cityCode, {
    limit: page.pageSize,
    offset: (page.page - 1) * page.pageSize,
  });
  return { items: rows.map(runView), total, page: page.page, pageSize: page.pageSize };
}
