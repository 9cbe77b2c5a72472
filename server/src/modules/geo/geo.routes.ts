import { z } from 'zod';
import { type App, type AppDeps, requireActor } from '../../platform/http/server-types.js';
import { locatePointOrThrow } from './geo.service.js';
import {
  createGrid,
  gridsToFeatureCollection,
  importGridsGeoJson,
  listGrids,
  MAX_IMPORT_FEATURES,
  updateGrid,
} from './grids.service.js';
import { createRegion, listRegions, updateRegion } from './regions.service.js';

const levelSchema = z.enum(['city', 'district', 'street', 'community']);
const aliasesSchema = z.array(z.string().max(64)).max(50);
// Geometry is checked in the service (closed rings, ranges) so that every problem gets the
// same bilingual 422 whether it arrives here, in an import or from the CLI.
const geometrySchema = z
  .object({ type: z.enum(['Polygon', 'MultiPolygon']), coordinates: z.array(z.unknown()) })
  .describe('GeoJSON Polygon or MultiPolygon, WGS-84 lng/lat');

const bboxSchema = z
  .string()
  .regex(/^\s*-?[0-9.]+\s*,\s*-?[0-9.]+\s*,\s*-?[0-9.]+\s*,\s*-?[0-9.]+\s*$/, 'minLng,minLat,maxLng,maxLat')
  .transform((value) => value.split(',').map(Number) as [number, number, number, number])
  .describe('minLng,minLat,maxLng,maxLat');

// Map layers ask for a viewport's worth of grids at once, hence a larger page than elsewhere.
const gridQuerySchema = z.object({
  page: z.coerce.number().int().min(1).default(1),
  pageSize: z.coerce.number().int().min(1).max(2000).default(100),
  districtId: z.uuid().optional(),
  bbox: bboxSchema.optional(),
  format: z.enum(['json', 'geojson']).default('json'),
});

const booleanQuery = z
  .enum(['true', 'false', '1', '0'])
  .transform((v) => v === 'true' || v === '1')
  .optional();

export function registerGeoRoutes(app: App, deps: AppDeps): void {
  app.get(
    '/api/regions',
    {
      schema: {
        tags: ['geo'],
        summary: '区域列表 / list regions (city, districts, streets, communities)',
        querystring: z.object({
          level: levelSchema.optional(),
          parentId: z.uuid().optional(),
          withBoundary: booleanQuery.describe('include GeoJSON boundaries (default false)'),
        }),
      },
    },
    async (request) => {
      const actor = requireActor(request);
      return { items: await listRegions(deps.db, actor.cityCode, request.query) };
    },
  );

  app.post(
    '/api/regions',
    {
      schema: {
        tags: ['geo'],
        summary: '新增区域 / create a region (admin)',
        body: z.object({
          code: z
            .string()
            .trim()
            .regex(/^[0-9]{6,12}$/),
          name: z.string().trim().min(1).max(64),
          level: levelSchema,
          parentId: z.uuid().nullable().optional(),
          aliases: aliasesSchema.optional(),
          boundary: geometrySchema.nullable().optional(),
        }),
      },
    },
    async (request, reply) => {
      const actor = requireActor(request, ['admin']);
      return reply.status(201).send(await createRegion(deps.db, actor, request.body));
    },
  );

  app.patch(
    '/api/regions/:id',
    {
      schema: {
        tags: ['geo'],
        summary: '修改区域 / update a region: name, aliases, boundary (admin)',
        params: z.object({ id: z.uuid() }),
        body: z.object({
          name: z.string().trim().min(1).max(64).optional(),
          aliases: aliasesSchema.optional(),
          boundary: geometrySchema.nullable().optional(),
        }),
      },
    },
    async (request) => {
      const actor = requireActor(request, ['admin']);
      return updateRegion(deps.db, actor, request.params.id, request.body);
    },
  );

  app.get(
    '/api/grids',
    {
      schema: {
        tags: ['geo'],
        summary: '单元网格 / list unit grids (format=geojson gives a FeatureCollection)',
        querystring: gridQuerySchema,
      },
    },
    async (request) => {
      const actor = requireActor(request);
      const { format, ...filter } = request.query;
      const page = await listGrids(deps.db, actor.cityCode, filter);
      return format === 'geojson' ? gridsToFeatureCollection(page) : page;
    },
  );

  app.post(
    '/api/grids',
    {
      schema: {
        tags: ['geo'],
        summary: '新增单元网格 / create a unit grid (admin)',
        body: z.object({
          code: z
            .string()
            .trim()
            .regex(/^[0-9]{15}$/),
          name: z.string().trim().max(64).nullable().optional(),
          areaClass: z.string().trim().min(1).max(16).optional(),
          boundary: geometrySchema,
        }),
      },
    },
    async (request, reply) => {
      const actor = requireActor(request, ['admin']);
      return reply.status(201).send(await createGrid(deps.db, actor, request.body));
    },
  );

  app.patch(
    '/api/grids/:id',
    {
      schema: {
        tags: ['geo'],
        summary: '修改单元网格 / update a unit grid: name, area class, boundary (admin)',
        params: z.object({ id: z.uuid() }),
        body: z.object({
          name: z.string().trim().max(64).nullable().optional(),
          areaClass: z.string().trim().min(1).max(16).optional(),
          boundary: geometrySchema.optional(),
        }),
      },
    },
    async (request) => {
      const actor = requireActor(request, ['admin']);
      return updateGrid(deps.db, actor, request.params.id, request.body);
    },
  );

  app.post(
    '/api/grids/import',
    {
      // A district's grids as GeoJSON run to several megabytes; the app-wide limit is 1 MB.
      bodyLimit: 32 * 1024 * 1024,
      schema: {
        tags: ['geo'],
        summary: '导入单元网格 / import unit grids from a GeoJSON FeatureCollection (admin)',
        description:
          'properties.code = 15-digit grid code (its first 12 digits an existing community); ' +
          'bad features are rejected one by one with reasons, the good ones are upserted by code.',
        body: z.object({
          type: z.literal('FeatureCollection'),
          features: z.array(z.unknown()).max(MAX_IMPORT_FEATURES),
        }),
      },
    },
    async (request) => {
      const actor = requireActor(request, ['admin']);
      return importGridsGeoJson(deps.db, actor, request.body);
    },
  );

  app.get(
    '/api/geo/locate',
    {
      schema: {
        tags: ['geo'],
        summary: '坐标定位网格 / which grid, community, street and district a WGS-84 point is in',
        querystring: z.object({
          lng: z.coerce.number().min(-180).max(180),
          lat: z.coerce.number().min(-90).max(90),
        }),
      },
    },
    async (request) => {
      const actor = requireActor(request);
      return locatePointOrThrow(deps.db, actor.cityCode, request.query.lng, request.query.lat);
    },
  );
}
