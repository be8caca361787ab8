import type { Command } from 'commander';
import { verifyAudit, type AuditVerification } from '../../store/repositories/audit.js';
import type { Queryable } from '../../store/database.js';
import { loadConfigOrExit, withDatabase } from '../cliConfig.js';

/** Verifies one tenant's chain, or every tenant's. */
export const runAuditVerify = async (db: Queryable, tenantId?: string): Promise<AuditVerification[]> => {
  const tenants = tenantId
    ? [tenantId]
    : (await db.query<{ id: string }>('SELECT id FROM tenants ORDER BY id')).rows.map((row) => row.id);
  const results: AuditVerification[] = [];
  for (const id of tenants) results.push(await verifyAudit(db, id));
  return results;
};

export const register = (program: Command): void => {
  const audit = program.command('audit').description('The tamper-evident audit log');
  audit
    .command('verify')
    .description(
      "Re-compute every tenant's audit hash chain; exit 1 and name the first bad entry if any fails",
    )
    .option('--tenant <id>', 'only this tenant')
    .action(async (options: { tenant?: string }) => {
      await withDatabase(loadConfigOrExit(), async (db) => {
        const results = await runAuditVerify(db, options.tenant);
        for (const r of results)
          console.log(
            r.ok
              ? `${r.tenantId}: ok (${r.entries} entries, head ${r.headHash.slice(0, 12)})`
              : `${r.tenantId}: FAILED at entry ${r.firstBadSeq}: ${r.problem}`,
          );
        if (results.length === 0) console.log('no tenants');
        if (results.some((r) => !r.ok)) process.exitCode = 1;
      });
    });
};
