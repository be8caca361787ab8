import { DomainError } from '@entente/shared/errors';

/** What a CRM failure means to the domain; vendor error types never cross the port. */
export const CrmErrors = {
  rateLimited: (message: string, retryAfterMs?: number) =>
    new DomainError('CRM.RATE_LIMITED', message, { details: { retryAfterMs } }),
  unauthorized: (message = 'The CRM refused our credentials') => new DomainError('CRM.UNAUTHORIZED', message),
  uninstalled: (tenantId: string) =>
    new DomainError('CRM.UNINSTALLED', `Tenant ${tenantId} has uninstalled the app`),
  unavailable: (message: string) => new DomainError('CRM.UNAVAILABLE', message),
  notFound: (message: string) => new DomainError('CRM.NOT_FOUND', message),
  rejected: (message: string, details?: unknown) =>
    new DomainError('CRM.REQUEST_REJECTED', message, { details }),
  mappingInvalid: (message: string, details?: unknown) =>
    new DomainError('CRM.MAPPING_INVALID', message, { details }),
  fieldNotOwned: (field: string) =>
    new DomainError(
      'CRM.FIELD_NOT_OWNED',
      `Entente does not write "${field}": the CRM owns it. Entente writes only its own fields.`,
    ),
} as const;

export const isCrmError = (error: unknown, code: string): boolean =>
  error instanceof DomainError && error.code === code;
