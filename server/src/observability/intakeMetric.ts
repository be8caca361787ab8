import { Gauge } from 'prom-client';
import { requiredIntakeFields, type Policy } from '@entente/shared/governance';
import type { Metrics } from './metrics.js';

const gauges = new WeakMap<Metrics['registry'], Gauge<'tenant'>>();

/** Friction metric: how many fields a partner must fill in to register, per tenant (at most 4). */
export const reportRequiredFields = (metrics: Metrics, tenantId: string, policy: Policy): void => {
  let gauge = gauges.get(metrics.registry);
  if (!gauge) {
    gauge = new Gauge({
      name: 'entente_intake_required_fields',
      help: 'Fields a partner must fill in to register a deal, under the policy in force',
      labelNames: ['tenant'] as const,
      registers: [metrics.registry],
    });
    gauges.set(metrics.registry, gauge);
  }
  gauge.set({ tenant: tenantId }, requiredIntakeFields(policy).length);
};
