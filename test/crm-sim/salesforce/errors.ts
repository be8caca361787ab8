import type { Response } from 'express';

/** A request-level failure: Salesforce answers `[{ message, errorCode, fields? }]`. */
export class SfApiError extends Error {
  constructor(
    readonly status: number,
    readonly errorCode: string,
    message: string,
    readonly fields?: string[],
  ) {
    super(message);
  }
}

export const sendSfError = (res: Response, error: SfApiError): void => {
  res.status(error.status).json([
    {
      message: error.message,
      errorCode: error.errorCode,
      ...(error.fields ? { fields: error.fields } : {}),
    },
  ]);
};

/** A per-record failure inside a save result (sObject Collections use `statusCode`, not `errorCode`). */
export type RecordError = { statusCode: string; message: string; fields: string[] };
export type SaveResult = { id?: string; success: boolean; errors: RecordError[]; created?: boolean };

export class RecordFailure extends Error {
  constructor(
    readonly error: RecordError,
    readonly status = 400,
  ) {
    super(error.message);
  }
}
