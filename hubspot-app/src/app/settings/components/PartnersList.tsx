import { useState } from 'react';
import {
  Alert,
  Button,
  Flex,
  StatusTag,
  Table,
  TableBody,
  TableCell,
  TableHead,
  TableHeader,
  TableRow,
  Text,
} from '@hubspot/ui-extensions';
import type { DirectoryPartner, IssuePartnerKeyResponse } from '../types/people';
import type { ServiceFetch } from '../utils/fetchFromService';
import { formatDate } from '../utils/format';
import { listOf, motionLabel } from '../utils/labels';
import { AddPartnerForm } from './AddPartnerForm';
import { IssueKeyForm } from './IssueKeyForm';
import { PageEmpty } from './PageStates';

type IssuedKey = Pick<IssuePartnerKeyResponse, 'keyId' | 'name' | 'partnerId'>;

const KeyList = ({ partner, issued }: { partner: DirectoryPartner; issued: IssuedKey[] }) => {
  // A key issued on this page shows at once; once a reload lists it, the service's entry wins.
  const fresh = issued.filter(
    (k) => k.partnerId === partner.id && !partner.keys.some((p) => p.keyId === k.keyId),
  );
  if (partner.keys.length === 0 && fresh.length === 0) return <Text>No keys</Text>;
  return (
    <Flex direction="column" gap="xs">
      {partner.keys.map((key) => (
        <Flex key={key.keyId} direction="row" gap="xs">
          <Text>{key.name}</Text>
          {key.revokedAt === null ? (
            <StatusTag variant="success">{`Active since ${formatDate(key.createdAt)}`}</StatusTag>
          ) : (
            <StatusTag variant="default">{`Revoked ${formatDate(key.revokedAt)}`}</StatusTag>
          )}
        </Flex>
      ))}
      {fresh.map((key) => (
        <Flex key={key.keyId} direction="row" gap="xs">
          <Text>{key.name}</Text>
          <StatusTag variant="info">Issued just now</StatusTag>
        </Flex>
      ))}
    </Flex>
  );
};

/**
 * The tenant's partners with their motions, domains and keys. Active partners come first; an
 * inactive partner is listed for the record but gets no new keys.
 */
export const PartnersList = ({
  fetcher,
  partners,
  onAdded,
}: {
  fetcher: ServiceFetch;
  partners: DirectoryPartner[];
  onAdded: (partner: Omit<DirectoryPartner, 'keys'>) => void;
}) => {
  const [adding, setAdding] = useState(false);
  const [added, setAdded] = useState<string | null>(null);
  const [issuingFor, setIssuingFor] = useState<string | null>(null);
  const [issued, setIssued] = useState<IssuedKey[]>([]);
  const sorted = [...partners.filter((p) => p.active), ...partners.filter((p) => !p.active)];
  const issuing = partners.find((p) => p.id === issuingFor);

  return (
    <Flex direction="column" gap="sm" testId="partners">
      {partners.length === 0 ? (
        <PageEmpty title="No partners yet">
          Add your first partner: registrations from its people are then matched to it.
        </PageEmpty>
      ) : (
        <Table bordered testId="partners-table">
          <TableHead>
            <TableRow>
              <TableHeader>Partner</TableHeader>
              <TableHeader>Tier</TableHeader>
              <TableHeader>Motions</TableHeader>
              <TableHeader>Domains</TableHeader>
              <TableHeader>Keys</TableHeader>
              <TableHeader> </TableHeader>
            </TableRow>
          </TableHead>
          <TableBody>
            {sorted.map((partner) => (
              <TableRow key={partner.id}>
                <TableCell>{partner.name}</TableCell>
                <TableCell>{partner.tier || '—'}</TableCell>
                <TableCell>{listOf(partner.motions, motionLabel)}</TableCell>
                <TableCell>{listOf(partner.domains)}</TableCell>
                <TableCell>
                  <KeyList partner={partner} issued={issued} />
                </TableCell>
                <TableCell>
                  {partner.active ? (
                    <Button
                      size="sm"
                      variant="secondary"
                      testId={`issue-key-${partner.id}`}
                      onClick={() => setIssuingFor(partner.id)}
                    >
                      Issue key
                    </Button>
                  ) : (
                    <StatusTag variant="default">Inactive</StatusTag>
                  )}
                </TableCell>
              </TableRow>
            ))}
          </TableBody>
        </Table>
      )}
      {issuing && (
        <IssueKeyForm
          // A new partner starts a fresh form: no name, no earlier link, no earlier error.
          key={issuing.id}
          fetcher={fetcher}
          partner={issuing}
          onIssued={(k) =>
            setIssued((list) => [...list, { keyId: k.keyId, name: k.name, partnerId: k.partnerId }])
          }
          onClose={() => setIssuingFor(null)}
        />
      )}
      {added && (
        <Alert title={`${added} added`} variant="success" testId="partner-added">
          Issue it a key once its technical contact is ready to connect its systems to Entente.
        </Alert>
      )}
      {adding ? (
        <AddPartnerForm
          fetcher={fetcher}
          onAdded={(partner) => {
            onAdded(partner);
            setAdded(partner.name);
            setAdding(false);
          }}
          onCancel={() => setAdding(false)}
        />
      ) : (
        <Flex direction="row" gap="sm">
          <Button
            variant="secondary"
            testId="add-partner"
            onClick={() => {
              setAdded(null);
              setAdding(true);
            }}
          >
            Add partner
          </Button>
        </Flex>
      )}
    </Flex>
  );
};
