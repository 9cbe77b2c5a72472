import { describe, expect, it } from 'vitest';
import { rectangle } from '../geo/index.js';
import { dayMapCollection } from './day-map.js';

const minute = 60_000;
const point = (m: number, lng: number) => ({ t: m * minute, lng, lat: 26.58, deviceId: 'PAD-1' });

describe('dayMapCollection', () => {
  it('cuts the track at silences longer than the gap and frames everything drawn', () => {
    const map = dayMapCollection({
      points: [point(0, 101.7), point(1, 101.701), point(30, 101.705), point(2, 101.702)],
      route: [
        [101.69, 26.58],
        [101.71, 26.58],
      ],
      grids: [
        {
          id: 'g1',
          code: '510402001001001',
          name: '第1网格',
          geometry: rectangle(101.7, 26.57, 101.72, 26.59),
        },
      ],
      gapMinutes: 10,
    });
    const track = map.features.find((f) => f.properties.layer === 'track');
    expect(track?.geometry).toEqual({
      type: 'MultiLineString',
      coordinates: [
        [
          [101.7, 26.58],
          [101.701, 26.58],
          [101.702, 26.58],
        ],
        // a lone position after a silence is kept as a zero-length line
        [
          [101.705, 26.58],
          [101.705, 26.58],
        ],
      ],
    });
    expect(track?.properties).toMatchObject({ points: 4, stretches: 2 });
    const end = map.features.find((f) => f.properties.layer === 'end');
    expect(end?.geometry.coordinates).toEqual([101.705, 26.58]);
    expect(map.bbox).toEqual([101.69, 26.57, 101.72, 26.59]);
  });

  it('draws nothing and frames nothing for an unassigned, silent day', () => {
    expect(dayMapCollection({ points: [], route: null, grids: [], gapMinutes: 10 })).toEqual({
      type: 'FeatureCollection',
      bbox: null,
      features: [],
    });
  });
});
