import type { ErrorRequestHandler, RequestHandler } from 'express';
import { z } from 'zod';
import { CommonErrors, isDomainError, type DomainError } from '@entente/shared/errors';
import { statusOf } from './errorStatus.js';

/** The one error envelope every endpoint answers with. */
export const errorEnvelopeSchema = z
  .object({
    error: z.object({
      code: z.string().meta({ example: 'REQUEST.INVALID' }),
      message: z.string(),
      details: z.unknown().optional(),
    }),
  })
  .meta({ id: 'Error' });

const envelope = (code: string, message: string, details?: unknown) => ({
  error: details === undefined ? { code, message } : { code, message, details },
});

/** Turns a zod failure into a REQUEST.INVALID error listing each bad field. */
export const fromZodError = (error: z.ZodError, where: 'body' | 'query' | 'path' | 'headers'): DomainError =>
  CommonErrors.invalidInput(where, error.issues);

export const notFoundHandler: RequestHandler = (req, res) => {
  res.status(404).json(envelope('REQUEST.NOT_FOUND', `No route for ${req.method} ${req.path}`));
};

type BodyParserError = Error & { type?: string; status?: number; expose?: boolean };

/** Maps every error to the envelope and a status, in one place. Unknown errors never leak details. */
export const errorHandler: ErrorRequestHandler = (error: unknown, req, res, _next) => {
  if (isDomainError(error)) {
    res.status(statusOf(error.code)).json(envelope(error.code, error.message, error.details));
    return;
  }
  if (error instanceof z.ZodError) {
    const mapped = fromZodError(error, 'body');
    res.status(statusOf(mapped.code)).json(envelope(mapped.code, mapped.message, mapped.details));
    return;
  }
  const parserError = error as BodyParserError;
  if (parserError.type === 'entity.too.large') {
    res
      .status(413)
      .json(envelope('REQUEST.TOO_LARGE', 'The request body is larger than this endpoint accepts'));
    return;
  }
  if (parserError.type === 'entity.parse.failed') {
    res.status(400).json(envelope('REQUEST.MALFORMED_JSON', 'The request body is not valid JSON'));
    return;
  }
  if (parserError.type === 'encoding.unsupported' || parserError.type === 'charset.unsupported') {
    res.status(415).json(envelope('REQUEST.UNSUPPORTED_ENCODING', parserError.message));
    return;
  }
  if (
    typeof parserError.status === 'number' &&
    parserError.status >= 400 &&
    parserError.status < 500 &&
    parserError.expose
  ) {
    res.status(parserError.status).json(envelope('REQUEST.INVALID', parserError.message));
    return;
  }
  req.log?.error({ err: error }, 'unhandled error');
  res.status(500).json(envelope('INTERNAL.ERROR', 'Something went wrong on our side; it has been logged'));
};
