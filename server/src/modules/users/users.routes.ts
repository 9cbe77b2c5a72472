import { pageQuerySchema } from '@cityloop/contracts/pagination';
import { roleSchema } from '@cityloop/contracts/roles';
import type { FastifyRequest } from 'fastify';
import { z } from 'zod';
import { type App, type AppDeps, requireActor } from '../../platform/http/server-types.js';
import {
  createUser,
  getUserProfile,
  listUsers,
  login,
  logout,
  resolveSession,
  updateUser,
} from './users.service.js';

const SESSION_COOKIE = 'cityloop_session';

function tokenOf(request: FastifyRequest): string | null {
  const header = request.headers.authorization;
  if (header?.startsWith('Bearer ')) return header.slice(7);
  return request.cookies[SESSION_COOKIE] ?? null;
}

const userSchema = z.object({
  id: z.string(),
  login: z.string(),
  displayName: z.string(),
  role: roleSchema,
  cityCode: z.string(),
  unitId: z.string().nullable(),
  regionId: z.string().nullable(),
});

const passwordField = z.string().min(1).max(128);

/** Resolves the session of every request into `request.actor` (null when anonymous). */
export function registerAuthHook(app: App, deps: AppDeps): void {
  app.addHook('onRequest', async (request) => {
    const token = tokenOf(request);
    if (!token) return;
    const actor = await resolveSession(deps.db, deps.config, deps.now(), token);
    if (actor) request.actor = { ...actor, ip: request.ip };
  });
}

export function registerUserRoutes(app: App, deps: AppDeps): void {
  app.post(
    '/api/auth/login',
    {
      schema: {
        tags: ['auth'],
        summary:
          '登录 / log in (sets an HTTP-only session cookie; the token is also returned for mobile clients)',
        body: z.object({ login: z.string().min(1).max(64), password: passwordField }),
        response: { 200: z.object({ token: z.string(), user: userSchema }) },
      },
    },
    async (request, reply) => {
      const result = await login(deps.db, deps.config, deps.now(), { ...request.body, ip: request.ip });
      reply.setCookie(SESSION_COOKIE, result.token, {
        path: '/',
        httpOnly: true,
        sameSite: 'lax',
        secure: deps.config.secureCookies,
      });
      return result;
    },
  );

  app.post(
    '/api/auth/logout',
    { schema: { tags: ['auth'], summary: '退出登录 / log out' } },
    async (request, reply) => {
      const actor = requireActor(request);
      const token = tokenOf(request);
      if (token) await logout(deps.db, actor, token);
      reply.clearCookie(SESSION_COOKIE, { path: '/' });
      return { ok: true };
    },
  );

  app.get(
    '/api/auth/me',
    { schema: { tags: ['auth'], summary: '当前用户 / current user', response: { 200: userSchema } } },
    async (request) => getUserProfile(deps.db, requireActor(request)),
  );

  app.get(
    '/api/users',
    {
      schema: {
        tags: ['users'],
        summary: '用户列表 / list users (admin)',
        querystring: pageQuerySchema.extend({ role: roleSchema.optional(), unitId: z.uuid().optional() }),
      },
    },
    async (request) => listUsers(deps.db, requireActor(request, ['admin']), request.query),
  );

  app.post(
    '/api/users',
    {
      schema: {
        tags: ['users'],
        summary: '新增用户 / create a user (admin)',
        body: z.object({
          login: z
            .string()
            .trim()
            .min(2)
            .max(64)
            .regex(/^[A-Za-z0-9_.-]+$/),
          displayName: z.string().trim().min(1).max(64),
          role: roleSchema,
          password: passwordField,
          unitId: z.uuid().nullable().optional(),
          regionId: z.uuid().nullable().optional(),
        }),
      },
    },
    async (request, reply) => {
      const actor = requireActor(request, ['admin']);
      const created = await createUser(deps.db, actor, actor.cityCode, request.body);
      return reply.status(201).send(created);
    },
  );

  app.patch(
    '/api/users/:id',
    {
      schema: {
        tags: ['users'],
        summary: '修改用户 / update a user (admin)',
        params: z.object({ id: z.uuid() }),
        body: z.object({
          displayName: z.string().trim().min(1).max(64).optional(),
          role: roleSchema.optional(),
          unitId: z.uuid().nullable().optional(),
          regionId: z.uuid().nullable().optional(),
          active: z.boolean().optional(),
          password: passwordField.optional(),
        }),
      },
    },
    async (request) => {
      await updateUser(deps.db, requireActor(request, ['admin']), request.params.id, request.body);
      return { ok: true };
    },
  );
}
