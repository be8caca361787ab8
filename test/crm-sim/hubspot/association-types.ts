export type AssociationCategory = 'HUBSPOT_DEFINED' | 'USER_DEFINED' | 'INTEGRATOR_DEFINED';

/** One association type as v4 reports it (`label` is null for the unlabeled default). */
export type AssociationType = { category: AssociationCategory; typeId: number; label: string | null };

type Definition = {
  from: string;
  to: string;
  typeId: number;
  inverse: number;
  label: string | null;
  v3Name: string;
};

/** HubSpot's own type ids between the standard objects (contacts 0-1, companies 0-2, deals 0-3). */
const DEFINED: readonly Definition[] = [
  { from: '0-1', to: '0-2', typeId: 1, inverse: 2, label: 'Primary', v3Name: 'contact_to_company' },
  { from: '0-2', to: '0-1', typeId: 2, inverse: 1, label: 'Primary', v3Name: 'company_to_contact' },
  { from: '0-1', to: '0-2', typeId: 279, inverse: 280, label: null, v3Name: 'contact_to_company_unlabeled' },
  { from: '0-2', to: '0-1', typeId: 280, inverse: 279, label: null, v3Name: 'company_to_contact_unlabeled' },
  { from: '0-3', to: '0-1', typeId: 3, inverse: 4, label: null, v3Name: 'deal_to_contact' },
  { from: '0-1', to: '0-3', typeId: 4, inverse: 3, label: null, v3Name: 'contact_to_deal' },
  { from: '0-3', to: '0-2', typeId: 5, inverse: 6, label: 'Primary', v3Name: 'deal_to_company' },
  { from: '0-2', to: '0-3', typeId: 6, inverse: 5, label: 'Primary', v3Name: 'company_to_deal' },
  { from: '0-3', to: '0-2', typeId: 341, inverse: 342, label: null, v3Name: 'deal_to_company_unlabeled' },
  { from: '0-2', to: '0-3', typeId: 342, inverse: 341, label: null, v3Name: 'company_to_deal_unlabeled' },
  {
    from: '0-2',
    to: '0-2',
    typeId: 13,
    inverse: 14,
    label: 'Child Company',
    v3Name: 'parent_to_child_company',
  },
  {
    from: '0-2',
    to: '0-2',
    typeId: 14,
    inverse: 13,
    label: 'Parent Company',
    v3Name: 'child_to_parent_company',
  },
];

/** Type ids handed out for pairs HubSpot has no built-in type for (custom objects). */
export class AssociationTypeRegistry {
  private readonly extra: Definition[] = [];
  private nextId = 1000;

  private all(): readonly Definition[] {
    return [...DEFINED, ...this.extra];
  }

  /** Registers a USER_DEFINED pair (both directions) and returns the forward type id. */
  define(from: string, to: string, name: string): number {
    const existing = this.extra.find((d) => d.from === from && d.to === to && d.v3Name === name);
    if (existing) return existing.typeId;
    const forward = this.nextId++;
    const backward = from === to ? forward : this.nextId++;
    this.extra.push({ from, to, typeId: forward, inverse: backward, label: null, v3Name: name });
    if (backward !== forward)
      this.extra.push({ from: to, to: from, typeId: backward, inverse: forward, label: null, v3Name: name });
    return forward;
  }

  /** The unlabeled type every association between the pair carries. */
  unlabeled(from: string, to: string): Definition {
    const found = this.all().find((d) => d.from === from && d.to === to && d.label === null);
    if (found) return found;
    const typeId = this.define(from, to, `${from}_to_${to}`);
    return this.byId(from, to, typeId) as Definition;
  }

  byId(from: string, to: string, typeId: number): Definition | undefined {
    return this.all().find((d) => d.from === from && d.to === to && d.typeId === typeId);
  }

  describe(from: string, to: string, typeId: number): AssociationType {
    const found = this.byId(from, to, typeId);
    const category: AssociationCategory =
      found && DEFINED.includes(found) ? 'HUBSPOT_DEFINED' : 'USER_DEFINED';
    return { category, typeId, label: found?.label ?? null };
  }

  inverse(from: string, to: string, typeId: number): number {
    return this.byId(from, to, typeId)?.inverse ?? this.unlabeled(to, from).typeId;
  }

  v3Name(from: string, to: string, typeId: number): string {
    return this.byId(from, to, typeId)?.v3Name ?? `${from}_to_${to}`;
  }
}
