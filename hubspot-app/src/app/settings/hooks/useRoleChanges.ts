import { useCallback, useRef, useState } from 'react';
import { updateRolesResponseSchema, type DirectoryUser, type UpdateRolesResponse } from '../types/people';
import { ServiceError, type ServiceFetch } from '../utils/fetchFromService';

export type RoleChange =
  | { status: 'saving'; roles: string[] }
  | { status: 'saved'; result: UpdateRolesResponse }
  | { status: 'error'; roles: string[]; error: ServiceError };

export const rolesPath = (userId: string) =>
  `/hubspot/cards/settings/users/${encodeURIComponent(userId)}/roles`;

/**
 * Saves one user's roles at a time per user (a double click sends one PUT), and keeps the outcome
 * of the latest change for each user so the page can say what happened to each row.
 */
export const useRoleChanges = (fetcher: ServiceFetch, onSaved: (user: DirectoryUser) => void) => {
  const [changes, setChanges] = useState<Record<string, RoleChange>>({});
  const saving = useRef(new Set<string>());

  const save = useCallback(
    async (userId: string, roles: string[]) => {
      if (saving.current.has(userId)) return;
      saving.current.add(userId);
      const set = (change: RoleChange) => setChanges((previous) => ({ ...previous, [userId]: change }));
      set({ status: 'saving', roles });
      try {
        const parsed = updateRolesResponseSchema.safeParse(
          await fetcher(rolesPath(userId), { method: 'PUT', body: { roles } }),
        );
        if (!parsed.success)
          throw new ServiceError(
            0,
            'CARD.BAD_RESPONSE',
            'Entente sent an answer this page does not understand.',
          );
        set({ status: 'saved', result: parsed.data });
        onSaved(parsed.data.user);
      } catch (error) {
        set({
          status: 'error',
          roles,
          error:
            error instanceof ServiceError
              ? error
              : new ServiceError(0, 'CARD.UNEXPECTED', 'The change did not go through.'),
        });
      } finally {
        saving.current.delete(userId);
      }
    },
    [fetcher, onSaved],
  );

  return { changes, save };
};
