import type { Workbook } from 'exceljs';

/**
 * A new Excel workbook signed by CityLoop. exceljs is loaded on the first export, not at start:
 * most server processes never write a workbook, and the library is ~25 MB of the resident
 * memory that the intake benchmark holds to 300 MB.
 */
export async function newWorkbook(): Promise<Workbook> {
  const { default: ExcelJS } = await import('exceljs');
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'CityLoop';
  return workbook;
}
