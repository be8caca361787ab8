import type { Account, Contact, Deal, User } from '@entente/shared/domain';
import type { PartnerOutcomeKind } from '@entente/shared/partner-value';
import type { Config } from '../config/config.js';
import type { Logger } from '../observability/logger.js';
import type { RenewalRecognition } from '../store/repositories/attribution/dealRenewals.js';
import type { Store } from '../store/store.js';
import type { EntenteFields } from '@entente/shared/domain';

/** What a connector is built from: the service's parts below the use cases (no HTTP, no jobs). */
export type ConnectorDeps = { config: Config; store: Store; logger: Logger; now: () => Date };

/** The CRM objects Entente reads, in domain words. */
export type CrmObjectKind = 'deals' | 'companies' | 'contacts' | 'owners';

/**
 * What the CRM says about a deal beyond its fields, in domain words: that it is a renewal (and how
 * the CRM marks it), and the partner outcomes its mapped properties record (a go-live date set, a
 * checkbox ticked). Each carries the evidence, what the CRM holds, for the audit log.
 */
export type DealSignals = {
  renewal: { recognisedBy: RenewalRecognition; evidence: string } | null;
  outcomes: { kind: PartnerOutcomeKind; occurredAt: string | null; evidence: string }[];
};

/** One CRM record mapped into the domain; deals carry their associated contacts and signals. */
export type CrmEntity =
  | { kind: 'deals'; deal: Deal; contactIds: string[]; signals?: DealSignals }
  | { kind: 'companies'; account: Account }
  | { kind: 'contacts'; contact: Contact }
  | { kind: 'owners'; user: User };

export type CrmPage = {
  entities: CrmEntity[];
  /** Opaque cursor for the next page; undefined on the last one. */
  next: string | undefined;
};

export type CrmSplit = { starts: (string | undefined)[]; total: number | undefined };

export type CrmChangedPage = CrmPage & {
  /** Newest modification time in this page (ISO), to move a reconciliation cursor forward. */
  newestModifiedAt: string | undefined;
};

export type ProvisioningResult = {
  registrationsStore: 'custom_object' | 'properties';
  registrationsObjectType: string | null;
  /** What this run created: empty when everything already existed. */
  created: string[];
};

/**
 * A few records read with a candidate field mapping, reduced to the fields the mapping feeds
 * (domain words and units: amounts in minor units, dates as ISO days), so an admin sees what the
 * mapping would store before saving it.
 */
export type MappingPreview = {
  deals: (Pick<Deal, 'crmId' | 'name' | 'amountMinor' | 'currency' | 'closeDate'> & {
    /** Why the deal is a renewal (the CRM's mark), or null for new business. */
    renewal: string | null;
    /** The outcome kinds its mapped properties record. */
    outcomes: PartnerOutcomeKind[];
  })[];
  companies: Pick<Account, 'crmId' | 'name' | 'domains' | 'industry' | 'employees' | 'phone' | 'address'>[];
  contacts: Pick<Contact, 'crmId' | 'email' | 'firstName' | 'lastName' | 'jobTitle' | 'phone'>[];
};

export type FieldWrite = { crmId: string; fields: EntenteFields };
export type FieldWriteResult = { written: string[]; failed: { crmId: string; reason: string }[] };

/**
 * What the use cases need from a CRM. Adapters (HubSpot, Salesforce) implement it for one tenant;
 * their shapes, clients and errors stop at the adapter (errors arrive as CRM.* DomainErrors).
 */
export type CrmPort = {
  /** A page of every record of a kind, in a stable order, for backfills. */
  readPage(kind: CrmObjectKind, after: string | undefined, limit?: number): Promise<CrmPage>;
  /**
   * Start cursors of disjoint parts that together hold every record of a kind, so a backfill can
   * read them concurrently; `readPage` reads each to its own end. `[undefined]` when the CRM
   * cannot split (one part, read from the start). `total` as in `count`, when known on the way.
   */
  split(kind: CrmObjectKind, ways: number): Promise<CrmSplit>;
  /** Roughly how many records of a kind exist (for progress); undefined when the CRM cannot say. */
  count(kind: Exclude<CrmObjectKind, 'owners'>): Promise<number | undefined>;
  /** Current state of some records; ids that no longer exist are left out. */
  readByIds(kind: Exclude<CrmObjectKind, 'owners'>, crmIds: readonly string[]): Promise<CrmEntity[]>;
  /** Records modified at or after `since`, oldest first (reconciliation). */
  readChangedSince(
    kind: Exclude<CrmObjectKind, 'owners'>,
    since: Date,
    after: string | undefined,
  ): Promise<CrmChangedPage>;
  /**
   * Writes Entente-owned fields on deals or companies, at most `writeBatchSize` a call. A record
   * the CRM refuses (deleted or merged away there) comes back in `failed` with the CRM's reason.
   */
  writeEntenteFields(kind: 'deals' | 'companies', writes: readonly FieldWrite[]): Promise<FieldWriteResult>;
  /** How many records one write-back call takes (the vendor's batch size). */
  readonly writeBatchSize: number;
  /** The id Entente stores a CRM record under (how this adapter maps the vendor's ids). */
  localId(kind: 'deals' | 'companies' | 'contacts', crmId: string): string;
  /** Creates Entente's fields (and registration object, where possible). Idempotent. */
  provision(): Promise<ProvisioningResult>;
  /**
   * Checks an admin's field mapping against the CRM's actual properties and their types
   * (CRM.MAPPING_INVALID names each field that cannot be fed).
   */
  validateMapping(mapping: unknown): Promise<void>;
  /**
   * Validates a candidate mapping like `validateMapping`, then reads up to `limit` records of each
   * kind with it. The stored mapping is neither used nor changed.
   */
  previewMapping(mapping: unknown, limit: number): Promise<MappingPreview>;
  /** Removes the app from the CRM account. */
  uninstall(): Promise<void>;
};
