import { Space, Typography } from 'antd';
import { useMemo } from 'react';
import { formatTime } from '../../platform/time';
import { type AreaCollection, GeoMap, type MapPoint } from '../../ui/geo-map';
import type { BBox, DayMap } from './field-api';

// The day on the map: duty grids, the assigned route (dashed green), the track (red, cut at
// signal gaps) and its first and last positions.

const looks = {
  grid: { stroke: 'rgba(11,92,173,0.8)', strokeWidth: 1.5, fill: 'rgba(11,92,173,0.08)' },
  route: { stroke: '#52c41a', strokeWidth: 4, lineDash: [10, 6] },
  track: { stroke: '#f5222d', strokeWidth: 3 },
} as const;

/** At least ~200 m across, so one point or a short walk is not drawn at maximum zoom. */
function framed(bbox: BBox | null): BBox | undefined {
  if (!bbox) return undefined;
  const pad = 0.001;
  return [bbox[0] - pad, bbox[1] - pad, bbox[2] + pad, bbox[3] + pad];
}

export function DayTrackMap({ map, height = 420 }: { map: DayMap; height?: number }) {
  const { areas, points, summary } = useMemo(() => {
    const styled = map.features
      .filter(
        (f) =>
          f.properties.layer === 'grid' || f.properties.layer === 'route' || f.properties.layer === 'track',
      )
      .map((f) => ({
        ...f,
        properties: { ...f.properties, ...looks[f.properties.layer as keyof typeof looks] },
      }));
    const ends: MapPoint[] = [];
    let track: { points: number; stretches: number; devices: string[] } | null = null;
    let start: string | null = null;
    let end: string | null = null;
    for (const f of map.features) {
      if (f.properties.layer === 'start' || f.properties.layer === 'end') {
        const [lng, lat] = (f.geometry as { coordinates: [number, number] }).coordinates;
        const isStart = f.properties.layer === 'start';
        ends.push({ id: f.properties.layer, lng, lat, color: isStart ? '#389e0d' : '#cf1322' });
        if (isStart) start = f.properties.at;
        else end = f.properties.at;
      }
      if (f.properties.layer === 'track') track = f.properties;
    }
    return {
      areas: { type: 'FeatureCollection', features: styled } as AreaCollection,
      points: ends,
      summary: {
        track,
        start,
        end,
        grids: map.features.filter((f) => f.properties.layer === 'grid').length,
        route: map.features.some((f) => f.properties.layer === 'route'),
      },
    };
  }, [map]);
  return (
    <div>
      <GeoMap
        label="监督员当日轨迹地图"
        areas={areas}
        points={points}
        extent={framed(map.bbox)}
        style={{ height }}
      />
      <Space wrap size={[16, 4]} style={{ marginTop: 8 }} data-testid="track-legend">
        <Typography.Text>
          <span style={{ color: looks.track.stroke, fontWeight: 700 }}>━</span>{' '}
          {summary.track
            ? `轨迹 ${summary.track.points} 个定位点${summary.track.stretches > 1 ? `（${summary.track.stretches} 段）` : ''}`
            : '当日没有轨迹'}
        </Typography.Text>
        <Typography.Text>
          <span style={{ color: looks.route.stroke, fontWeight: 700 }}>┅</span>{' '}
          {summary.route ? '巡查路线' : '未设巡查路线'}
        </Typography.Text>
        <Typography.Text>
          <span style={{ color: looks.grid.stroke }}>▭</span> 责任网格 {summary.grids} 个
        </Typography.Text>
        {summary.start ? (
          <Typography.Text type="secondary">
            <span style={{ color: '#389e0d' }}>●</span> 起 {formatTime(summary.start, 'HH:mm:ss')}{' '}
            <span style={{ color: '#cf1322' }}>●</span> 止 {formatTime(summary.end, 'HH:mm:ss')}
          </Typography.Text>
        ) : null}
      </Space>
    </div>
  );
}
