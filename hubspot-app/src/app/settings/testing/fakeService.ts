// Copied from cards/testing/fakeService.ts (component folders cannot share modules, see
// utils/fetchFromService.ts); `serviceError` also takes the envelope's `details`.
import { ServiceError, type ServiceFetch, type ServiceRequest } from '../utils/fetchFromService';

export type Call = { path: string; request: ServiceRequest | undefined };
type Answer = unknown | ((request: ServiceRequest | undefined) => unknown);

/**
 * A stand-in for the service: answers by path, records every call, and can hold an answer back
 * (to see the loading state, or to let a newer request overtake an older one).
 */
export const fakeService = (answers: Record<string, Answer> = {}) => {
  const calls: Call[] = [];
  const held = new Map<string, { resolve: (v: unknown) => void; reject: (e: unknown) => void }[]>();
  const holding = new Set<string>();
  const fetcher: ServiceFetch = (path, request) => {
    calls.push({ path, request });
    if (holding.has(path)) {
      return new Promise((resolve, reject) => {
        held.set(path, [...(held.get(path) ?? []), { resolve, reject }]);
      });
    }
    if (!(path in answers))
      return Promise.reject(new ServiceError(404, 'REQUEST.NOT_FOUND', `No answer for ${path}`));
    const answer = answers[path];
    const value =
      typeof answer === 'function' ? (answer as (r: ServiceRequest | undefined) => unknown)(request) : answer;
    return value instanceof Error ? Promise.reject(value) : Promise.resolve(value);
  };
  return {
    fetcher,
    calls,
    answers,
    hold: (path: string) => holding.add(path),
    release: (path: string, value: unknown) => {
      holding.delete(path);
      const waiting = held.get(path) ?? [];
      held.delete(path);
      for (const w of waiting) {
        if (value instanceof Error) w.reject(value);
        else w.resolve(value);
      }
    },
  };
};

export const serviceError = (status: number, code: string, message: string, details?: unknown) =>
  new ServiceError(status, code, message, details);
