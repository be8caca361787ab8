import { useCallback, useState } from 'react';
import {
  peopleDirectorySchema,
  type DirectoryPartner,
  type DirectoryUser,
  type PeopleDirectory,
} from '../types/people';
import type { ServiceFetch } from '../utils/fetchFromService';
import { useServiceData } from './useServiceData';

export const PEOPLE_PATH = '/hubspot/cards/settings/people';

type Edited = { base: PeopleDirectory; data: PeopleDirectory };

/**
 * The tenant's users and partners, plus what this page changed since they were loaded (a saved
 * role, an added partner), taken from the service's own answers rather than a second load.
 * Edits belong to the load they were made on: once a newer load arrives (retry), it wins, and an
 * edit whose answer comes back after that is dropped like any stale answer.
 */
export const usePeopleDirectory = (fetcher: ServiceFetch) => {
  const { state, reload } = useServiceData(fetcher, PEOPLE_PATH, peopleDirectorySchema);
  const [edited, setEdited] = useState<Edited | null>(null);
  const loaded = state.status === 'success' ? state.data : null;
  const directory = loaded && edited?.base === loaded ? edited.data : loaded;

  const edit = useCallback(
    (change: (directory: PeopleDirectory) => PeopleDirectory) => {
      if (!loaded) return;
      setEdited((previous) => ({
        base: loaded,
        data: change(previous?.base === loaded ? previous.data : loaded),
      }));
    },
    [loaded],
  );

  const userSaved = useCallback(
    (user: DirectoryUser) =>
      edit((d) => ({ ...d, users: d.users.map((u) => (u.id === user.id ? user : u)) })),
    [edit],
  );

  const partnerAdded = useCallback(
    (partner: Omit<DirectoryPartner, 'keys'>) =>
      edit((d) =>
        d.partners.some((p) => p.id === partner.id)
          ? d
          : { ...d, partners: [...d.partners, { ...partner, keys: [] }] },
      ),
    [edit],
  );

  return { state, directory, reload, userSaved, partnerAdded };
};
