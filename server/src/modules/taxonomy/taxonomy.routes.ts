import { z } from 'zod';
import { type App, type AppDeps, requireActor } from '../../platform/http/server-types.js';
import {
  type CategoryCreateInput,
  type CategoryPatchInput,
  categoryCreateBodySchema,
  categoryListQuerySchema,
  categoryPatchBodySchema,
  categoryResponseSchema,
  categoryTreeResponseSchema,
} from './category-schemas.js';
import {
  createCategory,
  getCategory,
  listCategories,
  listCategoryTree,
  updateCategory,
} from './taxonomy.service.js';

const idParams = z.object({ id: z.uuid() });

export function registerTaxonomyRoutes(app: App, deps: AppDeps): void {
  app.get(
    '/api/categories',
    {
      schema: {
        tags: ['taxonomy'],
        summary: '案件类别字典 / category dictionary (flat, or tree=1 for kind → major → minors)',
        querystring: categoryListQuerySchema,
        response: {
          200: z.union([z.object({ items: z.array(categoryResponseSchema) }), categoryTreeResponseSchema]),
        },
      },
    },
    async (request) => {
      // Every role reports or handles cases, so every logged-in user may read the dictionary.
      const actor = requireActor(request);
      const { tree, ...filter } = request.query;
      if (tree) return { tree: await listCategoryTree(deps.db, actor.cityCode, filter) };
      return { items: await listCategories(deps.db, actor.cityCode, filter) };
    },
  );

  app.get(
    '/api/categories/:id',
    {
      schema: {
        tags: ['taxonomy'],
        summary: '案件类别详情 / one category',
        params: idParams,
        response: { 200: categoryResponseSchema },
      },
    },
    async (request) => {
      const actor = requireActor(request);
      return getCategory(deps.db, actor.cityCode, request.params.id);
    },
  );

  // The route schemas only describe the body; the service validates it fully and answers
  // 422 in both languages, the same as for a CLI caller. Hence the casts below.
  app.post(
    '/api/categories',
    {
      schema: {
        tags: ['taxonomy'],
        summary: '新增案件类别 / add a category (admin)',
        body: categoryCreateBodySchema,
        response: { 201: categoryResponseSchema },
      },
    },
    async (request, reply) => {
      const actor = requireActor(request, ['admin']);
      const row = await createCategory(deps.db, actor, request.body as CategoryCreateInput);
      return reply.status(201).send(row);
    },
  );

  app.patch(
    '/api/categories/:id',
    {
      schema: {
        tags: ['taxonomy'],
        summary: '修改案件类别（名称、立结案标准、默认单位、时限、启用） / edit a category (admin)',
        params: idParams,
        body: categoryPatchBodySchema,
        response: { 200: categoryResponseSchema },
      },
    },
    async (request) => {
      const actor = requireActor(request, ['admin']);
      return updateCategory(deps.db, actor, request.params.id, request.body as CategoryPatchInput);
    },
  );
}
