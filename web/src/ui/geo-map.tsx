import gcoord from 'gcoord';
import OlFeature, { type FeatureLike } from 'ol/Feature';
import GeoJSON from 'ol/format/GeoJSON';
import Point from 'ol/geom/Point';
import TileLayer from 'ol/layer/Tile';
import VectorLayer from 'ol/layer/Vector';
import OlMap from 'ol/Map';
import 'ol/ol.css';
import { fromLonLat, toLonLat, transformExtent } from 'ol/proj';
import VectorSource from 'ol/source/Vector';
import XYZ from 'ol/source/XYZ';
import { Circle, Fill, Icon, Stroke, Style, Text } from 'ol/style';
import View from 'ol/View';
import { type CSSProperties, useEffect, useRef } from 'react';

/** Base tiles are optional: set `window.CITYLOOP_TILE_URL` (an XYZ template) and, for 高德/腾讯 tiles, `window.CITYLOOP_TILE_CRS = 'gcj02'`. */
declare global {
  interface Window {
    CITYLOOP_TILE_URL?: string;
    CITYLOOP_TILE_CRS?: 'wgs84' | 'gcj02';
  }
}

function tileConfig(): { url: string; gcj02: boolean } | null {
  const url = window.CITYLOOP_TILE_URL ?? (import.meta.env.VITE_TILE_URL as string | undefined);
  if (!url) return null;
  const crs = window.CITYLOOP_TILE_CRS ?? (import.meta.env.VITE_TILE_CRS as string | undefined);
  return { url, gcj02: crs === 'gcj02' };
}

export interface MapPoint {
  id: string;
  lng: number;
  lat: number;
  color?: string;
  title?: string;
}

export interface AreaCollection {
  type: 'FeatureCollection';
  features: unknown[];
}

export interface GeoMapProps {
  points?: MapPoint[];
  areas?: AreaCollection;
  /** Draws the points as a heat layer (blurred blobs) instead of markers. */
  heat?: boolean;
  /** The picked position (a pin), e.g. where a report is. */
  pin?: { lng: number; lat: number } | null;
  /** Tap or click to choose a position (WGS-84). */
  onPick?: (lng: number, lat: number) => void;
  onPointClick?: (id: string) => void;
  /** Initial view as minLng,minLat,maxLng,maxLat (WGS-84); defaults to what is drawn. */
  extent?: [number, number, number, number];
  /** Called with the visible WGS-84 bbox after the view settles (to load grids for it). */
  onViewChange?: (bbox: [number, number, number, number], zoom: number) => void;
  style?: CSSProperties;
  label: string;
  dark?: boolean;
}

type Converter = (lngLat: [number, number]) => [number, number];
const identity: Converter = (p) => p;
const toGcj: Converter = (p) => gcoord.transform(p, gcoord.WGS84, gcoord.GCJ02) as [number, number];
const fromGcj: Converter = (p) => gcoord.transform(p, gcoord.GCJ02, gcoord.WGS84) as [number, number];

let heatImage: HTMLCanvasElement | null = null;
function heatBlob(): HTMLCanvasElement {
  if (heatImage) return heatImage;
  const size = 64;
  const canvas = document.createElement('canvas');
  canvas.width = size;
  canvas.height = size;
  const ctx = canvas.getContext('2d');
  if (ctx) {
    const g = ctx.createRadialGradient(size / 2, size / 2, 0, size / 2, size / 2, size / 2);
    g.addColorStop(0, 'rgba(255,40,0,0.55)');
    g.addColorStop(0.4, 'rgba(255,160,0,0.30)');
    g.addColorStop(1, 'rgba(255,220,0,0)');
    ctx.fillStyle = g;
    ctx.fillRect(0, 0, size, size);
  }
  heatImage = canvas;
  return canvas;
}

