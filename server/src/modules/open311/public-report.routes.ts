import { readFileSync } from 'node:fs';
import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import type { ZodTypeProvider } from 'fastify-type-provider-zod';
import { z } from 'zod';
import { handleError } from '../../platform/http/error-handler.js';
import { AppError } from '../../platform/http/errors.js';
import type { App, AppDeps } from '../../platform/http/server-types.js';
import {
  issueChallenge,
  PUBLIC_LIMITS,
  publicCategories,
  publicLocate,
  publicReportFieldsSchema,
  publicStatus,
  submitPublicReport,
} from './public-report.service.js';
import { renderStatusPage } from './status-page.js';

const asset = (name: string) => readFileSync(new URL(`./public-page/${name}`, import.meta.url), 'utf8');
const PAGE = asset('report.html');
const SCRIPT = asset('report.js');

// No inline script, no third-party origin: the page works offline from this server alone.
const CSP =
  "default-src 'self'; script-src 'self'; style-src 'self' 'unsafe-inline'; img-src 'self' blob: data:; connect-src 'self'; frame-ancestors 'none'; base-uri 'none'; form-action 'self'";

function html(reply: FastifyReply, body: string) {
  return reply
    .type('text/html; charset=utf-8')
    .header('content-security-policy', CSP)
    .header('x-content-type-options', 'nosniff')
    .header('referrer-policy', 'no-referrer')
    .send(body);
}

/** 429 answers carry Retry-After; the rest is the app's usual bilingual error body. */
function publicErrors(error: FastifyError | AppError | Error, request: FastifyRequest, reply: FastifyReply) {
  const retryAfter =
    error instanceof AppError
      ? (error.details as { retryAfter?: number } | undefined)?.retryAfter
      : undefined;
  if (error instanceof AppError && error.status === 429 && retryAfter)
    reply.header('retry-after', String(retryAfter));
  return handleError(error, request, reply);
}

async function readReportForm(request: FastifyRequest) {
  if (!request.isMultipart()) {
    throw new AppError(415, 'MULTIPART_EXPECTED', {
      zh: '请以 multipart/form-data 提交',
      en: 'submit as multipart/form-data',
    });
  }
  const fields: Record<string, string> = {};
  const photos: Buffer[] = [];
  for await (const part of request.parts({
    limits: { fileSize: PUBLIC_LIMITS.photoMaxBytes, files: PUBLIC_LIMITS.maxPhotos + 1 },
  })) {
    if (part.type === 'file') {
      const bytes = await part.toBuffer();
      if (bytes.length > 0) photos.push(bytes);
    } else if (typeof part.value === 'string' && part.value.trim() !== '')
      fields[part.fieldname] = part.value;
  }
  const parsed = publicReportFieldsSchema.safeParse(fields);
  if (!parsed.success) {
    const names = parsed.error.issues.map((i) => i.path.join('.')).join(', ');
    throw new AppError(
      400,
      'VALIDATION',
      { zh: `请检查填写内容：${names}`, en: `check these fields: ${names}` },
      parsed.error.issues,
    );
  }
  return { fields: parsed.data, photos };
}

/** 公众随手拍: the citizen page, its public API and the public status page. No login anywhere. */
export function registerPublicReportRoutes(app: App, deps: AppDeps): void {
  app.register(async (plugin) => {
    const scope = plugin.withTypeProvider<ZodTypeProvider>();
    scope.setErrorHandler(publicErrors);
    const tags = ['public'];

    scope.get(
      '/report',
      { schema: { tags, summary: '公众随手拍页面 / citizen report page' } },
      async (_request, reply) => html(reply, PAGE),
    );
    scope.get('/report/report.js', { schema: { hide: true } }, async (_request, reply) =>
      reply.type('text/javascript; charset=utf-8').header('x-content-type-options', 'nosniff').send(SCRIPT),
    );
    scope.get(
      '/report/status/:trackingNo',
      {
        schema: {
          tags,
          summary: '办理进度页 / public status page',
          params: z.object({ trackingNo: z.string().max(40) }),
        },
      },
      async (request, reply) => {
        try {
          return html(reply, renderStatusPage(await publicStatus(deps, request.params.trackingNo)));
        } catch (error) {
          if (!(error instanceof AppError) || error.status !== 404) throw error;
          return html(reply.status(404), renderStatusPage(null));
        }
      },
    );

    scope.get(
      '/api/public/challenge',
      { schema: { tags, summary: '工作量证明题目 / proof-of-work challenge' } },
      async (request) => issueChallenge(deps, request.ip),
    );
    scope.get(
      '/api/public/categories',
      { schema: { tags, summary: '可上报的问题类别 / categories' } },
      async () => publicCategories(deps),
    );
    scope.get(
      '/api/public/locate',
      {
        schema: {
          tags,
          summary: '位置所在网格 / which grid a point is in',
          querystring: z.object({
            lat: z.coerce.number().min(-90).max(90),
            lng: z.coerce.number().min(-180).max(180),
          }),
        },
      },
      async (request) => publicLocate(deps, request.ip, request.query.lng, request.query.lat),
    );
    scope.post(
      '/api/public/reports',
      {
        schema: {
          tags,
          summary: '提交随手拍 / submit a citizen report (multipart: fields + up to 3 photos)',
        },
      },
      async (request, reply) => {
        const { fields, photos } = await readReportForm(request);
        return reply.status(201).send(await submitPublicReport(deps, request.ip, fields, photos));
      },
    );
    scope.get(
      '/api/public/reports/:trackingNo',
      {
        schema: {
          tags,
          summary: '办理进度 / public status (no personal data)',
          params: z.object({ trackingNo: z.string().max(40) }),
        },
      },
      async (request, reply) =>
        reply.header('cache-control', 'no-store').send(await publicStatus(deps, request.params.trackingNo)),
    );
  });
}
