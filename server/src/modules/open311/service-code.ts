import type { CaseKind } from '@cityloop/contracts/cases';

// Event and part codes overlap (0101 is both 私搭乱建 and 上水井盖), so an Open311 service code
// carries the kind's letter, as case numbers do: E0102 = event 暴露垃圾, C0101 = part 上水井盖.
const SERVICE_CODE = /^([EC])([0-9]{4})$/;

export function formatServiceCode(kind: CaseKind, code: string): string {
  return `${kind === 'event' ? 'E' : 'C'}${code}`;
}

export function parseServiceCode(serviceCode: string): { kind: CaseKind; code: string } | null {
  const match = SERVICE_CODE.exec(serviceCode);
  if (!match?.[2]) return null;
  return { kind: match[1] === 'E' ? 'event' : 'part', code: match[2] };
}
