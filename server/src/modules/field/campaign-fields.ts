import type { CampaignField } from '@cityloop/contracts/field';

// A campaign's extra fields (e.g. the zebra-crossing list: 时间, 地点, 车牌) and the check of
// an entry against them. Pure: the bilingual problems go back to the field app as they are.

export interface FieldProblem {
  key: string;
  zh: string;
  en: string;
}

export type EntryCheck =
  | { ok: true; value: Record<string, unknown> }
  | { ok: false; problems: FieldProblem[] };

/** A field definition must be usable: a valid regular expression, choices for a choice field. */
export function checkFieldDefinitions(fields: readonly CampaignField[]): FieldProblem[] {
  const problems: FieldProblem[] = [];
  const keys = new Set<string>();
  for (const f of fields) {
    if (keys.has(f.key))
      problems.push({ key: f.key, zh: `字段 ${f.key} 重复`, en: `field ${f.key} appears twice` });
    keys.add(f.key);
    if (f.pattern !== undefined) {
      try {
        new RegExp(f.pattern, 'u');
      } catch {
        problems.push({
          key: f.key,
          zh: `字段 ${f.label} 的格式规则无效`,
          en: `the pattern of ${f.key} is not a valid regular expression`,
        });
      }
    }
    if (f.type === 'choice' && !f.options?.length) {
      problems.push({
        key: f.key,
        zh: `字段 ${f.label} 缺少选项`,
        en: `choice field ${f.key} has no options`,
      });
    }
  }
  return problems;
}

/** Keeps only the defined fields, converts them to their type and reports what is wrong. */
export function checkEntry(fields: readonly CampaignField[], data: Record<string, unknown>): EntryCheck {
  const problems: FieldProblem[] = [];
  const value: Record<string, unknown> = {};
  for (const f of fields) {
    const raw = data[f.key];
    if (raw === undefined || raw === null || raw === '') {
      if (f.required)
        problems.push({ key: f.key, zh: `缺少必填项：${f.label}`, en: `missing required field: ${f.key}` });
      continue;
    }
    const bad = (zh: string, en: string) =>
      problems.push({ key: f.key, zh: `${f.label}${zh}`, en: `${f.key} ${en}` });
    switch (f.type) {
      case 'text': {
        const text = String(raw).trim();
        if (text.length > 500) bad('过长', 'is too long');
        else if (f.pattern && !new RegExp(f.pattern, 'u').test(text))
          bad('格式不正确', 'has the wrong format');
        else value[f.key] = text;
        break;
      }
      case 'number': {
        const n = typeof raw === 'number' ? raw : Number(raw);
        if (!Number.isFinite(n)) bad('须为数字', 'must be a number');
        else value[f.key] = n;
        break;
      }
      case 'datetime': {
        const t = Date.parse(String(raw));
        if (Number.isNaN(t) || !/[T ]\d{2}:\d{2}/.test(String(raw)))
          bad('须为日期时间', 'must be a date-time');
        else value[f.key] = new Date(t).toISOString();
        break;
      }
      case 'date':
        if (!/^\d{4}-\d{2}-\d{2}$/.test(String(raw)) || Number.isNaN(Date.parse(String(raw))))
          bad('须为日期', 'must be a date');
        else value[f.key] = String(raw);
        break;
      case 'boolean':
        if (typeof raw !== 'boolean') bad('须为是/否', 'must be true or false');
        else value[f.key] = raw;
        break;
      case 'choice':
        if (!f.options?.includes(String(raw))) bad('不在可选项中', 'is not one of the options');
        else value[f.key] = String(raw);
        break;
    }
  }
  const unknown = Object.keys(data).filter((k) => !fields.some((f) => f.key === k));
  for (const key of unknown) problems.push({ key, zh: `未定义的字段：${key}`, en: `unknown field: ${key}` });
  return problems.length > 0 ? { ok: false, problems } : { ok: true, value };
}
