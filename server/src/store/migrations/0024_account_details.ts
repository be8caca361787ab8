/**
 * Where a CRM account's users work: HubSpot serves EU-hosted portals from app-eu1.hubspot.com, so
 * record links built on app.hubspot.com would send them to the wrong place.
 */
export const sql = `
ALTER TABLE crm_settings
  ADD COLUMN ui_domain text,
  ADD COLUMN data_hosting_location text;
`;
