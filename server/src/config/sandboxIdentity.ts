/**
 * Who the sandbox is: fixed so that every start, every test and every document names the same
 * tenant, portal and seed. The service's configuration derives sandbox-only secrets from them.
 */
export const SANDBOX_SEED = 20261121;
export const SANDBOX_TENANT_ID = 'sandbox';
export const SANDBOX_PORTAL_ID = '990001';
