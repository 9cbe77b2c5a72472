// The bulletin as a neutral document: headings, paragraphs, tables and photos. Composed once
// (compose-bulletin.ts) and rendered three ways (Word, Excel, a web page), so the three always
// say the same thing.

export type Cell = string | number;

export interface TableColumn {
  header: string;
  /** Relative width; renderers scale the columns to the page. */
  width: number;
  align?: 'left' | 'center' | 'right';
}

export interface BulletinTable {
  type: 'table';
  /** Caption above the table, and the Excel sheet's title row. */
  title: string;
  /** Excel sheet name (≤ 31 characters, unique in the workbook). */
  sheet: string;
  columns: TableColumn[];
  rows: Cell[][];
  /** A closing row spanning the table (e.g. 月度考核结果). */
  footer?: { label: string; text: string };
}

export interface BulletinPhotoRef {
  storageKey: string;
  contentType: string;
  caption: string;
}

export type BulletinNode =
  | { type: 'title'; text: string }
  | { type: 'heading'; level: 1 | 2 | 3; text: string }
  | { type: 'paragraph'; text: string; align?: 'left' | 'right' | 'center' }
  | BulletinTable
  | { type: 'photo'; photo: BulletinPhotoRef };

export interface BulletinDocument {
  month: string;
  cityCode: string;
  title: string;
  asOf: string;
  nodes: BulletinNode[];
}

export const tablesOf = (doc: BulletinDocument): BulletinTable[] =>
  doc.nodes.filter((n): n is BulletinTable => n.type === 'table');
