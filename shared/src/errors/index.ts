/**
 * Errors that cross a boundary carry a stable machine-readable code. The HTTP layer maps them to a
 * status in one place; clients (cards, partners' integrations) branch on the code, never on text.
 */
export type ErrorCode = `${Uppercase<string>}.${Uppercase<string>}`;

export class DomainError extends Error {
  readonly code: ErrorCode;
  readonly status: number;
  readonly details: unknown;

  constructor(code: ErrorCode, message: string, options: { status?: number; details?: unknown } = {}) {
    super(message);
    this.name = 'DomainError';
    this.code = code;
    this.status = options.status ?? 400;
    this.details = options.details;
  }
}

export const isDomainError = (value: unknown): value is DomainError => value instanceof DomainError;

/** The codes the service itself emits; engines add their own next to the logic that raises them. */
export const CommonErrors = {
  notFound: (what: string, details?: unknown) =>
    new DomainError('REQUEST.NOT_FOUND', `${what} was not found`, { status: 404, details }),
  validation: (message: string, details?: unknown) =>
    new DomainError('REQUEST.INVALID', message, { status: 400, details }),
  unauthorised: (message = 'Authentication is required') =>
    new DomainError('AUTH.UNAUTHENTICATED', message, { status: 401 }),
  forbidden: (message = 'You are not allowed to do this') =>
    new DomainError('AUTH.FORBIDDEN', message, { status: 403 }),
  conflict: (code: ErrorCode, message: string, details?: unknown) =>
    new DomainError(code, message, { status: 409, details }),
} as const;
