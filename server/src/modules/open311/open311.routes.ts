import type { FastifyReply, FastifyRequest } from 'fastify';
import { AppError } from '../../platform/http/errors.js';
import type { App, AppDeps } from '../../platform/http/server-types.js';
import {
  discovery,
  getRequest,
  listRequests,
  listServices,
  listUpdates,
  paramsOf,
  resolveCity,
  resolveToken,
  serviceDefinition,
  submitRequest,
} from './open311.service.js';
import { readPublicPhoto } from './public-media.service.js';
import { postRequestUpdate } from './request-updates.service.js';
import { type XmlObject, xmlList, xmlObject } from './xml.js';

type Format = 'json' | 'xml';
const FORM_LIMIT = 64 * 1024;
const MAX_MEDIA = 3;

function splitFormat(file: string): { name: string; format: Format } | null {
  const match = /^(.+)\.(json|xml)$/.exec(file);
  return match?.[1] ? { name: match[1], format: match[2] as Format } : null;
}

const unknownPath = () =>
  new AppError(404, 'NOT_FOUND', { zh: '没有这个 Open311 接口', en: 'no such Open311 endpoint' });

function formatOfUrl(url: string): Format {
  return url.split('?')[0]?.endsWith('.xml') ? 'xml' : 'json';
}

function queryPairs(request: FastifyRequest): [string, string][] {
  return [...new URL(request.url, 'http://open311.invalid').searchParams.entries()];
}

function baseUrlOf(request: FastifyRequest): string {
  return `${request.protocol}://${request.host}`;
}

function send(reply: FastifyReply, format: Format, root: string, item: string | null, data: unknown) {
  if (format === 'json') {
    return reply.type('application/json; charset=utf-8').send(JSON.stringify(data));
  }
  const xml = item ? xmlList(root, item, data as XmlObject[]) : xmlObject(root, data as XmlObject);
  return reply.type('text/xml; charset=utf-8').send(xml);
}

/** Open311 errors: `[{code, description}]` / `<errors><error>…</error></errors>`, several allowed. */
function sendError(error: unknown, request: FastifyRequest, reply: FastifyReply) {
  const format = formatOfUrl(request.url);
  let status = 500;
  let list: { code: number; description: string }[];
  if (error instanceof AppError) {
    status = error.status;
    const many = (error.details as { errors?: { zh: string; en: string }[] } | undefined)?.errors;
    const messages = many && many.length > 0 ? many : [error.messages];
    list = messages.map((m) => ({ code: status, description: `${m.zh} / ${m.en}` }));
    const retryAfter = (error.details as { retryAfter?: number } | undefined)?.retryAfter;
    if (status === 429 && retryAfter) reply.header('retry-after', String(retryAfter));
  } else {
    const statusCode = (error as { statusCode?: number }).statusCode;
    if (statusCode && statusCode >= 400 && statusCode < 500) {
      status = statusCode === 413 ? 413 : 400;
      list = [{ code: status, description: `请求无效 / ${(error as Error).message}` }];
    } else {
      request.log.error({ err: error }, 'open311 unhandled error');
      list = [{ code: 500, description: '服务器内部错误 / internal server error' }];
    }
  }
  reply.status(status);
  return send(reply, format, 'errors', 'error', list);
}

function apiKeyOf(request: FastifyRequest, pairs: readonly [string, string][]): string | undefined {
  const auth = request.headers.authorization;
  if (auth?.startsWith('Bearer ')) return auth.slice(7).trim() || undefined;
  return paramsOf(pairs)('api_key');
}

/** Form fields and (multipart) media files of a POST. */
async function formOf(request: FastifyRequest): Promise<{ pairs: [string, string][]; photos: Buffer[] }> {
  if (request.isMultipart()) {
    const pairs: [string, string][] = [];
    const photos: Buffer[] = [];
    for await (const part of request.parts()) {
      if (part.type === 'file') {
        if (photos.length >= MAX_MEDIA) {
          throw new AppError(400, 'TOO_MANY_FILES', {
            zh: `最多 ${MAX_MEDIA} 个文件`,
            en: `at most ${MAX_MEDIA} files`,
          });
        }
        photos.push(await part.toBuffer());
      } else pairs.push([part.fieldname, String(part.value)]);
    }
    return { pairs, photos };
  }
  const body = typeof request.body === 'string' ? request.body : '';
  return { pairs: [...new URLSearchParams(body).entries()], photos: [] };
}

/**
 * Open311 GeoReport v2 under /open311/v2 (PEERS.md §2). Formats are the path suffix; parameters
 * are read from the raw query string so that `attribute[CODE][]` and repeats survive.
 */
