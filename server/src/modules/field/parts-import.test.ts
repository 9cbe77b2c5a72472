import { describe, expect, it } from 'vitest';
import { isRejection, parseCsv, readPartsCsv, readPartsGeoJson } from './parts-import.js';

describe('parts files', () => {
  it('parses quoted CSV cells', () => {
    expect(parseCsv('a,b\r\n"x, y","say ""hi"""\n')).toEqual([
      ['a', 'b'],
      ['x, y', 'say "hi"'],
    ]);
  });

  it('reads CSV rows with Chinese headers and rejects unreadable ones with a reason', () => {
    const csv = [
      '部件标识码,部件名称,状态,经度,纬度,养护单位',
      '5104020101000001,上水井盖,完好,101.72,26.58,市水务集团',
      '51040201010001,短码,完好,101.72,26.58,',
      '5104020101000002,无坐标,破损,,,',
      '5104020101000003,怪状态,坏了,101.72,26.58,',
    ].join('\n');
    const rows = readPartsCsv(csv);
    expect(rows[0]).toMatchObject({
      code: '5104020101000001',
      categoryCode: '0101',
      status: 'intact',
      maintainerUnit: '市水务集团',
    });
    expect(rows.slice(1).map((r) => (isRejection(r) ? r.reason : null))).toEqual([
      'bad_id',
      'bad_position',
      'bad_status',
    ]);
  });

  it('reads GeoJSON points with legacy property names', () => {
    const rows = readPartsGeoJson({
      type: 'FeatureCollection',
      features: [
        {
          type: 'Feature',
          geometry: { type: 'Point', coordinates: [101.7, 26.5] },
          properties: { ObjID: '5104020118000001', ObjState: '破损' },
        },
        {
          type: 'Feature',
          geometry: { type: 'LineString', coordinates: [] },
          properties: { ObjID: '5104020118000002' },
        },
      ],
    });
    expect(rows[0]).toMatchObject({
      code: '5104020118000001',
      categoryCode: '0118',
      status: 'damaged',
      lng: 101.7,
    });
    expect(rows[1]).toMatchObject({ reason: 'bad_position' });
  });
});
