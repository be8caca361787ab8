import type { Response } from 'express';
import { correlationId } from '../common/ids.js';

export type HsErrorCategory =
  | 'VALIDATION_ERROR'
  | 'OBJECT_NOT_FOUND'
  | 'OBJECT_ALREADY_EXISTS'
  | 'CONFLICT'
  | 'INVALID_AUTHENTICATION'
  | 'EXPIRED_AUTHENTICATION'
  | 'MISSING_SCOPES'
  | 'RATE_LIMITS'
  | 'INTERNAL_ERROR';

/** A failure with the status and category HubSpot would answer with. */
export class HsApiError extends Error {
  constructor(
    readonly status: number,
    readonly category: HsErrorCategory,
    message: string,
    readonly context?: Record<string, string[]>,
  ) {
    super(message);
  }
}

export type PropertyValidationError = {
  isValid: false;
  message: string;
  error: 'PROPERTY_DOESNT_EXIST' | 'READ_ONLY_VALUE' | 'INVALID_OPTION' | 'INVALID_DATE' | 'INVALID_INTEGER';
  name: string;
  localizedErrorMessage: string;
  portalId: number;
};

/** HubSpot reports bad property values as a JSON array serialised inside the message. */
export const propertyValidationError = (errors: PropertyValidationError[]): HsApiError =>
  new HsApiError(400, 'VALIDATION_ERROR', `Property values were not valid: ${JSON.stringify(errors)}`);

export const notFound = (): HsApiError => new HsApiError(404, 'OBJECT_NOT_FOUND', 'resource not found');

export const sendError = (res: Response, error: HsApiError): void => {
  res.status(error.status).json({
    status: 'error',
    message: error.message,
    correlationId: correlationId(),
    category: error.category,
    ...(error.context ? { context: error.context } : {}),
  });
};
