import { z } from 'zod';

/**
 * Rules of engagement as a versioned document. A rule has an id, a condition over facts and an
 * outcome; the evaluation (evaluatePolicy.ts) is pure and cites every rule that fired.
 */
export const conflictKindSchema = z.enum([
  'duplicate_registration',
  'competing_registration',
  'direct_owned_account',
  'direct_owned_deal',
  'same_customer_other_identity',
  'corporate_family',
]);
export const conflictSeveritySchema = z.enum(['info', 'warning', 'blocking']);

/** Registration fields a rule may read, and so may ask the partner for (progressive profiling). */
export const intakeFieldSchema = z.enum([
  'customer.domain',
  'customer.name',
  'customer.email',
  'customer.country',
  'amountMinor',
  'expectedCloseDate',
  'notes',
]);
export type IntakeField = z.infer<typeof intakeFieldSchema>;

export type Condition = {
  all?: Condition[];
  any?: Condition[];
  not?: Condition;
  /** At least one conflict of one of these kinds (and, if given, at least this severity). */
  conflict?: {
    kinds?: z.infer<typeof conflictKindSchema>[];
    minSeverity?: z.infer<typeof conflictSeveritySchema>;
  };
  noConflicts?: boolean;
  /** A direct seller owns the customer's account. */
  accountOwnedByDirect?: boolean;
  /** A direct seller is working an open deal with the customer. */
  openDirectDeal?: boolean;
  /** The stage category of the deal the registration is linked to. */
  linkedDealStage?: ('open' | 'won' | 'lost' | 'none')[];
  amountMinorAtLeast?: number;
  amountMinorBelow?: number;
  partnerTiers?: string[];
  partnerMotions?: string[];
  /** The partner holds at least one of these certifications. */
  partnerCertifications?: string[];
  /** The partner covers at least one of these regions. */
  partnerRegions?: string[];
  customerCountries?: string[];
  /** Days since submission, at evaluation time. */
  registrationAgeDaysAtLeast?: number;
  /** The partner has an incumbent claim: an earlier won registration with the same customer. */
  incumbentPartner?: boolean;
};

export const conditionSchema: z.ZodType<Condition> = z.lazy(() =>
  z
    .object({
      all: z.array(conditionSchema).min(1).optional(),
      any: z.array(conditionSchema).min(1).optional(),
      not: conditionSchema.optional(),
      conflict: z
        .object({
          kinds: z.array(conflictKindSchema).min(1).optional(),
          minSeverity: conflictSeveritySchema.optional(),
        })
        .strict()
        .optional(),
      noConflicts: z.boolean().optional(),
      accountOwnedByDirect: z.boolean().optional(),
      openDirectDeal: z.boolean().optional(),
      linkedDealStage: z
        .array(z.enum(['open', 'won', 'lost', 'none']))
        .min(1)
        .optional(),
      amountMinorAtLeast: z.number().int().nonnegative().optional(),
      amountMinorBelow: z.number().int().nonnegative().optional(),
      partnerTiers: z.array(z.string().min(1)).min(1).optional(),
      partnerMotions: z.array(z.string().min(1)).min(1).optional(),
      partnerCertifications: z.array(z.string().min(1)).min(1).optional(),
      partnerRegions: z.array(z.string().min(1)).min(1).optional(),
      customerCountries: z.array(z.string().min(1)).min(1).optional(),
      registrationAgeDaysAtLeast: z.number().nonnegative().optional(),
      incumbentPartner: z.boolean().optional(),
    })
    .strict()
    .refine((c) => Object.keys(c).length > 0, { message: 'a condition needs at least one test' }),
);

export const tieBreakerSchema = z.enum(['first_to_register', 'incumbent_partner', 'higher_capability']);
export type TieBreaker = z.infer<typeof tieBreakerSchema>;

export const decisionOutcomeSchema = z.enum(['approve', 'reject', 'review']);
export type DecisionOutcome = z.infer<typeof decisionOutcomeSchema>;

export const ruleSchema = z
  .object({
    id: z.string().regex(/^[A-Za-z][A-Za-z0-9_.-]{0,63}$/, 'ids are short codes such as P-2'),
    /** Plain language, shown to reviewers and partners: say what the rule means, not how it is coded. */
    reason: z.string().min(1).max(500),
    when: conditionSchema,
    then: z
      .object({
        /** approve / reject / review decide; tie_break resolves competing claims with `tieBreakers`. */
        decision: z.enum(['approve', 'reject', 'review', 'tie_break']).optional(),
        protectionDays: z.number().int().positive().max(730).optional(),
        reviewHours: z
          .number()
          .positive()
          .max(24 * 60)
          .optional(),
      })
      .strict()
      .refine((t) => Object.keys(t).length > 0, { message: 'an outcome needs at least one effect' }),
  })
  .strict();
export type Rule = z.infer<typeof ruleSchema>;

export const policySchema = z
  .object({
    name: z.string().min(1).max(200),
    description: z.string().max(4000).optional(),
    defaults: z
      .object({
        decision: decisionOutcomeSchema.default('review'),
        protectionDays: z.number().int().positive().max(730).default(90),
        reviewHours: z
          .number()
          .positive()
          .max(24 * 60)
          .default(48),
        /** Reminders go out this many days before a protection window ends. */
        reminderDaysBeforeExpiry: z.array(z.number().int().positive()).default([14, 3]),
        /** How long a proposed override waits for a second person before the decision stands. */
        secondApprovalHours: z
          .number()
          .positive()
          .max(24 * 30)
          .default(48),
      })
      .strict(),
    extensions: z
      .object({
        maxCount: z.number().int().nonnegative().default(1),
        days: z.number().int().positive().max(365).default(30),
        /** Extensions may be asked for only this close to expiry. */
        requestWithinDays: z.number().int().positive().default(30),
      })
      .strict()
      .default({ maxCount: 1, days: 30, requestWithinDays: 30 }),
    /** What a partner must give besides the customer's name or domain (at most 3: 4 fields in all). */
    intake: z
      .object({
        required: z
          .array(intakeFieldSchema.exclude(['customer.domain', 'customer.name']))
          .max(3)
          .default([]),
      })
      .strict()
      .default({ required: [] }),
    /**
     * A neutral person approves a claim while another partner's protection on the same customer
     * still stands. `split`: both claims stand and the partners share the credit, each told why.
     * `end_protection`: the incumbent's window ends after `noticeDays`, and it is told.
     */
    incumbency: z
      .object({
        id: z
          .string()
          .regex(/^[A-Za-z][A-Za-z0-9_.-]{0,63}$/)
          .default('INC-1'),
        onCompetingApproval: z.enum(['split', 'end_protection']).default('split'),
        noticeDays: z.number().int().positive().max(365).default(14),
      })
      .strict()
      .default({ id: 'INC-1', onCompetingApproval: 'split', noticeDays: 14 }),
    tieBreakers: z
      .array(tieBreakerSchema)
      .default(['first_to_register', 'incumbent_partner', 'higher_capability']),
    /** Evaluated in order: every matching rule fires; the first with a decision decides. */
    rules: z.array(ruleSchema),
  })
  .strict()
  .superRefine((policy, ctx) => {
    const seen = new Set<string>();
    policy.rules.forEach((rule, index) => {
      if (seen.has(rule.id))
        ctx.addIssue({
          code: 'custom',
          path: ['rules', index, 'id'],
          message: `duplicate rule id ${rule.id}`,
        });
      seen.add(rule.id);
    });
  });
export type Policy = z.infer<typeof policySchema>;
export type PolicyInput = z.input<typeof policySchema>;
