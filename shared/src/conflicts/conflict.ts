import type { MatchDecision, MatchReason } from '../matching/index.js';

/**
 * What a registration can collide with. The governance engine applies the rules of engagement to
 * these facts; this module only finds and explains them.
 */
export type ConflictKind =
  /** The same partner already holds an active registration for this customer. */
  | 'duplicate_registration'
  /** Another partner holds an active registration for this customer. */
  | 'competing_registration'
  /** The customer's account is owned by a direct seller. */
  | 'direct_owned_account'
  /** An open deal on the customer's account is owned by a direct seller. */
  | 'direct_owned_deal'
  /** The customer already exists under another name or domain. */
  | 'same_customer_other_identity'
  /** A parent, subsidiary or sister company of the customer is already an account. */
  | 'corporate_family';

/** `blocking` stops automatic approval; `warning` needs a human look; `info` is context for the reviewer. */
export type ConflictSeverity = 'info' | 'warning' | 'blocking';

export type ConflictRecordType = 'registration' | 'deal' | 'account';

/** A record that supports a conflict, with how well it matched the registered customer. */
export type ConflictEvidence = {
  type: ConflictRecordType;
  id: string;
  /** Calibrated match score of the registered customer against this record's customer (1 when linked by id). */
  score: number;
  decision: MatchDecision;
  /** Field-by-field reasons, strongest first. */
  reasons: MatchReason[];
};

/** A record competing with the registration, and who has a stake in it (for neutral approval). */
export type CompetingRecord = {
  type: ConflictRecordType;
  id: string;
  /** Internal users with a stake: account or deal owners, people on deal splits, the partner's manager. */
  ownerUserIds: string[];
  /** Set for registrations: the partner holding the competing claim. Never shown to another partner. */
  partnerId?: string;
};

export type Conflict = {
  kind: ConflictKind;
  severity: ConflictSeverity;
  /** For internal users: may name records and partners. */
  summary: string;
  /** Safe to show to the registering partner: names no other partner and no internal owner. */
  partnerSafeSummary: string;
  evidence: ConflictEvidence[];
  competing: CompetingRecord[];
};

export const SEVERITY_ORDER: Record<ConflictSeverity, number> = { blocking: 0, warning: 1, info: 2 };
