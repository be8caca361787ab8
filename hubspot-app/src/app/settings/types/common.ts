import { z } from 'zod';

/** Who is looking, as the service resolved the signed HubSpot user. */
export const viewerSchema = z.object({
  userId: z.string().nullable(),
  name: z.string().nullable(),
  roles: z.array(z.string()),
  canAdjudicate: z.boolean(),
  isAdmin: z.boolean(),
});
export type Viewer = z.infer<typeof viewerSchema>;