const styleCache = new Map<string, Style>();
function pointStyle(color: string): Style {
  let style = styleCache.get(color);
  if (!style) {
    style = new Style({
      image: new Circle({
        radius: 6,
        fill: new Fill({ color }),
        stroke: new Stroke({ color: '#fff', width: 2 }),
      }),
    });
    styleCache.set(color, style);
  }
  return style;
}

const ownStyles = new Map<string, Style>();
/**
 * A feature of `areas` may bring its own look in its properties — `stroke` (colour),
 * `strokeWidth`, `lineDash` (array), `fill` — e.g. a track drawn over grids; others get the default.
 */
function ownStyle(feature: FeatureLike): Style | null {
  const stroke = feature.get('stroke') as string | undefined;
  if (!stroke) return null;
  const width = (feature.get('strokeWidth') as number | undefined) ?? 2;
  const dash = feature.get('lineDash') as number[] | undefined;
  const fill = feature.get('fill') as string | undefined;
  const key = `${stroke}|${width}|${dash?.join(',') ?? ''}|${fill ?? ''}`;
  let style = ownStyles.get(key);
  if (!style) {
    style = new Style({
      stroke: new Stroke({ color: stroke, width, lineDash: dash }),
      fill: fill ? new Fill({ color: fill }) : undefined,
    });
    ownStyles.set(key, style);
  }
  return style;
}

