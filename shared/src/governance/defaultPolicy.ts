/**
 * The rules of engagement every tenant starts with, as the YAML an admin would edit. It is a TS
 * module so the build ships it; `entente simulate --policy` and `POST /api/v1/policies` take files
 * in the same format.
 */
export const DEFAULT_POLICY_YAML = `# Entente default rules of engagement.
# Rules are checked in order. Every rule whose condition holds "fires" and is cited on the decision;
# the first fired rule with a decision decides. Nothing here changes decisions already made:
# publishing a new version applies to registrations evaluated from then on.
name: Default rules of engagement
description: >
  First to register wins among partners, the direct team's open deals go to a neutral reviewer,
  and clean claims are approved in milliseconds.

defaults:
  decision: review            # when no rule decides, a neutral person looks at it
  protectionDays: 90          # an approved claim is protected this long
  reviewHours: 48             # a review is due this many hours after submission, then escalates
  reminderDaysBeforeExpiry: [14, 3]

extensions:
  maxCount: 1                 # one extension per registration
  days: 30                    # of 30 days
  requestWithinDays: 30       # asked for in the last 30 days of the window

intake:
  required: []                # only the customer's name or domain is required

# A neutral reviewer approves a claim while another partner's protection on the same customer still
# stands. split: both claims stand and the partners share the credit, each told why.
# end_protection: the incumbent's window ends after noticeDays, and it is told.
incumbency:
  id: INC-1
  onCompetingApproval: split
  noticeDays: 14

# Used by rules whose decision is tie_break, in this order.
tieBreakers: [first_to_register, incumbent_partner, higher_capability]

rules:
  # The same partner registering the same customer twice gains nothing; say so at once.
  - id: D-1
    reason: You already hold an active registration for this customer.
    when: { conflict: { kinds: [duplicate_registration], minSeverity: blocking } }
    then: { decision: reject }

  # The direct team is working an open deal with this customer: a person with no stake in it decides.
  - id: O-1
    reason: Our direct team is already working an open opportunity with this customer, so a neutral reviewer decides.
    when: { openDirectDeal: true }
    then: { decision: review, reviewHours: 24 }

  # Another partner's claim that is already protected wins until its window ends.
  - id: C-1
    reason: Another partner already holds an approved, protected registration for this customer.
    when: { conflict: { kinds: [competing_registration], minSeverity: blocking } }
    then: { decision: reject }

  # Competing pending claims: settled by the tie-breakers above, with reasons for both partners.
  - id: C-2
    reason: Another partner has a pending claim on this customer; the tie-breakers decide.
    when: { conflict: { kinds: [competing_registration] } }
    then: { decision: tie_break }

  # A customer the direct team owns as an account, without an open deal: a reviewer confirms.
  - id: A-1
    reason: This customer is an account managed by our direct team; a reviewer confirms the claim.
    when: { accountOwnedByDirect: true }
    then: { decision: review }

  # The customer may be known under another name or domain: a person checks the identity.
  - id: I-1
    reason: The customer may already be known to us under another name or domain; a reviewer checks it.
    when: { conflict: { kinds: [same_customer_other_identity], minSeverity: warning } }
    then: { decision: review }

  # Large deals always get a human look, whatever else holds.
  - id: S-1
    reason: Deals of 250,000 or more are always reviewed.
    when: { amountMinorAtLeast: 25000000 }
    then: { decision: review, reviewHours: 72 }

  # Nothing collides: approve at once. Certified partners get a longer protection window.
  - id: P-1
    reason: No conflict was found and the partner holds a certification, so the claim is approved with a 120-day protection window.
    when: { all: [{ not: { conflict: { minSeverity: warning } } }, { partnerCertifications: [Certified Implementer, Integration Certified] }] }
    then: { decision: approve, protectionDays: 120 }
  - id: P-2
    reason: No conflict was found with any account, deal or registration, so the claim is approved.
    when: { not: { conflict: { minSeverity: warning } } }
    then: { decision: approve }
`;
