import { newWorkbook } from '../../platform/files/workbook.js';
import { type BulletinDocument, tablesOf } from './bulletin-document.js';

// Excel rendering: a first sheet with the bulletin's text, then one sheet per table.

const FONT = { name: '宋体', size: 11 };

function sheetName(wanted: string, used: Set<string>): string {
  const clean = wanted.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31) || 'Sheet';
  let name = clean;
  for (let i = 2; used.has(name); i++) name = `${clean.slice(0, 28)}(${i})`;
  used.add(name);
  return name;
}

export async function renderXlsx(doc: BulletinDocument): Promise<Buffer> {
  const workbook = await newWorkbook();
  const used = new Set<string>();
  const text = workbook.addWorksheet(sheetName('简报正文', used));
  text.getColumn(1).width = 120;
  text.addRow([doc.title]).font = { ...FONT, bold: true, size: 14 };
  for (const node of doc.nodes) {
    if (node.type === 'heading') text.addRow([node.text]).font = { ...FONT, bold: true };
    else if (node.type === 'paragraph') {
      const row = text.addRow([node.text]);
      row.font = FONT;
      row.alignment = { wrapText: true, vertical: 'top' };
    } else if (node.type === 'table') text.addRow([`〔见工作表：${node.sheet}〕${node.title}`]).font = FONT;
  }
  for (const table of tablesOf(doc)) {
    const sheet = workbook.addWorksheet(sheetName(table.sheet, used), {
      pageSetup: { paperSize: 9, orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 },
    });
    sheet.addRow([table.title]).font = { ...FONT, bold: true, size: 13 };
    if (table.columns.length > 1) sheet.mergeCells(1, 1, 1, table.columns.length);
    const header = sheet.addRow(table.columns.map((c) => c.header));
    header.font = { ...FONT, bold: true };
    table.columns.forEach((c, i) => {
      sheet.getColumn(i + 1).width = Math.max(8, Math.round(c.width * 10));
    });
    for (const r of table.rows) {
      const row = sheet.addRow(r);
      row.font = FONT;
      row.alignment = { wrapText: true, vertical: 'top' };
    }
    if (table.footer) {
      const row = sheet.addRow([table.footer.label, table.footer.text]);
      row.font = { ...FONT, bold: true };
    }
  }
  return Buffer.from(await workbook.xlsx.writeBuffer());
}
