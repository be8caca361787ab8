// Copied from cards/hooks/useServiceAction.ts (component folders cannot share modules, see
// utils/fetchFromService.ts), with two additions the settings page needs: the method (roles are
// changed with PUT) and an optional zod schema, so a malformed answer is an error, not a blank.
import { useCallback, useRef, useState } from 'react';
import type { z } from 'zod';
import {
  ServiceError,
  type ServiceFetch,
  type ServiceMethod,
  type ServiceRequest,
} from '../utils/fetchFromService';

export type ActionState<T = unknown> =
  | { status: 'idle' }
  | { status: 'submitting' }
  | { status: 'done'; result: T }
  | { status: 'error'; error: ServiceError };

const asServiceError = (error: unknown): ServiceError =>
  error instanceof ServiceError
    ? error
    : new ServiceError(0, 'CARD.UNEXPECTED', 'The action did not go through.');

/** One request at a time (a double click sends one request), with its outcome kept for the page. */
export const useServiceAction = <T = unknown>(
  fetcher: ServiceFetch,
  { method = 'POST', schema }: { method?: ServiceMethod; schema?: z.ZodType<T> } = {},
) => {
  const [state, setState] = useState<ActionState<T>>({ status: 'idle' });
  const busy = useRef(false);
  const run = useCallback(
    async (path: string, body: ServiceRequest['body']): Promise<T | undefined> => {
      if (busy.current) return undefined;
      busy.current = true;
      setState({ status: 'submitting' });
      try {
        const answer = await fetcher(path, { method, body });
        let result = answer as T;
        if (schema) {
          const parsed = schema.safeParse(answer);
          if (!parsed.success)
            throw new ServiceError(
              0,
              'CARD.BAD_RESPONSE',
              'Entente sent an answer this page does not understand.',
            );
          result = parsed.data;
        }
        setState({ status: 'done', result });
        return result;
      } catch (error) {
        setState({ status: 'error', error: asServiceError(error) });
        return undefined;
      } finally {
        busy.current = false;
      }
    },
    [fetcher, method, schema],
  );
  const reset = useCallback(() => setState({ status: 'idle' }), []);
  return { state, run, reset };
};
