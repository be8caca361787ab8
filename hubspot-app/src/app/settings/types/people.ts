import { z } from 'zod';

/**
 * The "People and partners" part of the settings page: who may do what in Entente, which partners
 * exist, and the keys that let a partner's systems (or an admin's scripts) call Entente.
 *
 * Keys never travel through HubSpot. The service answers with a one-time link instead; the key is
 * shown once, to whoever opens it. These schemas only keep the fields named here (zod drops the
 * rest), so even a service that wrongly sent a key along could not get it onto the page.
 */

/** The roles an admin can give (PUT /hubspot/cards/settings/users/{userId}/roles). */
export const ROLES = ['admin', 'partner_manager', 'deal_desk', 'sales_manager', 'seller'] as const;
export type Role = (typeof ROLES)[number];

/** How a partner works with the tenant (POST /hubspot/cards/settings/partners). */
export const MOTIONS = ['referral', 'resale', 'services', 'technology', 'influence'] as const;
export type Motion = (typeof MOTIONS)[number];

// Answers carry roles and motions as plain strings: a role the page does not know yet is shown
// as it is, rather than making the whole section fail to load.
export const directoryUserSchema = z.object({
  id: z.string(),
  name: z.string(),
  email: z.string(),
  roles: z.array(z.string()),
  active: z.boolean(),
});
export type DirectoryUser = z.infer<typeof directoryUserSchema>;

export const partnerKeySchema = z.object({
  keyId: z.string(),
  name: z.string(),
  createdAt: z.string(),
  revokedAt: z.string().nullable(),
});
export type PartnerKey = z.infer<typeof partnerKeySchema>;

const partnerFields = {
  id: z.string(),
  name: z.string(),
  tier: z.string(),
  motions: z.array(z.string()),
  domains: z.array(z.string()),
  active: z.boolean(),
};

export const directoryPartnerSchema = z.object({ ...partnerFields, keys: z.array(partnerKeySchema) });
export type DirectoryPartner = z.infer<typeof directoryPartnerSchema>;

/** GET /hubspot/cards/settings/people (admins; others get 403 CARDS.ADMIN_ONLY) */
export const peopleDirectorySchema = z.object({
  users: z.array(directoryUserSchema),
  partners: z.array(directoryPartnerSchema),
});
export type PeopleDirectory = z.infer<typeof peopleDirectorySchema>;

/** PUT /hubspot/cards/settings/users/{userId}/roles {roles} (409 ROLES.LAST_ADMIN, 403 ROLES.ADMIN_ONLY) */
export const updateRolesResponseSchema = z.object({
  user: directoryUserSchema,
  previousRoles: z.array(z.string()),
  changed: z.boolean(),
});
export type UpdateRolesResponse = z.infer<typeof updateRolesResponseSchema>;

/** POST /hubspot/cards/settings/partners {name, domains, motions, tier} (409 PARTNERS.DUPLICATE, 422 PARTNERS.INVALID_FIELDS) */
export const createPartnerResponseSchema = z.object({ partner: z.object(partnerFields) });
export type CreatePartnerResponse = z.infer<typeof createPartnerResponseSchema>;

/** `details` of 422 PARTNERS.INVALID_FIELDS. */
export const invalidFieldsSchema = z.object({
  invalid: z.array(z.object({ field: z.string(), message: z.string() })),
});

/** `details` of 400 REQUEST.INVALID, when a request does not match the route's schema. */
export const requestIssuesSchema = z.array(z.object({ path: z.string(), message: z.string() }));

/** A link that shows a key once, to whoever opens it, until `expiresAt`. */
const oneTimeLinkFields = { keyId: z.string(), name: z.string(), link: z.string(), expiresAt: z.string() };

/** POST /hubspot/cards/settings/partners/{partnerId}/keys {name} (409 KEYS.NAME_TAKEN) */
export const issuePartnerKeyResponseSchema = z.object({ ...oneTimeLinkFields, partnerId: z.string() });
export type IssuePartnerKeyResponse = z.infer<typeof issuePartnerKeyResponseSchema>;

/** POST /hubspot/cards/settings/api-key {name}: the admin's own key for Entente's internal API. */
export const issueApiKeyResponseSchema = z.object(oneTimeLinkFields);
export type IssueApiKeyResponse = z.infer<typeof issueApiKeyResponseSchema>;
