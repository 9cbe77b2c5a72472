/** The one way the web apps talk to the server: JSON over fetch, errors as ApiError with the server's Chinese message. */

export class ApiError extends Error {
  readonly status: number;
  readonly code: string;
  readonly messageEn?: string;
  readonly details?: unknown;

  constructor(status: number, code: string, message: string, messageEn?: string, details?: unknown) {
    super(message);
    this.name = 'ApiError';
    this.status = status;
    this.code = code;
    this.messageEn = messageEn;
    this.details = details;
  }
}

/** Thrown when the request never reached the server (offline, DNS, refused). */
export class NetworkError extends Error {
  constructor() {
    super('无法连接服务器，请检查网络后重试');
    this.name = 'NetworkError';
  }
}

type QueryValue = string | number | boolean | null | undefined;

export interface RequestOptions {
  method?: 'GET' | 'POST' | 'PUT' | 'PATCH' | 'DELETE';
  query?: Record<string, QueryValue>;
  body?: unknown;
  headers?: Record<string, string>;
  signal?: AbortSignal;
}

const unauthorizedListeners = new Set<() => void>();

/** Called when any request answers 401 (session expired or logged out elsewhere). */
export function onUnauthorized(listener: () => void): () => void {
  unauthorizedListeners.add(listener);
  return () => unauthorizedListeners.delete(listener);
}

export function withQuery(path: string, query?: Record<string, QueryValue>): string {
  if (!query) return path;
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(query)) {
    if (value === undefined || value === null || value === '') continue;
    params.set(key, String(value));
  }
  const text = params.toString();
  return text ? `${path}?${text}` : path;
}

const statusMessages: Record<number, string> = {
  400: '请求参数有误',
  401: '登录已失效，请重新登录',
  403: '您无权执行此操作',
  404: '请求的内容不存在',
  409: '数据已被他人修改，请刷新后重试',
  413: '文件过大',
  415: '文件格式不支持',
  422: '提交的内容不符合要求',
  429: '操作过于频繁，请稍后再试',
};

async function toApiError(response: Response): Promise<ApiError> {
  let body: unknown;
  try {
    body = await response.json();
  } catch {
    body = undefined;
  }
  const error = (body as { error?: unknown } | undefined)?.error;
  if (error && typeof error === 'object' && 'message' in error) {
    const e = error as { code?: string; message: string; messageEn?: string; details?: unknown };
    return new ApiError(response.status, e.code ?? 'ERROR', e.message, e.messageEn, e.details);
  }
  const fallback = statusMessages[response.status] ?? `服务器错误（HTTP ${response.status}）`;
  return new ApiError(response.status, 'HTTP_ERROR', fallback);
}

/** Sends a request; `body` is JSON unless it is FormData. Answers the parsed JSON body. */
export async function request<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const headers: Record<string, string> = { accept: 'application/json', ...options.headers };
  let body: BodyInit | undefined;
  if (options.body instanceof FormData) {
    body = options.body;
  } else if (options.body !== undefined) {
    headers['content-type'] = 'application/json';
    body = JSON.stringify(options.body);
  }
  let response: Response;
  try {
    response = await fetch(withQuery(path, options.query), {
      method: options.method ?? (body ? 'POST' : 'GET'),
      headers,
      body,
      credentials: 'same-origin',
      signal: options.signal,
    });
  } catch (err) {
    if (err instanceof DOMException && err.name === 'AbortError') throw err;
    throw new NetworkError();
  }
  if (!response.ok) {
    const error = await toApiError(response);
    if (response.status === 401 && !path.startsWith('/api/auth/login')) {
      for (const listener of unauthorizedListeners) listener();
    }
    throw error;
  }
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}

/** A GET answering the body as bytes (documents to download or preview); errors as in `request`. */
export async function requestBlob(path: string, query?: Record<string, QueryValue>): Promise<Blob> {
  let response: Response;
  try {
    response = await fetch(withQuery(path, query), { credentials: 'same-origin' });
  } catch {
    throw new NetworkError();
  }
  if (!response.ok) {
    const error = await toApiError(response);
    if (response.status === 401) for (const listener of unauthorizedListeners) listener();
    throw error;
  }
  return response.blob();
}

export const http = {
  get: <T>(path: string, query?: Record<string, QueryValue>, signal?: AbortSignal) =>
    request<T>(path, { query, signal }),
  post: <T>(path: string, body?: unknown, headers?: Record<string, string>) =>
    request<T>(path, { method: 'POST', body: body ?? {}, headers }),
  put: <T>(path: string, body: unknown) => request<T>(path, { method: 'PUT', body }),
  patch: <T>(path: string, body: unknown) => request<T>(path, { method: 'PATCH', body }),
};

/** A readable message for anything a request or a component may throw. */
export function errorText(error: unknown): string {
  if (error instanceof Error) return error.message;
  return '操作失败，请重试';
}