export function registerOpen311Routes(app: App, deps: AppDeps): void {
  app.register(
    async (scope) => {
      // GeoReport v2 POST bodies are application/x-www-form-urlencoded.
      scope.addContentTypeParser(
        'application/x-www-form-urlencoded',
        { parseAs: 'string', bodyLimit: FORM_LIMIT },
        (_request, body, done) => done(null, body),
      );
      scope.setErrorHandler(sendError);
      scope.setNotFoundHandler((request, reply) => sendError(unknownPath(), request, reply));
      const tags = ['open311'];

      scope.get(
        '/:file',
        {
          schema: { tags, summary: 'discovery / services / requests / servicerequestupdates (.json | .xml)' },
        },
        async (request, reply) => {
          const target = splitFormat((request.params as { file: string }).file);
          if (!target) throw unknownPath();
          const pairs = queryPairs(request);
          const params = paramsOf(pairs);
          switch (target.name) {
            case 'discovery':
              return send(reply, target.format, 'discovery', null, discovery(baseUrlOf(request), deps.now()));
            case 'services': {
              const city = await resolveCity(deps, params('jurisdiction_id'));
              return send(reply, target.format, 'services', 'service', await listServices(deps, city));
            }
            case 'requests':
              return send(
                reply,
                target.format,
                'service_requests',
                'request',
                await listRequests(deps, params, baseUrlOf(request)),
              );
            case 'servicerequestupdates':
              return send(
                reply,
                target.format,
                'service_request_updates',
                'request_update',
                await listUpdates(deps, params),
              );
            default:
              throw unknownPath();
          }
        },
      );

      scope.post(
        '/:file',
        {
          schema: {
            tags,
            summary:
              'POST requests.{json,xml}: a new service request; POST servicerequestupdates.{json,xml}: a public note on one (api_key required)',
          },
        },
        async (request, reply) => {
          const target = splitFormat((request.params as { file: string }).file);
          if (target?.name !== 'requests' && target?.name !== 'servicerequestupdates') throw unknownPath();
          const query = queryPairs(request);
          const form = await formOf(request);
          const pairs = [...form.pairs, ...query];
          if (target.name === 'servicerequestupdates') {
            const update = await postRequestUpdate(deps, {
              params: paramsOf(pairs),
              pairs,
              apiKey: apiKeyOf(request, pairs),
              hasFiles: form.photos.length > 0,
            });
            reply.status(update.created ? 201 : 200);
            return send(reply, target.format, 'service_request_updates', 'request_update', update.list);
          }
          const result = await submitRequest(deps, {
            params: paramsOf(pairs),
            pairs,
            apiKey: apiKeyOf(request, pairs),
            photos: form.photos,
          });
          reply.status(201);
          return send(reply, target.format, 'service_requests', 'request', result);
        },
      );

      scope.get(
        '/services/:file',
        { schema: { tags, summary: 'service definition: the attributes of one service' } },
        async (request, reply) => {
          const target = splitFormat((request.params as { file: string }).file);
          if (!target) throw unknownPath();
          const params = paramsOf(queryPairs(request));
          const city = await resolveCity(deps, params('jurisdiction_id'));
          return send(
            reply,
            target.format,
            'service_definition',
            null,
            await serviceDefinition(deps, city, target.name),
          );
        },
      );

      scope.get(
        '/requests/:file',
        { schema: { tags, summary: 'one service request (a one-element list)' } },
        async (request, reply) => {
          const target = splitFormat((request.params as { file: string }).file);
          if (!target) throw unknownPath();
          const params = paramsOf(queryPairs(request));
          const list = await getRequest(deps, params, target.name, baseUrlOf(request));
          return send(reply, target.format, 'service_requests', 'request', list);
        },
      );

      scope.get(
        '/tokens/:file',
        { schema: { tags, summary: 'token → service_request_id (batch services)' } },
        async (request, reply) => {
          const target = splitFormat((request.params as { file: string }).file);
          if (!target) throw unknownPath();
          const params = paramsOf(queryPairs(request));
          return send(
            reply,
            target.format,
            'service_requests',
            'request',
            await resolveToken(deps, params, target.name),
          );
        },
      );

      scope.get(
        '/media/:id',
        { schema: { tags, summary: 'a citizen photo of a published request (metadata stripped)' } },
        async (request, reply) => {
          const photo = await readPublicPhoto(deps, (request.params as { id: string }).id);
          return reply
            .header('content-type', photo.contentType)
            .header('cache-control', 'public, max-age=3600')
            .header('x-content-type-options', 'nosniff')
            .send(photo.bytes);
        },
      );
    },
    { prefix: '/open311/v2' },
  );
}
