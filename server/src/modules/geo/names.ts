// Names typed by people (and copied from Word tables) carry stray spaces: the seed's assessment
// table writes "东  区" for 东区, and full-width spaces (U+3000) are common in Chinese documents.
// Lookups compare names with every kind of whitespace removed.

// JavaScript's \s already covers U+00A0, U+1680, U+2000–U+200A, U+2028/9, U+202F, U+205F,
// U+3000 and U+FEFF; the zero-width space U+200B is added by hand.
const WHITESPACE_JS = /[\s\u200b]/gu;

/** The same set as a PostgreSQL regular expression (bracket expression, literal characters). */
export const WHITESPACE_PG_CLASS = '[[:space:]\u00a0\u1680\u2000-\u200b\u2028\u2029\u202f\u205f\u3000\ufeff]';

/** A name with all whitespace (ASCII, full-width, no-break, zero-width) removed. */
export function normaliseName(name: string): string {
  return name.replace(WHITESPACE_JS, '');
}

/** Trims, drops empty and duplicate (after normalising) entries, keeps the first spelling. */
export function cleanAliases(aliases: readonly string[], exclude: readonly string[] = []): string[] {
  const seen = new Set(exclude.map(normaliseName));
  const out: string[] = [];
  for (const alias of aliases) {
    const trimmed = alias.trim();
    const key = normaliseName(trimmed);
    if (!key || seen.has(key)) continue;
    seen.add(key);
    out.push(trimmed);
  }
  return out;
}
