import {
  SEVERITY_ORDER,
  type Conflict,
  type ConflictEvidence,
  type ConflictKind,
  type ConflictRecordType,
  type ConflictSeverity,
  type CompetingRecord,
} from '@entente/shared/conflicts';

/**
 * What a card says about conflicts, said once. The engine reports one conflict per competing
 * record, and a claim on an account collides with every open deal there, so a card that printed
 * conflicts as stored repeated the same seller, the same match and, on a deal, the deal itself.
 * Here they are grouped by who competes, the card's own record is left out, and the evidence is
 * folded to one line per matched record. Pure: the card use cases label and link the result.
 */

export type RecordRef = { type: ConflictRecordType; id: string };

/** A claim the card shows, and the conflicts stored or gathered for it. */
export type ClaimConflicts = { registrationId: string; conflicts: readonly Conflict[] };

/** Who holds the competing records: another partner, a direct seller, or nobody yet. */
export type Party =
  { kind: 'partner'; partnerId: string | null } | { kind: 'direct'; userId: string } | { kind: 'unowned' };

export type ConflictGroup = {
  party: Party;
  /** The worst of its conflicts. */
  severity: ConflictSeverity;
  kinds: ConflictKind[];
  /** Each competing record once, with every kind of conflict it is part of. */
  records: (RecordRef & { kinds: ConflictKind[] })[];
  /** The claims on the card it competes with, in the card's order. */
  registrationIds: string[];
  /** The engine's explanations, each once. */
  summaries: string[];
};

export type MatchedRecord = RecordRef & Pick<ConflictEvidence, 'score' | 'decision'> & { reasons: string[] };

const refKey = (r: RecordRef) => `${r.type}:${r.id}`;

const partyOf = (record: CompetingRecord): Party => {
  if (record.type === 'registration') return { kind: 'partner', partnerId: record.partnerId ?? null };
  // A deal's first stake holder is its owner; split holders come after.
  const owner = record.ownerUserIds[0];
  return owner ? { kind: 'direct', userId: owner } : { kind: 'unowned' };
};

const partyKey = (party: Party) =>
  party.kind === 'partner'
    ? `partner:${party.partnerId ?? ''}`
    : party.kind === 'direct'
      ? `direct:${party.userId}`
      : 'unowned';

const addOnce = <T>(list: T[], value: T) => {
  if (!list.includes(value)) list.push(value);
};

/**
 * One group per competing party across the claims on a card. Records in `onCard` (the deal or
 * company the card is on) are never flagged. When two claims on the card name each other, the pair
 * is said once, from the later claim: the earlier one is what it competes with.
 */
export const groupConflicts = (
  claims: readonly ClaimConflicts[],
  onCard: readonly RecordRef[],
): ConflictGroup[] => {
  const own = new Set(onCard.map(refKey));
  const position = new Map(claims.map((claim, index) => [claim.registrationId, index]));
  const names = new Set(
    claims.flatMap((claim) =>
      claim.conflicts.flatMap((c) =>
        c.competing.filter((r) => r.type === 'registration').map((r) => `${claim.registrationId}>${r.id}`),
      ),
    ),
  );
  const saidByTheOther = (claimId: string, record: CompetingRecord) =>
    record.type === 'registration' &&
    names.has(`${record.id}>${claimId}`) &&
    (position.get(record.id) ?? -1) > (position.get(claimId) ?? -1);

  const groups = new Map<string, ConflictGroup>();
  for (const claim of claims)
    for (const conflict of claim.conflicts)
      for (const record of conflict.competing) {
        if (own.has(refKey(record)) || saidByTheOther(claim.registrationId, record)) continue;
        const party = partyOf(record);
        const key = partyKey(party);
        const group = groups.get(key) ?? {
          party,
          severity: conflict.severity,
          kinds: [],
          records: [],
          registrationIds: [],
          summaries: [],
        };
        groups.set(key, group);
        if (SEVERITY_ORDER[conflict.severity] < SEVERITY_ORDER[group.severity])
          group.severity = conflict.severity;
        addOnce(group.kinds, conflict.kind);
        addOnce(group.registrationIds, claim.registrationId);
        addOnce(group.summaries, conflict.summary);
        const held = group.records.find((r) => refKey(r) === refKey(record));
        if (held) addOnce(held.kinds, conflict.kind);
        else group.records.push({ type: record.type, id: record.id, kinds: [conflict.kind] });
      }
  // Map order is first appearance; the sort is stable, so it breaks ties between equal severities.
  return [...groups.values()].sort((a, b) => SEVERITY_ORDER[a.severity] - SEVERITY_ORDER[b.severity]);
};

const sameMatch = (a: ConflictEvidence, b: ConflictEvidence) =>
  a.score === b.score &&
  a.decision === b.decision &&
  a.reasons.map((r) => r.text).join('\n') === b.reasons.map((r) => r.text).join('\n');

/**
 * The records a claim was matched to, one line each with its best score and reasons, best first.
 * An open deal is evidence only through its account's match (the engine copies that match onto
 * the deal), so that copy folds into the account's line instead of repeating it per deal.
 */
export const foldEvidence = (conflicts: readonly Conflict[]): MatchedRecord[] => {
  const lines = new Map<string, MatchedRecord>();
  for (const conflict of conflicts)
    for (const evidence of conflict.evidence) {
      const copied =
        evidence.type === 'deal' &&
        conflict.evidence.some((other) => other.type === 'account' && sameMatch(other, evidence));
      if (copied) continue;
      const reasons = evidence.reasons.map((r) => r.text);
      const line = lines.get(refKey(evidence));
      if (!line) {
        lines.set(refKey(evidence), {
          type: evidence.type,
          id: evidence.id,
          score: evidence.score,
          decision: evidence.decision,
          reasons,
        });
      } else if (evidence.score > line.score) {
        lines.set(refKey(evidence), {
          ...line,
          score: evidence.score,
          decision: evidence.decision,
          reasons: [...new Set([...reasons, ...line.reasons])],
        });
      } else {
        line.reasons = [...new Set([...line.reasons, ...reasons])];
      }
    }
  return [...lines.values()].sort((a, b) => b.score - a.score);
};
