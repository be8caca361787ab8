// Copied from cards/hooks/useServiceData.ts: component folders cannot share modules, see
// utils/fetchFromService.ts.
import { useCallback, useEffect, useRef, useState } from 'react';
import type { z } from 'zod';
import { ServiceError, type ServiceFetch } from '../utils/fetchFromService';

export type LoadState<T> =
  { status: 'loading' } | { status: 'success'; data: T } | { status: 'error'; error: ServiceError };

const asServiceError = (error: unknown): ServiceError =>
  error instanceof ServiceError
    ? error
    : new ServiceError(0, 'CARD.UNEXPECTED', 'Something unexpected happened while loading this page.');

/**
 * Loads one service path and validates the answer. Every load takes a request id; an answer that
 * arrives after a newer load started (the record changed, or the user pressed retry) is dropped,
 * so a slow response can never overwrite a fresh one.
 */
export const useServiceData = <T>(fetcher: ServiceFetch, path: string | null, schema: z.ZodType<T>) => {
  const [state, setState] = useState<LoadState<T>>({ status: 'loading' });
  const latest = useRef(0);

  const load = useCallback(async () => {
    if (path === null) return;
    const requestId = ++latest.current;
    setState((previous) => (previous.status === 'loading' ? previous : { status: 'loading' }));
    try {
      const body = await fetcher(path);
      const parsed = schema.safeParse(body);
      if (requestId !== latest.current) return;
      setState(
        parsed.success
          ? { status: 'success', data: parsed.data }
          : {
              status: 'error',
              error: new ServiceError(
                0,
                'CARD.BAD_RESPONSE',
                'Entente sent an answer this page does not understand.',
              ),
            },
      );
    } catch (error) {
      if (requestId !== latest.current) return;
      setState({ status: 'error', error: asServiceError(error) });
    }
  }, [fetcher, path, schema]);

  useEffect(() => {
    void load();
    return () => {
      // Unmounted or re-keyed: whatever is still in flight is stale.
      latest.current++;
    };
  }, [load]);

  return { state, reload: load };
};