/** An OpenLayers map of our own GeoJSON (grids, case points) over optional base tiles. */
export function GeoMap(props: GeoMapProps) {
  const host = useRef<HTMLDivElement>(null);
  const map = useRef<OlMap | null>(null);
  const layers = useRef<{
    areas: VectorSource;
    points: VectorSource;
    pin: VectorSource;
    pointLayer: VectorLayer;
  } | null>(null);
  const convert = useRef<{ to: Converter; from: Converter }>({ to: identity, from: identity });
  const latest = useRef(props);
  latest.current = props;
  const fitted = useRef(false);

  useEffect(() => {
    if (!host.current) return;
    const tiles = tileConfig();
    convert.current = tiles?.gcj02 ? { to: toGcj, from: fromGcj } : { to: identity, from: identity };
    const areas = new VectorSource();
    const points = new VectorSource();
    const pin = new VectorSource();
    const dark = latest.current.dark;
    const areaStyle = new Style({
      stroke: new Stroke({ color: dark ? 'rgba(120,200,255,0.55)' : 'rgba(11,92,173,0.55)', width: 1 }),
      fill: new Fill({ color: dark ? 'rgba(40,120,200,0.10)' : 'rgba(11,92,173,0.05)' }),
    });
    const heatStyle = new Style({ image: new Icon({ img: heatBlob(), width: 64, height: 64 }) });
    const pointLayer: VectorLayer = new VectorLayer({
      source: points,
      style: (feature) =>
        pointLayer.get('heat') ? heatStyle : pointStyle((feature.get('color') as string) ?? '#1677ff'),
    });
    const instance = new OlMap({
      target: host.current,
      controls: [],
      layers: [
        ...(tiles ? [new TileLayer({ source: new XYZ({ url: tiles.url, crossOrigin: 'anonymous' }) })] : []),
        new VectorLayer({ source: areas, style: (feature) => ownStyle(feature) ?? areaStyle }),
        pointLayer,
        new VectorLayer({
          source: pin,
          style: new Style({
            image: new Circle({
              radius: 9,
              fill: new Fill({ color: '#f5222d' }),
              stroke: new Stroke({ color: '#fff', width: 3 }),
            }),
            text: new Text({ text: '上报位置', offsetY: -20, font: '12px sans-serif' }),
          }),
        }),
      ],
      view: new View({ center: fromLonLat(convert.current.to([101.718, 26.58])), zoom: 12, maxZoom: 20 }),
    });
    instance.on('singleclick', (event) => {
      const hit = instance.forEachFeatureAtPixel(event.pixel, (f) => f, {
        layerFilter: (layer) => layer.getSource() === points,
      });
      const id = hit?.get('pointId') as string | undefined;
      if (id && latest.current.onPointClick) {
        latest.current.onPointClick(id);
        return;
      }
      if (latest.current.onPick) {
        const [lng, lat] = convert.current.from(toLonLat(event.coordinate) as [number, number]);
        latest.current.onPick(Number(lng.toFixed(6)), Number(lat.toFixed(6)));
      }
    });
    const reportView = () => {
      const view = instance.getView();
      const size = instance.getSize();
      if (!size || !latest.current.onViewChange) return;
      const extent = transformExtent(view.calculateExtent(size), 'EPSG:3857', 'EPSG:4326');
      const [a, b] = convert.current.from([extent[0] ?? 0, extent[1] ?? 0]);
      const [c, d] = convert.current.from([extent[2] ?? 0, extent[3] ?? 0]);
      latest.current.onViewChange([a, b, c, d], view.getZoom() ?? 12);
    };
    instance.on('moveend', reportView);
    // OpenLayers fires no moveend for the first frame: report the view it opens on too.
    instance.once('rendercomplete', reportView);
    map.current = instance;
    layers.current = { areas, points, pin, pointLayer };
    return () => {
      instance.setTarget(undefined);
      map.current = null;
      layers.current = null;
    };
  }, []);

  const { areas, points, pin, extent, heat } = props;

  useEffect(() => {
    const source = layers.current?.areas;
    if (!source) return;
    source.clear();
    if (!areas) return;
    const format = new GeoJSON({ featureProjection: 'EPSG:3857' });
    const to = convert.current.to;
    const converted =
      to === identity
        ? areas
        : (gcoord.transform(structuredClone(areas) as never, gcoord.WGS84, gcoord.GCJ02) as AreaCollection);
    source.addFeatures(format.readFeatures(converted));
  }, [areas]);

  useEffect(() => {
    const source = layers.current?.points;
    if (!source) return;
    source.clear();
    source.addFeatures(
      (points ?? []).map((p) => {
        const f = new OlFeature(new Point(fromLonLat(convert.current.to([p.lng, p.lat]))));
        f.set('pointId', p.id);
        f.set('color', p.color);
        return f;
      }),
    );
  }, [points]);

  useEffect(() => {
    const layer = layers.current?.pointLayer;
    if (!layer) return;
    layer.set('heat', Boolean(heat));
    layer.changed();
  }, [heat]);

  useEffect(() => {
    const source = layers.current?.pin;
    if (!source) return;
    source.clear();
    if (pin) source.addFeature(new OlFeature(new Point(fromLonLat(convert.current.to([pin.lng, pin.lat])))));
  }, [pin]);

  // Frame the map once: on the given extent, else on the pin, else on what is drawn.
  useEffect(() => {
    const instance = map.current;
    if (!instance || fitted.current) return;
    const view = instance.getView();
    if (extent) {
      const [a, b] = convert.current.to([extent[0], extent[1]]);
      const [c, d] = convert.current.to([extent[2], extent[3]]);
      view.fit(transformExtent([a, b, c, d], 'EPSG:4326', 'EPSG:3857'), { padding: [20, 20, 20, 20] });
      fitted.current = true;
    } else if (pin) {
      view.setCenter(fromLonLat(convert.current.to([pin.lng, pin.lat])));
      view.setZoom(16);
      fitted.current = true;
    } else if (points && points.length > 0) {
      const source = layers.current?.points;
      const drawn = source && !source.isEmpty() ? source.getExtent() : null;
      if (drawn) {
        view.fit(drawn, { padding: [30, 30, 30, 30], maxZoom: 16 });
        fitted.current = true;
      }
    }
  }, [extent, pin, points]);

  return (
    <div
      ref={host}
      className={props.dark ? 'geo-map geo-map--dark' : 'geo-map'}
      role="img"
      aria-label={props.label}
      style={{ width: '100%', height: 300, ...props.style }}
    />
  );
}
