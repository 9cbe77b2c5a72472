// Personal data in free text (FixMyStreet #2644; its redaction once caught only the first phone
// number, PR #4106): every occurrence is replaced before text leaves for a public reader.

// 18-digit resident ID (GB 11643): 17 digits and a digit or X check character.
const ID_NUMBER =
  /(?<![0-9A-Za-z])[1-9]\d{5}(?:18|19|20)\d{2}(?:0[1-9]|1[0-2])(?:0[1-9]|[12]\d|3[01])\d{3}[\dXx](?![0-9A-Za-z])/g;
// Mobile numbers, optionally +86 and split by spaces or dashes (138 1234 5678, 138-1234-5678).
const MOBILE = /(?<!\d)(?:\+?86[\s-]?)?1[3-9]\d(?:[\s-]?\d{4}){2}(?!\d)/g;
// Landlines with an area code (0812-1234567, 0812 12345678, (0812)1234567).
const LANDLINE = /(?<!\d)(?:\(0\d{2,3}\)|0\d{2,3})[\s-]?\d{7,8}(?!\d)/g;
const EMAIL = /[A-Za-z0-9._%+-]+@[A-Za-z0-9.-]+\.[A-Za-z]{2,}/g;

export const REDACTED_ID = '[身份证号已隐去]';
export const REDACTED_PHONE = '[电话已隐去]';
export const REDACTED_EMAIL = '[邮箱已隐去]';

export function redactPersonal(text: string): string {
  return text
    .replace(ID_NUMBER, REDACTED_ID)
    .replace(EMAIL, REDACTED_EMAIL)
    .replace(MOBILE, REDACTED_PHONE)
    .replace(LANDLINE, REDACTED_PHONE);
}
