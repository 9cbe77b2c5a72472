import { describe, expect, it } from 'vitest';
import { campaignExposure, exposureTime } from './campaign-exposure.js';

const zebra = {
  campaignId: 'c1',
  campaignName: '斑马线秩序持续监督行动',
  total: 5524,
  districts: [
    { districtId: 'd1', districtName: '东区', count: 2741 },
    { districtId: 'd2', districtName: '西区', count: 1500 },
    { districtId: 'd3', districtName: '仁和区', count: 1283 },
  ],
  bulletinTitle: '斑马线前不礼让行为曝光',
  bulletinClosing: '上述案件信息已推送媒体曝光，同时派遣至市交警支队依法查处。',
  rows: [{ time: new Date('2019-07-01T10:03:00Z'), place: '仁和区和苑路大河中学门前', plate: '川D87A22' }],
};

describe('campaignExposure', () => {
  it('words the seed’s section from the counts', () => {
    expect(campaignExposure(zebra)).toEqual({
      title: '斑马线前不礼让行为曝光',
      summary:
        '本月在斑马线秩序持续监督行动中，各区监督员共发现不文明现象5524件。其中，东区2741件，西区1500件，仁和区1283件。',
      rows: [{ time: '2019.7.1 18:03', place: '仁和区和苑路大河中学门前', plate: '川D87A22' }],
      closing: '上述案件信息已推送媒体曝光，同时派遣至市交警支队依法查处。',
    });
  });

  it('falls back to the campaign’s name and no closing', () => {
    const plain = campaignExposure({ ...zebra, bulletinTitle: null, bulletinClosing: null, rows: [] });
    expect(plain.title).toBe('斑马线秩序持续监督行动曝光');
    expect(plain.closing).toBe('');
    expect(plain.rows).toEqual([]);
  });

  it('prints Beijing time without leading zeros, minutes padded', () => {
    expect(exposureTime(new Date('2019-07-10T23:05:00Z'))).toBe('2019.7.11 7:05');
    expect(exposureTime(new Date('2019-07-31T15:59:00Z'))).toBe('2019.7.31 23:59');
  });
});
