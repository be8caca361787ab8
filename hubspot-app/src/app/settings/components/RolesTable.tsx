import { useState } from 'react';
import {
  Accordion,
  Alert,
  Button,
  Flex,
  MultiSelect,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
  Text,
} from '@hubspot/ui-extensions';
import { useRoleChanges, type RoleChange } from '../hooks/useRoleChanges';
import { ROLES, type DirectoryUser } from '../types/people';
import type { ServiceFetch } from '../utils/fetchFromService';
import { listOf, roleLabel } from '../utils/labels';
import { PageEmpty } from './PageStates';

const sameRoles = (a: string[], b: string[]) => a.length === b.length && a.every((role) => b.includes(role));

const optionsFor = (user: DirectoryUser) =>
  [...ROLES, ...user.roles.filter((role) => !(ROLES as readonly string[]).includes(role))].map((role) => ({
    label: roleLabel(role),
    value: role,
  }));

/** What happened to one user's roles, in words an admin can act on. */
const ChangeAlert = ({ user, change }: { user: DirectoryUser; change: RoleChange }) => {
  if (change.status === 'saving') return null;
  if (change.status === 'saved')
    return change.result.changed ? (
      <Alert title={`Roles saved for ${user.name}`} variant="success" testId={`roles-outcome-${user.id}`}>
        {`Now ${listOf(change.result.user.roles, roleLabel)} (was ${listOf(change.result.previousRoles, roleLabel)}).`}
      </Alert>
    ) : (
      <Alert title={`No change for ${user.name}`} variant="info" testId={`roles-outcome-${user.id}`}>
        {`${user.name} already had these roles.`}
      </Alert>
    );
  if (change.error.code === 'ROLES.LAST_ADMIN')
    return (
      <Alert title={`${user.name} keeps the admin role`} variant="error" testId={`roles-outcome-${user.id}`}>
        Your Entente tenant must always keep at least one admin. Give the admin role to someone else first,
        then remove it here.
      </Alert>
    );
  return (
    <Alert title={`Roles not saved for ${user.name}`} variant="error" testId={`roles-outcome-${user.id}`}>
      {change.error.message}
    </Alert>
  );
};

/**
 * One row per active user, with their roles editable and a Save per row: each change is its own
 * request and its own outcome, so one refused change (the last admin) never blocks the others.
 * Inactive users cannot act in Entente, so they are listed apart and read-only.
 */
export const RolesTable = ({
  fetcher,
  users,
  onSaved,
}: {
  fetcher: ServiceFetch;
  users: DirectoryUser[];
  onSaved: (user: DirectoryUser) => void;
}) => {
  const [drafts, setDrafts] = useState<Record<string, string[]>>({});
  const { changes, save } = useRoleChanges(fetcher, onSaved);
  const active = users.filter((u) => u.active);
  const inactive = users.filter((u) => !u.active);

  return (
    <Flex direction="column" gap="sm" testId="roles">
      {active.length === 0 ? (
        <PageEmpty title="No active users">
          Nobody in this tenant can use Entente yet. Users appear here once they are linked to Entente.
        </PageEmpty>
      ) : (
        <Table bordered testId="roles-table">
          <TableHead>
            <TableRow>
              <TableHeader>Name</TableHeader>
              <TableHeader>E-mail</TableHeader>
              <TableHeader>Roles</TableHeader>
              <TableHeader> </TableHeader>
            </TableRow>
          </TableHead>
          <TableBody>
            {active.map((user) => {
              const draft = drafts[user.id] ?? user.roles;
              const change = changes[user.id];
              return (
                <TableRow key={user.id}>
                  <TableCell>{user.name}</TableCell>
                  <TableCell>{user.email}</TableCell>
                  <TableCell>
                    <MultiSelect
                      name={`roles-${user.id}`}
                      testId={`roles-${user.id}`}
                      value={draft}
                      options={optionsFor(user)}
                      error={draft.length === 0}
                      validationMessage={draft.length === 0 ? 'Pick at least one role.' : undefined}
                      onChange={(value) => setDrafts((d) => ({ ...d, [user.id]: value.map(String) }))}
                    />
                  </TableCell>
                  <TableCell>
                    <Button
                      size="sm"
                      variant="secondary"
                      testId={`save-roles-${user.id}`}
                      disabled={
                        draft.length === 0 || sameRoles(draft, user.roles) || change?.status === 'saving'
                      }
                      onClick={() => void save(user.id, draft)}
                    >
                      Save
                    </Button>
                  </TableCell>
                </TableRow>
              );
            })}
          </TableBody>
        </Table>
      )}
      {active.map((user) => {
        const change = changes[user.id];
        return change ? <ChangeAlert key={user.id} user={user} change={change} /> : null;
      })}
      {inactive.length > 0 && (
        <Accordion title={`Inactive users (${inactive.length})`} testId="inactive-users">
          <Text variant="microcopy">
            Inactive users cannot act in Entente. Their roles are kept on record and cannot be changed here.
          </Text>
          <Table bordered testId="inactive-users-table">
            <TableHead>
              <TableRow>
                <TableHeader>Name</TableHeader>
                <TableHeader>E-mail</TableHeader>
                <TableHeader>Roles</TableHeader>
              </TableRow>
            </TableHead>
            <TableBody>
              {inactive.map((user) => (
                <TableRow key={user.id}>
                  <TableCell>{user.name}</TableCell>
                  <TableCell>{user.email}</TableCell>
                  <TableCell>{listOf(user.roles, roleLabel)}</TableCell>
                </TableRow>
              ))}
            </TableBody>
          </Table>
        </Accordion>
      )}
    </Flex>
  );
};
