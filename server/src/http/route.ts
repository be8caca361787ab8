import type { ErrorRequestHandler, Request, RequestHandler, Response, Router } from 'express';
import type { ZodOpenApiOperationObject, ZodOpenApiPathsObject } from 'zod-openapi';
import { z } from 'zod';
import { unstorableTextPaths } from '@entente/shared/domain';
import { DomainError, issueDetails } from '@entente/shared/errors';
import { fromZodError, errorEnvelopeSchema } from './errors.js';

type Method = 'get' | 'post' | 'put' | 'patch' | 'delete';

export type RouteInput<P, Q, B> = { params: P; query: Q; body: B; req: Request; res: Response };

/**
 * One route: its zod schemas are both the runtime validation and the OpenAPI description, so the
 * two cannot drift apart. Handlers get parsed input and return `{ status, body }`; errors are thrown
 * and mapped in one place (errors.ts). Every parsed path, query and body is also checked for text no
 * database can store (U+0000, unpaired surrogates): 400 `REQUEST.INVALID_TEXT` naming each field.
 */
export type RouteDefinition<P, Q, B, R> = {
  method: Method;
  /** Express-style path, e.g. `/api/v1/registrations/:registrationId`. */
  path: string;
  summary: string;
  tags: string[];
  params?: z.ZodObject & z.ZodType<P>;
  query?: z.ZodObject & z.ZodType<Q>;
  body?: z.ZodType<B>;
  /** Extra OpenAPI (security, headers) for this operation. */
  openapi?: Partial<ZodOpenApiOperationObject>;
  responses: Record<number, { description: string; schema?: z.ZodType; contentType?: string }>;
  /**
   * The POST honours an `Idempotency-Key` header, scoped to the authenticated caller: a repeat
   * returns the first result, the same key with another body gets 422.
   */
  idempotent?: boolean;
  /** Middlewares that run before parsing (authentication, raw-body capture, ...). */
  before?: RequestHandler[];
  handler: (
    input: RouteInput<P, Q, B>,
  ) => Promise<{ status?: number; body?: R; headers?: Record<string, string> }>;
};

// eslint-disable-next-line @typescript-eslint/no-explicit-any
export type AnyRoute = RouteDefinition<any, any, any, any>;

export const defineRoute = <P = Record<string, never>, Q = Record<string, never>, B = undefined, R = unknown>(
  route: RouteDefinition<P, Q, B, R>,
): RouteDefinition<P, Q, B, R> => route;

const TEXT_PROBLEM = 'contains U+0000 or an unpaired surrogate, which cannot be stored as text';

/** Every string (and object key) in a parsed value that cannot be stored, by its path. */
const unstorableText = (value: unknown): { path: string[]; message: string }[] =>
  unstorableTextPaths(value).map(({ path, inKey }) => ({
    path,
    message: inKey ? `A key here ${TEXT_PROBLEM}` : `The text ${TEXT_PROBLEM}`,
  }));

/**
 * A body declared as `z.unknown()` or `z.any()` is opaque here: its handler hands it to a parser
 * of its own (the HubSpot webhook batch), which decides what to do with odd text.
 */
const isOpaque = (schema: z.ZodType): boolean => schema instanceof z.ZodUnknown || schema instanceof z.ZodAny;

const parse = <T>(schema: z.ZodType<T> | undefined, value: unknown, where: 'body' | 'query' | 'path'): T => {
  if (!schema) return (where === 'body' ? undefined : {}) as T;
  const result = schema.safeParse(value);
  if (!result.success) throw fromZodError(result.error, where);
  if (!isOpaque(schema)) {
    const issues = unstorableText(result.data);
    if (issues.length > 0)
      throw new DomainError(
        'REQUEST.INVALID_TEXT',
        `The request ${where} contains text that cannot be stored`,
        {
          details: issueDetails(issues, where),
        },
      );
  }
  return result.data;
};

type HandlerResult = Awaited<ReturnType<AnyRoute['handler']>>;

/** Runs a handler at most once per Idempotency-Key (see idempotency.ts); the app supplies it. */
export type IdempotencyWrapper = (req: Request, run: () => Promise<HandlerResult>) => Promise<HandlerResult>;

export const mountRoutes = (
  router: Router,
  routes: readonly AnyRoute[],
  options: { idempotency?: IdempotencyWrapper } = {},
): void => {
  for (const route of routes) {
    const run: RequestHandler = async (req, res) => {
      const input = {
        params: parse(route.params, req.params, 'path'),
        query: parse(route.query, req.query, 'query'),
        body: parse(route.body, req.body, 'body'),
        req,
        res,
      };
      const result =
        route.idempotent && options.idempotency
          ? await options.idempotency(req, () => route.handler(input))
          : await route.handler(input);
      for (const [name, value] of Object.entries(result.headers ?? {})) res.setHeader(name, value);
      res.status(result.status ?? 200);
      if (result.body === undefined) res.end();
      else if (typeof result.body === 'string') res.send(result.body);
      else res.json(result.body);
    };
    router[route.method](route.path, ...(route.before ?? []), run);
  }
  router.use(undecodablePath);
};

/**
 * The router decodes path params itself and fails on percent-encoding that is not UTF-8 (`%FF`,
 * an encoded lone surrogate `%ED%A0%80`): that is bad text in the path, not a fault of ours.
 */
const undecodablePath: ErrorRequestHandler = (error: unknown, _req, _res, next) => {
  if (error instanceof URIError && (error as URIError & { status?: number }).status === 400) {
    next(
      new DomainError('REQUEST.INVALID_TEXT', 'The request path is not valid percent-encoded UTF-8', {
        details: [{ path: 'path', message: 'A path segment does not decode to text' }],
      }),
    );
    return;
  }
  next(error);
};

const idempotencyHeader = z.object({
  'idempotency-key': z
    .string()
    .max(200)
    .optional()
    .meta({ description: 'Repeat a POST safely: the same key and body return the first result' }),
});

const toOpenApiPath = (path: string) => path.replace(/:([A-Za-z0-9_]+)/g, '{$1}');

export const describeRoutes = (routes: readonly AnyRoute[]): ZodOpenApiPathsObject => {
  const paths: ZodOpenApiPathsObject = {};
  for (const route of routes) {
    const responses = Object.fromEntries(
      Object.entries(route.responses).map(([status, response]) => [
        String(status),
        {
          description: response.description,
          ...(response.schema
            ? { content: { [response.contentType ?? 'application/json']: { schema: response.schema } } }
            : {}),
        },
      ]),
    );
    const operation: ZodOpenApiOperationObject = {
      summary: route.summary,
      tags: route.tags,
      ...(route.params || route.query || route.idempotent
        ? {
            requestParams: {
              ...(route.params ? { path: route.params } : {}),
              ...(route.query ? { query: route.query } : {}),
              ...(route.idempotent ? { header: idempotencyHeader } : {}),
            },
          }
        : {}),
      ...(route.body ? { requestBody: { content: { 'application/json': { schema: route.body } } } } : {}),
      responses: {
        ...responses,
        default: {
          description: 'An error',
          content: { 'application/json': { schema: errorEnvelopeSchema } },
        },
      },
      ...route.openapi,
    };
    const key = toOpenApiPath(route.path);
    paths[key] = { ...paths[key], [route.method]: operation };
  }
  return paths;
};
