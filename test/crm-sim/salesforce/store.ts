import type { Clock } from '../common/clock.js';
import { RecordFailure } from './errors.js';
import { normaliseId, salesforceId, sfDate, sfDateTime } from './ids.js';
import { OPPORTUNITY_STAGES, standardObjects, type FieldDef, type SObjectDef } from './schema.js';

export type SfRecord = Record<string, unknown> & { Id: string };

export type SfChange = {
  type: string;
  id: string;
  kind: 'created' | 'updated' | 'deleted';
  fields: string[];
  at: number;
};

const NAME_OF: Record<string, (r: SfRecord) => string> = {
  User: (r) => [r.FirstName, r.LastName].filter(Boolean).join(' '),
  Contact: (r) => [r.FirstName, r.LastName].filter(Boolean).join(' '),
};

/** The org's data. Every write goes through here so system fields and derived fields stay right. */
export class SalesforceStore {
  readonly objects = new Map<string, SObjectDef>();
  readonly records = new Map<string, Map<string, SfRecord>>();
  private next = 1;
  private readonly listeners = new Set<(change: SfChange) => void>();
  /** The user every API write is attributed to. */
  apiUserId = '';

  constructor(
    private readonly clock: Clock,
    readonly orgId: string,
  ) {
    for (const def of standardObjects()) this.defineObject(def);
  }

  defineObject(def: SObjectDef): void {
    this.objects.set(def.name, def);
    if (!this.records.has(def.name)) this.records.set(def.name, new Map());
  }

  /** Adds a (custom) field to an object, as deploying metadata would. */
  defineField(objectName: string, field: FieldDef): void {
    this.object(objectName).fields.set(field.name, field);
  }

  object(name: string): SObjectDef {
    const found = [...this.objects.values()].find((o) => o.name.toLowerCase() === name.toLowerCase());
    if (!found)
      throw new RecordFailure(
        { statusCode: 'NOT_FOUND', message: `The requested resource does not exist`, fields: [] },
        404,
      );
    return found;
  }

  onChange(listener: (change: SfChange) => void): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  get(type: string, id: string): SfRecord | undefined {
    const full = normaliseId(id);
    const record = full ? this.records.get(this.object(type).name)?.get(full) : undefined;
    return record && record.IsDeleted !== true ? record : undefined;
  }

  /** Finds a record of any type by id (the key prefix names the type). */
  byId(id: string): { type: string; record: SfRecord } | undefined {
    const full = normaliseId(id);
    if (!full) return undefined;
    for (const [type, records] of this.records) {
      const record = records.get(full);
      if (record && record.IsDeleted !== true) return { type, record };
    }
    return undefined;
  }

  all(type: string, includeDeleted = false): SfRecord[] {
    return [...(this.records.get(this.object(type).name)?.values() ?? [])].filter(
      (r) => includeDeleted || r.IsDeleted !== true,
    );
  }

  findBy(type: string, field: string, value: unknown): SfRecord | undefined {
    return this.all(type).find((r) => r[field] === value);
  }

  create(
    type: string,
    input: Record<string, unknown>,
    options: { trusted?: boolean; at?: number } = {},
  ): SfRecord {
    const def = this.object(type);
    const values = this.check(def, input, 'create', options.trusted);
    const missing = def.required.filter(
      (f) => values[f] === undefined || values[f] === null || values[f] === '',
    );
    if (missing.length > 0) {
      throw new RecordFailure({
        statusCode: 'REQUIRED_FIELD_MISSING',
        message: `Required fields are missing: [${missing.join(', ')}]`,
        fields: missing,
      });
    }
    const now = sfDateTime(options.at ?? this.clock());
    const id = salesforceId(def.keyPrefix, '5g0', this.next++);
    const record: SfRecord = {
      Id: id,
      IsDeleted: false,
      CreatedDate: now,
      CreatedById: this.apiUserId || null,
      LastModifiedDate: now,
      LastModifiedById: this.apiUserId || null,
      SystemModstamp: now,
      ...(def.fields.has('OwnerId') ? { OwnerId: this.apiUserId || null } : {}),
      ...values,
    };
    this.derive(def, record);
    this.records.get(def.name)?.set(id, record);
    this.emit({ type: def.name, id, kind: 'created', fields: Object.keys(values), at: this.clock() });
    return record;
  }

