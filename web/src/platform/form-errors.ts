import type { FormInstance } from 'antd';
import { ApiError } from './http';

/**
 * Puts an API validation answer next to the fields it names (details[].path like
 * "timeLimits.dispose.amount"), and answers the Chinese message for the form's top.
 */
export function applyApiErrors(form: FormInstance, error: unknown, fieldNames: string[]): string {
  const message = error instanceof Error ? error.message : '保存失败';
  if (!(error instanceof ApiError) || !Array.isArray(error.details)) return message;
  const fields: { name: (string | number)[]; errors: string[] }[] = [];
  for (const detail of error.details as { path?: string; message?: string }[]) {
    if (!detail.path) continue;
    const path = detail.path.split('.');
    const known = fieldNames.find((f) => f === path[0]);
    if (!known) continue;
    fields.push({ name: path, errors: [message] });
  }
  if (fields.length) form.setFields(fields);
  return message;
}
