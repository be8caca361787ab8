import { createDocument } from 'zod-openapi';
import { describeRoutes, type AnyRoute } from './route.js';

/** The OpenAPI 3.1 document, generated from the same zod schemas the routes validate with. */
/** The parts of the document the service itself reads; the rest is passed through as generated. */
export type OpenApiDocument = { openapi: string; paths: Record<string, unknown>; [key: string]: unknown };

export const buildOpenApiDocument = (routes: readonly AnyRoute[], serverUrl: string): OpenApiDocument =>
  createDocument({
    openapi: '3.1.0',
    info: {
      title: 'Entente API',
      version: '1.0.0',
      description:
        'Partner deal governance: registrations, conflicts, neutral approvals and attribution. ' +
        'Every error answers with the envelope {"error": {"code", "message", "details"?}}.',
    },
    servers: [{ url: serverUrl }],
    paths: describeRoutes(routes),
    components: { securitySchemes: { apiKey: { type: 'http', scheme: 'bearer' } } },
  }) as unknown as OpenApiDocument;