  update(type: string, id: string, input: Record<string, unknown>): SfRecord {
    const def = this.object(type);
    const record = this.get(def.name, id);
    if (!record)
      throw new RecordFailure(
        { statusCode: 'ENTITY_IS_DELETED', message: 'entity is deleted', fields: [] },
        404,
      );
    const values = this.check(def, input, 'update');
    // A new stage brings its default probability unless one is given.
    if ('StageName' in values && !('Probability' in values)) record.Probability = null;
    Object.assign(record, values);
    const now = sfDateTime(this.clock());
    record.LastModifiedDate = now;
    record.SystemModstamp = now;
    record.LastModifiedById = this.apiUserId || null;
    this.derive(def, record);
    this.emit({
      type: def.name,
      id: record.Id,
      kind: 'updated',
      fields: Object.keys(values),
      at: this.clock(),
    });
    return record;
  }

  delete(type: string, id: string): void {
    const def = this.object(type);
    const record = this.get(def.name, id);
    if (!record)
      throw new RecordFailure(
        { statusCode: 'ENTITY_IS_DELETED', message: 'entity is deleted', fields: [] },
        404,
      );
    record.IsDeleted = true;
    record.SystemModstamp = sfDateTime(this.clock());
    this.emit({ type: def.name, id: record.Id, kind: 'deleted', fields: [], at: this.clock() });
  }

  private check(
    def: SObjectDef,
    input: Record<string, unknown>,
    mode: 'create' | 'update',
    trusted = false,
  ): Record<string, unknown> {
    const out: Record<string, unknown> = {};
    for (const [name, value] of Object.entries(input)) {
      if (name === 'attributes' || (mode === 'update' && name === 'Id')) continue;
      const field = [...def.fields.values()].find((f) => f.name.toLowerCase() === name.toLowerCase());
      if (!field) {
        throw new RecordFailure({
          statusCode: 'INVALID_FIELD',
          message: `No such column '${name}' on sobject of type ${def.name}`,
          fields: [name],
        });
      }
      if (!trusted && !(mode === 'create' ? field.createable : field.updateable)) {
        throw new RecordFailure({
          statusCode: 'INVALID_FIELD_FOR_INSERT_UPDATE',
          message: `Unable to create/update fields: ${field.name}. Please check the security settings of this field and verify that it is read/write for your profile or permission set.`,
          fields: [field.name],
        });
      }
      if (field.type === 'reference' && value !== null && value !== undefined && value !== '') {
        const target = this.byId(String(value));
        if (!target || !(field.referenceTo ?? []).includes(target.type)) {
          throw new RecordFailure({
            statusCode: 'INVALID_CROSS_REFERENCE_KEY',
            message: `invalid cross reference id`,
            fields: [field.name],
          });
        }
        out[field.name] = target.record.Id;
        continue;
      }
      if (field.type === 'date' && typeof value === 'number') {
        out[field.name] = sfDate(value);
        continue;
      }
      out[field.name] = value;
    }
    return out;
  }

  private derive(def: SObjectDef, record: SfRecord): void {
    const name = NAME_OF[def.name];
    if (name) record.Name = name(record);
    if (def.name === 'Opportunity') {
      const stage = OPPORTUNITY_STAGES.find((s) => s.name === record.StageName);
      if (stage) {
        record.IsClosed = stage.closed;
        record.IsWon = stage.won;
        if (record.Probability === undefined || record.Probability === null)
          record.Probability = stage.probability;
      }
    }
  }

  private emit(change: SfChange): void {
    for (const listener of this.listeners) listener(change);
  }
}
