import type { FastifyError, FastifyReply, FastifyRequest } from 'fastify';
import { hasZodFastifySchemaValidationErrors } from 'fastify-type-provider-zod';
import { AppError } from './errors.js';

function send(reply: FastifyReply, error: AppError) {
  return reply.status(error.status).send({
    error: {
      code: error.code,
      message: error.messages.zh,
      messageEn: error.messages.en,
      ...(error.details === undefined ? {} : { details: error.details }),
    },
  });
}

// Fastify's own 4xx errors (bad JSON, body too large, wrong content type) in both languages.
const fastifyCodes: Record<string, { zh: string; en: string }> = {
  FST_ERR_CTP_INVALID_JSON_BODY: { zh: '请求体不是合法的 JSON', en: 'request body is not valid JSON' },
  FST_ERR_CTP_EMPTY_JSON_BODY: { zh: '请求体为空', en: 'request body is empty' },
  FST_ERR_CTP_BODY_TOO_LARGE: { zh: '请求体过大', en: 'request body is too large' },
  FST_ERR_CTP_INVALID_MEDIA_TYPE: { zh: '不支持的内容类型', en: 'unsupported content type' },
  FST_REQ_FILE_TOO_LARGE: { zh: '上传文件过大', en: 'uploaded file is too large' },
  FST_INVALID_MULTIPART_CONTENT_TYPE: {
    zh: '需要 multipart/form-data 上传',
    en: 'multipart/form-data expected',
  },
};

export function handleError(
  error: FastifyError | AppError | Error,
  request: FastifyRequest,
  reply: FastifyReply,
) {
  if (error instanceof AppError) return send(reply, error);
  if (hasZodFastifySchemaValidationErrors(error)) {
    const details = error.validation.map((v) => ({
      path: v.instancePath.replace(/^\//, '').replaceAll('/', '.'),
      message: v.message,
    }));
    const fields = details
      .map((d) => d.path)
      .filter(Boolean)
      .join(', ');
    return send(
      reply,
      new AppError(
        400,
        'VALIDATION',
        {
          zh: `请求参数不合法${fields ? `：${fields}` : ''}`,
          en: `invalid request${fields ? `: ${fields}` : ''}`,
        },
        details,
      ),
    );
  }
  const fe = error as FastifyError;
  const known = fe.code ? fastifyCodes[fe.code] : undefined;
  if (known) return send(reply, new AppError(fe.statusCode ?? 400, fe.code, known));
  if (fe.statusCode && fe.statusCode >= 400 && fe.statusCode < 500) {
    return send(
      reply,
      new AppError(fe.statusCode, fe.code ?? 'BAD_REQUEST', { zh: '请求无效', en: error.message }),
    );
  }
  request.log.error({ err: error }, 'unhandled error');
  return send(reply, new AppError(500, 'INTERNAL', { zh: '服务器内部错误', en: 'internal server error' }));
}
