import { useCallback, useRef, useState } from 'react';
import { ServiceError, type ServiceFetch, type ServiceRequest } from '../utils/fetchFromService';

export type ActionState =
  | { status: 'idle' }
  | { status: 'submitting' }
  | { status: 'done'; result: unknown }
  | { status: 'error'; error: ServiceError };

/** One POST at a time (a double click sends one request), with its outcome kept for the card. */
export const useServiceAction = (fetcher: ServiceFetch) => {
  const [state, setState] = useState<ActionState>({ status: 'idle' });
  const busy = useRef(false);
  const run = useCallback(
    async (path: string, body: ServiceRequest['body']): Promise<unknown> => {
      if (busy.current) return undefined;
      busy.current = true;
      setState({ status: 'submitting' });
      try {
        const result = await fetcher(path, { method: 'POST', body });
        setState({ status: 'done', result });
        return result;
      } catch (error) {
        setState({
          status: 'error',
          error:
            error instanceof ServiceError
              ? error
              : new ServiceError(0, 'CARD.UNEXPECTED', 'The action did not go through.'),
        });
        return undefined;
      } finally {
        busy.current = false;
      }
    },
    [fetcher],
  );
  const reset = useCallback(() => setState({ status: 'idle' }), []);
  return { state, run, reset };
};
