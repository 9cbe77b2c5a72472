import type { FastifyRequest } from 'fastify';

// Query parameters that carry secrets (Open311's api_key, tokens). Fastify's default request
// log line includes the URL with its query string, so these would land in the logs
// (SECURITY.md item 17).
const SECRET_PARAMS = /([?&](?:api_key|apikey|access_token|token)=)[^&#]*/gi;

export function redactUrl(url: string): string {
  return url.replace(SECRET_PARAMS, '$1[REDACTED]');
}

/** Fastify's default `req` log serializer with the secret query parameters blanked out. */
export function serializeRequest(request: FastifyRequest) {
  return {
    method: request.method,
    url: redactUrl(request.url),
    host: request.host,
    remoteAddress: request.ip,
    remotePort: request.socket?.remotePort,
  };
}
