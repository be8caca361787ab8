import { Client } from '@hubspot/api-client';

/**
 * The peer the backfill benchmark compares against: every deal read with `@hubspot/api-client`'s
 * defaults (its own Bottleneck limiter and `crm.deals.getAll`), as an integration written
 * straight from the client's README would. Lives here because only this folder may import the client.
 */
export const readAllDealsWithClientDefaults = async (basePath: string, accessToken: string) => {
  const client = new Client({ accessToken, basePath });
  const deals = await client.crm.deals.getAll();
  return deals.length;
};
