import {
  AlignmentType,
  BorderStyle,
  Document,
  HeadingLevel,
  ImageRun,
  Packer,
  PageOrientation,
  Paragraph,
  Table,
  TableCell,
  TableLayoutType,
  TableRow,
  TextRun,
  WidthType,
} from 'docx';
import type { BulletinDocument, BulletinNode, BulletinTable } from './bulletin-document.js';
import { imageSize } from './image-size.js';

// Word rendering. Chinese text needs an East-Asian font on every run (Word otherwise falls back
// to a Latin font and some viewers show boxes); tables are laid out fixed at the A4 text width.

const EAST_ASIA = '宋体';
const HEADING_FONT = '黑体';
const LATIN = 'Times New Roman';
/** A4 is 11906 twips wide; with 2 cm (1134 twips) margins the text is 9638 twips wide. */
const TEXT_WIDTH = 9638;
const MARGIN = 1134;

const font = (eastAsia: string) => ({ ascii: LATIN, hAnsi: LATIN, eastAsia, cs: LATIN });
const run = (text: string, options: { bold?: boolean; size?: number; heading?: boolean } = {}) =>
  new TextRun({
    text,
    bold: options.bold,
    size: options.size,
    font: font(options.heading ? HEADING_FONT : EAST_ASIA),
  });

const align = { left: AlignmentType.LEFT, center: AlignmentType.CENTER, right: AlignmentType.RIGHT } as const;

function tableOf(table: BulletinTable): Table {
  const totalWeight = table.columns.reduce((s, c) => s + c.width, 0);
  const widths = table.columns.map((c) => Math.floor((c.width / totalWeight) * TEXT_WIDTH));
  const cell = (
    text: string,
    width: number,
    options: { bold?: boolean; align?: 'left' | 'center' | 'right'; span?: number } = {},
  ) =>
    new TableCell({
      width: { size: width, type: WidthType.DXA },
      columnSpan: options.span,
      children: [
        new Paragraph({
          alignment: align[options.align ?? 'left'],
          children: [run(text, { bold: options.bold, size: 18 })],
        }),
      ],
    });
  const rows = [
    new TableRow({
      tableHeader: true,
      children: table.columns.map((c, i) => cell(c.header, widths[i] ?? 0, { bold: true, align: 'center' })),
    }),
    ...table.rows.map(
      (r) =>
        new TableRow({
          cantSplit: true,
          children: table.columns.map((c, i) => cell(String(r[i] ?? ''), widths[i] ?? 0, { align: c.align })),
        }),
    ),
  ];
  if (table.footer) {
    const first = widths[0] ?? 0;
    rows.push(
      new TableRow({
        children: [
          cell(table.footer.label, first + (widths[1] ?? 0), {
            bold: true,
            span: table.columns.length > 1 ? 2 : 1,
          }),
          ...(table.columns.length > 2
            ? [
                cell(table.footer.text, TEXT_WIDTH - first - (widths[1] ?? 0), {
                  span: table.columns.length - 2,
                }),
              ]
            : []),
        ],
      }),
    );
  }
  const border = { style: BorderStyle.SINGLE, size: 4, color: '000000' };
  return new Table({
    width: { size: TEXT_WIDTH, type: WidthType.DXA },
    columnWidths: widths,
    layout: TableLayoutType.FIXED,
    borders: {
      top: border,
      bottom: border,
      left: border,
      right: border,
      insideHorizontal: border,
      insideVertical: border,
    },
    rows,
  });
}

const headingLevels = {
  1: HeadingLevel.HEADING_1,
  2: HeadingLevel.HEADING_2,
  3: HeadingLevel.HEADING_3,
} as const;
const headingSizes = { 1: 32, 2: 28, 3: 24 } as const;

function nodeToDocx(node: BulletinNode, photos: Map<string, Buffer>): (Paragraph | Table)[] {
  switch (node.type) {
    case 'title':
      return [
        new Paragraph({
          alignment: AlignmentType.CENTER,
          spacing: { after: 240 },
          children: [run(node.text, { bold: true, size: 36, heading: true })],
        }),
      ];
    case 'heading':
      return [
        new Paragraph({
          heading: headingLevels[node.level],
          alignment: node.level === 1 ? AlignmentType.CENTER : AlignmentType.LEFT,
          spacing: { before: 240, after: 120 },
          children: [run(node.text, { bold: true, size: headingSizes[node.level], heading: true })],
        }),
      ];
    case 'paragraph':
      return [
        new Paragraph({
          alignment: align[node.align ?? 'left'],
          indent: node.align ? undefined : { firstLine: 480 },
          spacing: { after: 120, line: 360 },
          children: [run(node.text, { size: 24 })],
        }),
      ];
    case 'table':
      return [
        new Paragraph({
          alignment: AlignmentType.CENTER,
          spacing: { before: 240, after: 120 },
          children: [run(node.title, { bold: true, size: 24, heading: true })],
        }),
        tableOf(node),
        new Paragraph({ children: [] }),
      ];
    case 'photo': {
      const bytes = photos.get(node.photo.storageKey);
      const size = bytes ? imageSize(bytes) : null;
      const type =
        node.photo.contentType === 'image/png'
          ? 'png'
          : node.photo.contentType === 'image/jpeg'
            ? 'jpg'
            : null;
      // Word cannot embed WebP: the caption stands in for such a photo.
      if (!bytes || !size || !type) {
        return node.photo.caption
          ? [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [run(`〔图〕${node.photo.caption}`)],
              }),
            ]
          : [];
      }
      const width = Math.min(480, size.width);
      const height = Math.round((size.height / size.width) * width);
      return [
        new Paragraph({
          alignment: AlignmentType.CENTER,
          children: [new ImageRun({ type, data: bytes, transformation: { width, height } })],
        }),
        ...(node.photo.caption
          ? [
              new Paragraph({
                alignment: AlignmentType.CENTER,
                children: [run(node.photo.caption, { size: 20 })],
              }),
            ]
          : []),
      ];
    }
  }
}

export async function renderDocx(doc: BulletinDocument, photos: Map<string, Buffer>): Promise<Buffer> {
  const document = new Document({
    creator: 'CityLoop',
    title: doc.title,
    styles: {
      default: {
        document: { run: { font: font(EAST_ASIA), size: 24 } },
      },
    },
    sections: [
      {
        properties: {
          page: {
            size: { width: 11906, height: 16838, orientation: PageOrientation.PORTRAIT },
            margin: { top: 1440, bottom: 1440, left: MARGIN, right: MARGIN },
          },
        },
        children: [
          ...nodeToDocx({ type: 'title', text: doc.title }, photos),
          ...doc.nodes.flatMap((n) => nodeToDocx(n, photos)),
        ],
      },
    ],
  });
  return Packer.toBuffer(document);
}
