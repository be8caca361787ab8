/**
 * Errors that cross a boundary carry a stable machine-readable code and no transport status: the
 * HTTP layer maps codes to statuses in one table. Clients (cards, partners' integrations) branch on
 * the code, never on text.
 */
export type ErrorCode = `${Uppercase<string>}.${Uppercase<string>}`;

export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly details: unknown;

  constructor(code: ErrorCode, message: string, options: { details?: unknown } = {}) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.details = options.details;
  }
}

/** The part of a schema issue (zod's, for one) that error details carry. */
type Issue = { path: readonly PropertyKey[]; message: string };

export const isDomainError = (value: unknown): value is DomainError => value instanceof DomainError;

/** The codes the service itself emits; engines add their own next to the logic that raises them. */
export const CommonErrors = {
  notFound: (what: string, details?: unknown) =>
    new DomainError('REQUEST.NOT_FOUND', `${what} was not found`, { details }),
  /** A schema refused part of a request (`where`: body, query, path, headers, ...). */
  invalidInput: (where: string, issues: readonly Issue[]) =>
    new DomainError('REQUEST.INVALID', `The request ${where} is invalid`, {
      details: issueDetails(issues, where),
    }),
  validation: (message: string, details?: unknown) =>
    new DomainError('REQUEST.INVALID', message, { details }),
  unauthorised: (message = 'Authentication is required') => new DomainError('AUTH.UNAUTHENTICATED', message),
  forbidden: (message = 'You are not allowed to do this') => new DomainError('AUTH.FORBIDDEN', message),
  conflict: (code: ErrorCode, message: string, details?: unknown) =>
    new DomainError(code, message, { details }),
} as const;

/** A schema failure's issues as error details, one `{ path, message }` per bad field. */
export const issueDetails = (issues: readonly Issue[], where?: string): { path: string; message: string }[] =>
  issues.map((issue) => ({
    path: [...(where ? [where] : []), ...issue.path.map(String)].join('.'),
    message: issue.message,
  }));
