import type { Touchpoint, TouchSource } from './touchpoint.js';

/**
 * The same touch can reach us from the CRM and from the partner; the CRM record is the authority,
 * and a partner's report gives way to any record of the company's, which is how a report is confirmed.
 */
const sourceAuthority: Record<TouchSource, number> = {
  crm: 0,
  registration: 1,
  internal: 2,
  partner_reported: 3,
};

export type DuplicateTouchpoint = { duplicate: Touchpoint; keptId: string; reason: string };
export type DedupeResult = { kept: Touchpoint[]; duplicates: DuplicateTouchpoint[] };
export type DedupeOptions = {
  /** Same deal, participant and kind within this window count as one touch; 1 hour by default. */
  windowMs?: number;
};

/**
 * Removes repeated touchpoints. Two touchpoints are the same touch when they share an evidence
 * externalId, or when they are on the same deal, by the same participant, of the same kind and within
 * `windowMs` of each other (a meeting logged in the CRM and reported by the partner). The most
 * authoritative record is kept (CRM, then registration, internal, partner-reported; then the
 * earliest), and the evidence of the dropped ones is merged into it so nothing is lost.
 */
export const dedupeTouchpoints = (
  touchpoints: readonly Touchpoint[],
  options: DedupeOptions = {},
): DedupeResult => {
  const windowMs = options.windowMs ?? 3_600_000;
  const ranked = [...touchpoints].sort(
    (a, b) =>
      sourceAuthority[a.source] - sourceAuthority[b.source] ||
      Date.parse(a.occurredAt) - Date.parse(b.occurredAt) ||
      (a.id < b.id ? -1 : a.id > b.id ? 1 : 0),
  );
  const keptByGroup = new Map<string, Touchpoint[]>();
  const keptByExternalId = new Map<string, Touchpoint>();
  const kept: Touchpoint[] = [];
  const duplicates: DuplicateTouchpoint[] = [];
  for (const touchpoint of ranked) {
    const group = `${touchpoint.dealId}|${touchpoint.participantId}|${touchpoint.kind}`;
    const externalId = touchpoint.evidence.externalId;
    const byExternal =
      externalId === undefined ? undefined : keptByExternalId.get(`${touchpoint.dealId}|${externalId}`);
    const at = Date.parse(touchpoint.occurredAt);
    const nearby = keptByGroup
      .get(group)
      ?.find((other) => Math.abs(Date.parse(other.occurredAt) - at) <= windowMs);
    const original = byExternal ?? nearby;
    if (original) {
      duplicates.push({
        duplicate: touchpoint,
        keptId: original.id,
        reason: byExternal
          ? `same evidence record ${externalId}`
          : `same ${touchpoint.kind} by ${touchpoint.participantId} within ${Math.round(windowMs / 60_000)} minutes`,
      });
      mergeEvidence(original, touchpoint);
      continue;
    }
    const copy: Touchpoint = { ...touchpoint, evidence: { ...touchpoint.evidence } };
    kept.push(copy);
    keptByGroup.set(group, [...(keptByGroup.get(group) ?? []), copy]);
    if (externalId !== undefined) keptByExternalId.set(`${touchpoint.dealId}|${externalId}`, copy);
  }
  kept.sort((a, b) => Date.parse(a.occurredAt) - Date.parse(b.occurredAt) || (a.id < b.id ? -1 : 1));
  return { kept, duplicates };
};

const mergeEvidence = (kept: Touchpoint, dropped: Touchpoint): void => {
  kept.evidence.externalId ??= dropped.evidence.externalId;
  kept.evidence.url ??= dropped.evidence.url;
  kept.evidence.note ??= dropped.evidence.note;
};
