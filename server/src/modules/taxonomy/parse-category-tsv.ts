// Parses the reference category table (categories.tsv layout: one row per minor category).
// Pure: text in, rows out; the caller decides where the text comes from.

export interface CategoryTsvRow {
  scheme: string;
  kind: 'event' | 'part';
  majorCode: string;
  majorZh: string;
  majorEn: string;
  /** Major + minor ("0102"); the legacy scheme uses 4 digits, GB/T 47678.5-2026 uses 5. */
  code: string;
  nameZh: string;
  glossEn: string;
  /** 1-based line in the source, for error messages further down the line. */
  line: number;
}

export class CategoryTsvError extends Error {
  readonly line: number;

  constructor(line: number, message: string) {
    super(`categories TSV line ${line}: ${message}`);
    this.name = 'CategoryTsvError';
    this.line = line;
  }
}

const COLUMNS = [
  'scheme',
  'kind',
  'major_code',
  'major_zh',
  'major_en',
  'code',
  'name_zh',
  'gloss_en',
] as const;

export interface ParseCategoryTsvOptions {
  /** Keep only rows of this scheme (the shared file mixes generations). */
  scheme?: string;
}

/**
 * Reads the TSV strictly: the header must name the expected columns (in any order), codes
 * must be digits beginning with their major code, (scheme, kind, code) must be unique and a
 * major must have one name. A wrong dictionary is worse than none, so any of these throws.
 */
export function parseCategoryTsv(text: string, options: ParseCategoryTsvOptions = {}): CategoryTsvRow[] {
  // Accept files saved on Windows (the shared reference file has CRLF) and with a BOM.
  const lines = text.replace(/^\uFEFF/, '').split(/\r?\n/);
  const header = lines[0]?.split('\t').map((h) => h.trim()) ?? [];
  const index = new Map<string, number>();
  for (const column of COLUMNS) {
    const at = header.indexOf(column);
    if (at < 0) throw new CategoryTsvError(1, `missing column "${column}"`);
    index.set(column, at);
  }
  const cell = (cells: string[], column: (typeof COLUMNS)[number]) =>
    (cells[index.get(column) ?? -1] ?? '').trim();

  const rows: CategoryTsvRow[] = [];
  const seenCodes = new Set<string>();
  const majorNames = new Map<string, string>();
  for (let i = 1; i < lines.length; i++) {
    const raw = lines[i] ?? '';
    if (raw.trim() === '') continue;
    const line = i + 1;
    const cells = raw.split('\t');
    const scheme = cell(cells, 'scheme');
    if (options.scheme !== undefined && scheme !== options.scheme) continue;

    const kind = cell(cells, 'kind');
    if (kind !== 'event' && kind !== 'part')
      throw new CategoryTsvError(line, `kind must be event or part, got "${kind}"`);
    const majorCode = cell(cells, 'major_code');
    if (!/^[0-9]{2}$/.test(majorCode))
      throw new CategoryTsvError(line, `major_code must be 2 digits, got "${majorCode}"`);
    const code = cell(cells, 'code');
    if (!/^[0-9]{4,5}$/.test(code) || !code.startsWith(majorCode)) {
      throw new CategoryTsvError(line, `code "${code}" must be 4–5 digits starting with major ${majorCode}`);
    }
    const nameZh = cell(cells, 'name_zh');
    const majorZh = cell(cells, 'major_zh');
    if (!nameZh || !majorZh) throw new CategoryTsvError(line, 'name_zh and major_zh must not be empty');

    const codeKey = `${scheme}|${kind}|${code}`;
    if (seenCodes.has(codeKey))
      throw new CategoryTsvError(line, `duplicate ${kind} code ${code} in ${scheme}`);
    seenCodes.add(codeKey);
    const majorKey = `${scheme}|${kind}|${majorCode}`;
    const knownMajor = majorNames.get(majorKey);
    if (knownMajor !== undefined && knownMajor !== majorZh) {
      throw new CategoryTsvError(
        line,
        `major ${kind} ${majorCode} is "${knownMajor}" above but "${majorZh}" here`,
      );
    }
    majorNames.set(majorKey, majorZh);

    rows.push({
      scheme,
      kind,
      majorCode,
      majorZh,
      majorEn: cell(cells, 'major_en'),
      code,
      nameZh,
      glossEn: cell(cells, 'gloss_en'),
      line,
    });
  }
  return rows;
}
