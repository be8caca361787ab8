import { randomUUID } from 'node:crypto';
import { SfApiError } from './errors.js';
import { compareForOrder, evaluate, parseSoql } from './soql.js';
import type { SObjectDef } from './schema.js';
import type { SalesforceStore, SfRecord } from './store.js';

export type QueryPage = {
  totalSize: number;
  done: boolean;
  records: Record<string, unknown>[];
  nextRecordsUrl?: string;
};

type Cursor = { rows: Record<string, unknown>[]; totalSize: number; batchSize: number };

export const DEFAULT_BATCH_SIZE = 2_000;

/** Runs SOQL against the store and keeps server-side cursors for `queryMore` (`nextRecordsUrl`). */
export class QueryEngine {
  private readonly cursors = new Map<string, Cursor>();

  constructor(
    private readonly store: SalesforceStore,
    private readonly now: () => number,
  ) {}

  run(soql: string, version: string, batchSize: number, includeDeleted: boolean): QueryPage {
    const query = parseSoql(soql, this.now());
    const def = this.objectFor(query.from);
    const read = (record: SfRecord) => (path: string) => this.resolve(def, record, path);
    for (const field of [...query.fields, ...query.orderBy.map((o) => o.field)]) this.checkField(def, field);
    let rows = this.store
      .all(def.name, includeDeleted)
      .filter((r) => !query.where || evaluate(query.where, read(r)));
    if (query.count) return { totalSize: rows.length, done: true, records: [] };
    rows.sort((a, b) => {
      for (const order of query.orderBy) {
        const c = compareForOrder(read(a)(order.field), read(b)(order.field), order);
        if (c !== 0) return c;
      }
      return a.Id < b.Id ? -1 : 1;
    });
    rows = rows.slice(
      query.offset ?? 0,
      query.limit === undefined ? undefined : (query.offset ?? 0) + query.limit,
    );
    const projected = rows.map((r) => this.project(def, r, query.fields, version));
    return this.page({ rows: projected, totalSize: projected.length, batchSize }, 0, version);
  }

  more(locator: string, version: string): QueryPage {
    const [id, offset] = locator.split(/-(?=\d+$)/);
    const cursor = id ? this.cursors.get(id) : undefined;
    if (!cursor || offset === undefined)
      throw new SfApiError(400, 'INVALID_QUERY_LOCATOR', 'invalid query locator');
    return this.page(cursor, Number(offset), version, id);
  }

  private page(cursor: Cursor, offset: number, version: string, existingId?: string): QueryPage {
    const records = cursor.rows.slice(offset, offset + cursor.batchSize);
    const nextOffset = offset + records.length;
    if (nextOffset >= cursor.rows.length) return { totalSize: cursor.totalSize, done: true, records };
    const id = existingId ?? `01g${randomUUID().replaceAll('-', '').slice(0, 15)}`;
    this.cursors.set(id, cursor);
    return {
      totalSize: cursor.totalSize,
      done: false,
      records,
      nextRecordsUrl: `/services/data/v${version}/query/${id}-${nextOffset}`,
    };
  }

  private objectFor(name: string): SObjectDef {
    const def = [...this.store.objects.values()].find((o) => o.name.toLowerCase() === name.toLowerCase());
    if (!def) {
      throw new SfApiError(
        400,
        'INVALID_TYPE',
        `sObject type '${name}' is not supported. If you are attempting to use a custom object, be sure to append the '__c' after the entity name.`,
      );
    }
    return def;
  }

  /** Follows `Account.Owner.Name` through reference fields' relationship names. */
  private relationship(def: SObjectDef, name: string) {
    return [...def.fields.values()].find((f) => f.relationshipName?.toLowerCase() === name.toLowerCase());
  }

  private checkField(def: SObjectDef, path: string): void {
    const parts = path.split('.');
    let current = def;
    for (const [i, part] of parts.entries()) {
      if (i === parts.length - 1) {
        if (![...current.fields.keys()].some((f) => f.toLowerCase() === part.toLowerCase())) {
          throw new SfApiError(400, 'INVALID_FIELD', `No such column '${part}' on entity '${current.name}'.`);
        }
        return;
      }
      const reference = this.relationship(current, part);
      const target = reference?.referenceTo?.[0];
      if (!target)
        throw new SfApiError(400, 'INVALID_FIELD', `Didn't understand relationship '${part}' in field path.`);
      current = this.objectFor(target);
    }
  }

  private resolve(def: SObjectDef, record: SfRecord | undefined, path: string): unknown {
    if (!record) return null;
    const [head, ...rest] = path.split('.');
    if (!head) return null;
    if (rest.length === 0) {
      const key = Object.keys(record).find((k) => k.toLowerCase() === head.toLowerCase());
      return key === undefined ? null : record[key];
    }
    const reference = this.relationship(def, head);
    const target = reference?.referenceTo?.[0];
    if (!reference || !target) return null;
    const related = this.store.get(target, String(record[reference.name] ?? ''));
    return this.resolve(this.objectFor(target), related, rest.join('.'));
  }

  private project(
    def: SObjectDef,
    record: SfRecord,
    fields: string[],
    version: string,
  ): Record<string, unknown> {
    const out: Record<string, unknown> = {
      attributes: { type: def.name, url: `/services/data/v${version}/sobjects/${def.name}/${record.Id}` },
    };
    for (const path of fields) this.place(out, def, record, path.split('.'), version);
    return out;
  }

  /** Relationship fields come back nested (`Account: { attributes, Name }`), or null when unset. */
  private place(
    target: Record<string, unknown>,
    def: SObjectDef,
    record: SfRecord,
    parts: string[],
    version: string,
  ): void {
    const [head, ...rest] = parts;
    if (!head) return;
    if (rest.length === 0) {
      const field = [...def.fields.values()].find((f) => f.name.toLowerCase() === head.toLowerCase());
      if (field) target[field.name] = record[field.name] ?? null;
      return;
    }
    const reference = this.relationship(def, head);
    const targetType = reference?.referenceTo?.[0];
    if (!reference?.relationshipName || !targetType) return;
    const related = this.store.get(targetType, String(record[reference.name] ?? ''));
    if (!related) {
      target[reference.relationshipName] = null;
      return;
    }
    const existing = target[reference.relationshipName];
    const nested =
      existing && typeof existing === 'object'
        ? (existing as Record<string, unknown>)
        : {
            attributes: {
              type: targetType,
              url: `/services/data/v${version}/sobjects/${targetType}/${related.Id}`,
            },
          };
    target[reference.relationshipName] = nested;
    this.place(nested, this.objectFor(targetType), related, rest, version);
  }
}
