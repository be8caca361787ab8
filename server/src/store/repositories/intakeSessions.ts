import { isoOrNull, toIso } from './rows.js';
import type { TenantScope } from './tenantScope.js';

export type IntakeChannel = 'form' | 'chat' | 'api';

export type StoredIntakeSession = {
  id: string;
  partnerId: string;
  channel: IntakeChannel;
  startedAt: string;
  lastStage: string;
  submittedAt: string | null;
  registrationId: string | null;
  fieldsFilled: number | null;
};

type Row = {
  id: string;
  partner_id: string;
  channel: IntakeChannel;
  started_at: Date | string;
  last_stage: string;
  submitted_at: Date | string | null;
  registration_id: string | null;
  fields_filled: number | null;
};

const toSession = (row: Row): StoredIntakeSession => ({
  id: row.id,
  partnerId: row.partner_id,
  channel: row.channel,
  startedAt: toIso(row.started_at),
  lastStage: row.last_stage,
  submittedAt: isoOrNull(row.submitted_at),
  registrationId: row.registration_id,
  fieldsFilled: row.fields_filled,
});

/** Where partners start, stop and finish registering; what the friction metrics count. */
export const intakeSessionsRepository = ({ tenantId, db }: TenantScope) => ({
  /** A new session; one that starts and ends with its registration is written submitted. */
  async start(
    session: Omit<StoredIntakeSession, 'submittedAt' | 'registrationId' | 'fieldsFilled'> &
      Partial<Pick<StoredIntakeSession, 'submittedAt' | 'registrationId' | 'fieldsFilled'>>,
  ) {
    await db.query(
      `INSERT INTO intake_sessions (tenant_id, id, partner_id, channel, started_at, last_stage, submitted_at,
         registration_id, fields_filled)
       VALUES ($1, $2, $3, $4, $5, $6, $7, $8, $9)`,
      [
        tenantId,
        session.id,
        session.partnerId,
        session.channel,
        session.startedAt,
        session.lastStage,
        session.submittedAt ?? null,
        session.registrationId ?? null,
        session.fieldsFilled ?? null,
      ],
    );
  },
  async get(id: string): Promise<StoredIntakeSession | undefined> {
    const { rows } = await db.query<Row>('SELECT * FROM intake_sessions WHERE tenant_id = $1 AND id = $2', [
      tenantId,
      id,
    ]);
    return rows[0] && toSession(rows[0]);
  },
  /** Moves an open session to a stage; a submitted one stays as it was submitted. */
  async reachStage(id: string, stage: string): Promise<boolean> {
    const { rowCount } = await db.query(
      'UPDATE intake_sessions SET last_stage = $3 WHERE tenant_id = $1 AND id = $2 AND submitted_at IS NULL',
      [tenantId, id, stage],
    );
    return rowCount > 0;
  },
  /** Closes an open session with the registration it ended in; false when it was closed already. */
  async submit(id: string, input: { registrationId: string; fieldsFilled: number; at: string }) {
    const { rowCount } = await db.query(
      `UPDATE intake_sessions SET submitted_at = $3, registration_id = $4, fields_filled = $5, last_stage = 'submitted'
       WHERE tenant_id = $1 AND id = $2 AND submitted_at IS NULL`,
      [tenantId, id, input.at, input.registrationId, input.fieldsFilled],
    );
    return rowCount > 0;
  },
  async list(): Promise<StoredIntakeSession[]> {
    const { rows } = await db.query<Row>(
      'SELECT * FROM intake_sessions WHERE tenant_id = $1 ORDER BY started_at, id',
      [tenantId],
    );
    return rows.map(toSession);
  },
});
export type IntakeSessionsRepository = ReturnType<typeof intakeSessionsRepository>;
