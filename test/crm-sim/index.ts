export {
  startHubSpotSimulator,
  type HubSpotSimulator,
  type HubSpotSimulatorOptions,
} from './hubspot/simulator.js';
export { createHubSpotApp, type HubSpotApp, type HubSpotAppOptions } from './hubspot/app.js';
export { signV3 } from './hubspot/signature.js';
export type { WebhookChaos, Delivery } from './hubspot/webhooks.js';
export type { WebhookEvent, WebhookSubscription, WebhookFormat } from './hubspot/webhook-payloads.js';
export type { HubSpotLimitOptions } from './hubspot/rate-limits.js';
export {
  startSalesforceSimulator,
  type SalesforceSimulator,
  type SalesforceSimulatorOptions,
} from './salesforce/simulator.js';
export { createSalesforceApp, type SalesforceApp, type SalesforceAppOptions } from './salesforce/app.js';
export { customField, customObject, type FieldDef, type SObjectDef } from './salesforce/schema.js';
export type { FaultKind, FaultSpec } from './common/faults.js';
export { generateWorld, type World } from './common/world.js';
