import type { ServiceAttribute } from '@cityloop/contracts/open311';
import type { Bilingual } from '../../platform/http/errors.js';

export type AttributeValue = string | number | string[];

export interface AttributeCheck {
  values: Record<string, AttributeValue>;
  errors: Bilingual[];
}

const DATETIME_WITH_ZONE = /^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}(:\d{2}(\.\d+)?)?(Z|[+-]\d{2}:\d{2})$/;
const STRING_MAX = 200;
const TEXT_MAX = 4000;

/**
 * Checks `attribute[CODE]` values against a service definition: required ones present, numbers
 * numeric, datetimes zoned, list values among the keys, and no codes the definition lacks.
 * `submitted` maps a code to every value sent for it (multivaluelist sends several).
 */
export function checkAttributes(
  definitions: readonly ServiceAttribute[],
  submitted: ReadonlyMap<string, readonly string[]>,
): AttributeCheck {
  const values: Record<string, AttributeValue> = {};
  const errors: Bilingual[] = [];
  const known = new Map(definitions.map((d) => [d.code, d]));
  for (const code of submitted.keys()) {
    const def = known.get(code);
    if (!def?.variable) {
      errors.push({ zh: `未知的属性：${code}`, en: `unknown attribute: ${code}` });
    }
  }
  for (const def of definitions) {
    if (!def.variable) continue;
    const raw = (submitted.get(def.code) ?? []).map((v) => v.trim()).filter((v) => v !== '');
    if (raw.length === 0) {
      if (def.required) {
        errors.push({
          zh: `缺少必填属性：${def.code}（${def.description}）`,
          en: `required attribute missing: ${def.code}`,
        });
      }
      continue;
    }
    const problem = checkOne(def, raw);
    if (problem) errors.push(problem);
    else values[def.code] = typedValue(def, raw);
  }
  return { values, errors };
}

function checkOne(def: ServiceAttribute, raw: string[]): Bilingual | null {
  const keys = new Set((def.values ?? []).map((v) => v.key));
  const bad = (zh: string, en: string) => ({
    zh: `属性 ${def.code}：${zh}`,
    en: `attribute ${def.code}: ${en}`,
  });
  if (def.datatype !== 'multivaluelist' && raw.length > 1) return bad('只能有一个值', 'takes one value');
  const first = raw[0] as string;
  switch (def.datatype) {
    case 'number':
      return Number.isFinite(Number(first)) ? null : bad('须为数字', 'must be a number');
    case 'datetime':
      return DATETIME_WITH_ZONE.test(first) && !Number.isNaN(Date.parse(first))
        ? null
        : bad('须为带时区的 ISO 8601 时间', 'must be an ISO 8601 datetime with a timezone');
    case 'string':
      return first.length <= STRING_MAX
        ? null
        : bad(`不能超过 ${STRING_MAX} 字`, `at most ${STRING_MAX} characters`);
    case 'text':
      return first.length <= TEXT_MAX
        ? null
        : bad(`不能超过 ${TEXT_MAX} 字`, `at most ${TEXT_MAX} characters`);
    case 'singlevaluelist':
      return keys.has(first) ? null : bad(`取值不在列表中：${first}`, `value not in the list: ${first}`);
    case 'multivaluelist': {
      const unknown = raw.filter((v) => !keys.has(v));
      if (unknown.length > 0) {
        return bad(`取值不在列表中：${unknown.join(',')}`, `values not in the list: ${unknown.join(',')}`);
      }
      return new Set(raw).size === raw.length ? null : bad('取值重复', 'repeated value');
    }
  }
}

function typedValue(def: ServiceAttribute, raw: string[]): AttributeValue {
  if (def.datatype === 'multivaluelist') return raw;
  if (def.datatype === 'number') return Number(raw[0]);
  return raw[0] as string;
}

/** Groups `attribute[CODE]=v` and `attribute[CODE][]=v` form pairs by code. */
export function attributePairs(pairs: readonly [string, string][]): Map<string, string[]> {
  const byCode = new Map<string, string[]>();
  for (const [key, value] of pairs) {
    const match = /^attribute\[([^\]]+)\](\[\])?$/.exec(key);
    if (!match?.[1]) continue;
    const list = byCode.get(match[1]) ?? [];
    list.push(value);
    byCode.set(match[1], list);
  }
  return byCode;
}
