/** A message in the two languages every error carries. */
export interface Bilingual {
  zh: string;
  en: string;
}

/**
 * An expected failure with its HTTP status, a stable code for clients and a message in
 * Chinese and English. Services throw these; the HTTP layer renders them; the CLI prints them.
 */
export class AppError extends Error {
  readonly status: number;
  readonly code: string;
  readonly messages: Bilingual;
  readonly details?: unknown;

  constructor(status: number, code: string, messages: Bilingual, details?: unknown) {
    super(`${messages.zh} / ${messages.en}`);
    this.status = status;
    this.code = code;
    this.messages = messages;
    this.details = details;
  }
}

export const notFound = (what: Bilingual) =>
  new AppError(404, 'NOT_FOUND', { zh: `${what.zh}不存在`, en: `${what.en} not found` });

export const forbidden = () =>
  new AppError(403, 'FORBIDDEN', {
    zh: '当前角色无权执行此操作',
    en: 'your role is not allowed to do this',
  });

export const invalid = (zh: string, en: string, details?: unknown) =>
  new AppError(422, 'INVALID', { zh, en }, details);
