import { SfApiError } from './errors.js';

/** The SOQL subset the simulator answers: one object, field paths, WHERE, ORDER BY, LIMIT, OFFSET, COUNT(). */
export type Value = string | number | boolean | null | { from: number; to: number };
export type Condition =
  | { kind: 'and' | 'or'; left: Condition; right: Condition }
  | { kind: 'not'; inner: Condition }
  | { kind: 'compare'; field: string; op: '=' | '!=' | '<' | '<=' | '>' | '>=' | 'LIKE'; value: Value }
  | { kind: 'in'; field: string; values: Value[]; negated: boolean };
export type OrderBy = { field: string; descending: boolean; nullsLast: boolean };
export type SoqlQuery = {
  fields: string[];
  count: boolean;
  from: string;
  where?: Condition;
  orderBy: OrderBy[];
  limit?: number;
  offset?: number;
};

type Token = { kind: 'word' | 'string' | 'number' | 'symbol'; text: string };

const malformed = (message: string): SfApiError => new SfApiError(400, 'MALFORMED_QUERY', message);

const tokenize = (soql: string): Token[] => {
  const tokens: Token[] = [];
  const re =
    /\s*(?:('(?:[^'\\]|\\.)*')|(-?\d+(?:\.\d+)?(?![\w:-]))|(\d{4}-\d{2}-\d{2}(?:T[\d:.]+(?:Z|[+-]\d{2}:?\d{2}))?)|([A-Za-z_][\w.]*(?::\d+)?)|(<=|>=|!=|<>|[=<>(),]))/y;
  let match: RegExpExecArray | null;
  let index = 0;
  while (index < soql.length) {
    re.lastIndex = index;
    match = re.exec(soql);
    if (!match || match[0].length === 0) {
      if (/^\s*$/.test(soql.slice(index))) break;
      throw malformed(`unexpected token: '${soql.slice(index).trim().split(/\s/)[0] ?? ''}'`);
    }
    index = re.lastIndex;
    if (match[1] !== undefined)
      tokens.push({ kind: 'string', text: match[1].slice(1, -1).replace(/\\(.)/g, '$1') });
    else if (match[2] !== undefined) tokens.push({ kind: 'number', text: match[2] });
    else if (match[3] !== undefined) tokens.push({ kind: 'string', text: match[3] });
    else if (match[4] !== undefined) tokens.push({ kind: 'word', text: match[4] });
    else if (match[5] !== undefined)
      tokens.push({ kind: 'symbol', text: match[5] === '<>' ? '!=' : match[5] });
  }
  return tokens;
};

const DAY = 86_400_000;

/** Relative date literals, as ranges relative to `now`. */
const dateLiteral = (word: string, now: number): Value | undefined => {
  const today = Math.floor(now / DAY) * DAY;
  const [name, n] = word.toUpperCase().split(':');
  const days = Number(n ?? 0);
  switch (name) {
    case 'TODAY':
      return { from: today, to: today + DAY - 1 };
    case 'YESTERDAY':
      return { from: today - DAY, to: today - 1 };
    case 'TOMORROW':
      return { from: today + DAY, to: today + 2 * DAY - 1 };
    case 'LAST_N_DAYS':
      return { from: today - days * DAY, to: today + DAY - 1 };
    case 'NEXT_N_DAYS':
      return { from: today, to: today + (days + 1) * DAY - 1 };
    default:
      return undefined;
  }
};

export const parseSoql = (soql: string, now: number): SoqlQuery => {
  const tokens = tokenize(soql);
  let pos = 0;
  const peek = (): Token | undefined => tokens[pos];
  const isWord = (text: string): boolean => peek()?.kind === 'word' && peek()?.text.toUpperCase() === text;
  const expectWord = (text: string): void => {
    if (!isWord(text)) throw malformed(`expecting '${text}', found '${peek()?.text ?? 'EOF'}'`);
    pos += 1;
  };
  const expectSymbol = (text: string): void => {
    if (peek()?.text !== text) throw malformed(`expecting '${text}', found '${peek()?.text ?? 'EOF'}'`);
    pos += 1;
  };
  const word = (): string => {
    const token = tokens[pos++];
    if (token?.kind !== 'word') throw malformed(`unexpected token: '${token?.text ?? 'EOF'}'`);
    return token.text;
  };

  expectWord('SELECT');
  const fields: string[] = [];
  let count = false;
  do {
    if (peek()?.text === ',') pos += 1;
    if (isWord('COUNT') && tokens[pos + 1]?.text === '(') {
      pos += 2;
      if (peek()?.kind === 'word') pos += 1;
      expectSymbol(')');
      count = true;
    } else if (peek()?.text === '(') {
      throw malformed('Subqueries are not supported by the simulator');
    } else {
      fields.push(word());
    }
  } while (peek()?.text === ',');
  expectWord('FROM');
  const from = word();

  const value = (): Value => {
    const token = tokens[pos++];
    if (!token) throw malformed('unexpected end of query');
    if (token.kind === 'string') return token.text;
    if (token.kind === 'number') return Number(token.text);
    const upper = token.text.toUpperCase();
    if (upper === 'TRUE' || upper === 'FALSE') return upper === 'TRUE';
    if (upper === 'NULL') return null;
    const literal = dateLiteral(token.text, now);
    if (literal) return literal;
    throw malformed(`unexpected token: '${token.text}'`);
  };

  const primary = (): Condition => {
    if (isWord('NOT')) {
      pos += 1;
      return { kind: 'not', inner: primary() };
    }
    if (peek()?.text === '(') {
      pos += 1;
      const inner = or();
      expectSymbol(')');
      return inner;
    }
    const field = word();
    const negated = isWord('NOT');
    if (negated) pos += 1;
    if (isWord('IN')) {
      pos += 1;
      expectSymbol('(');
      const values: Value[] = [value()];
      while (peek()?.text === ',') {
        pos += 1;
        values.push(value());
      }
      expectSymbol(')');
      return { kind: 'in', field, values, negated };
    }
    if (isWord('LIKE')) {
      pos += 1;
      return { kind: 'compare', field, op: 'LIKE', value: value() };
    }
    const op = tokens[pos++]?.text;
    if (!op || !['=', '!=', '<', '<=', '>', '>='].includes(op))
      throw malformed(`unexpected token: '${op ?? 'EOF'}'`);
    return { kind: 'compare', field, op: op as '=', value: value() };
  };
  const and = (): Condition => {
    let left = primary();
    while (isWord('AND')) {
      pos += 1;
      left = { kind: 'and', left, right: primary() };
    }
    return left;
  };
  const or = (): Condition => {
    let left = and();
    while (isWord('OR')) {
      pos += 1;
      left = { kind: 'or', left, right: and() };
    }
    return left;
  };

  const query: SoqlQuery = { fields, count, from, orderBy: [] };
  if (isWord('WHERE')) {
    pos += 1;
    query.where = or();
  }
  if (isWord('ORDER')) {
    pos += 1;
    expectWord('BY');
    do {
      if (peek()?.text === ',') pos += 1;
      const field = word();
      let descending = false;
      if (isWord('ASC') || isWord('DESC')) descending = word().toUpperCase() === 'DESC';
      let nullsLast = descending;
      if (isWord('NULLS')) {
        pos += 1;
        nullsLast = word().toUpperCase() === 'LAST';
      }
      query.orderBy.push({ field, descending, nullsLast });
    } while (peek()?.text === ',');
  }
  if (isWord('LIMIT')) {
    pos += 1;
    query.limit = Number(tokens[pos++]?.text);
  }
  if (isWord('OFFSET')) {
    pos += 1;
    query.offset = Number(tokens[pos++]?.text);
  }
  if (pos < tokens.length) throw malformed(`unexpected token: '${tokens[pos]?.text ?? ''}'`);
  return query;
};

const asComparable = (v: unknown): number | string | boolean | null => {
  if (v === null || v === undefined) return null;
  if (typeof v === 'number' || typeof v === 'boolean') return v;
  const text = String(v);
  if (/^\d{4}-\d{2}-\d{2}/.test(text)) return Date.parse(text.replace(/\+0000$/, 'Z'));
  return text.toLowerCase();
};

const like = (actual: unknown, pattern: string): boolean =>
  new RegExp(
    `^${pattern
      .replace(/[.*+?^${}()|[\]\\]/g, '\\$&')
      .replaceAll('%', '.*')
      .replaceAll('_', '.')}$`,
    'i',
  ).test(String(actual ?? ''));

/** Evaluates a condition; `read` resolves a (possibly dotted) field path on the record. */
export const evaluate = (condition: Condition, read: (path: string) => unknown): boolean => {
  switch (condition.kind) {
    case 'and':
      return evaluate(condition.left, read) && evaluate(condition.right, read);
    case 'or':
      return evaluate(condition.left, read) || evaluate(condition.right, read);
    case 'not':
      return !evaluate(condition.inner, read);
    case 'in': {
      const actual = asComparable(read(condition.field));
      const found = condition.values.some((v) => asComparable(v) === actual);
      return condition.negated ? !found : found;
    }
    case 'compare': {
      const raw = read(condition.field);
      if (condition.op === 'LIKE') return like(raw, String(condition.value));
      const actual = asComparable(raw);
      const wanted = condition.value;
      if (wanted !== null && typeof wanted === 'object') {
        if (actual === null || typeof actual !== 'number') return false;
        switch (condition.op) {
          case '=':
            return actual >= wanted.from && actual <= wanted.to;
          case '!=':
            return actual < wanted.from || actual > wanted.to;
          case '<':
            return actual < wanted.from;
          case '<=':
            return actual <= wanted.to;
          case '>':
            return actual > wanted.to;
          case '>=':
            return actual >= wanted.from;
        }
      }
      const target = asComparable(wanted);
      if (condition.op === '=') return actual === target;
      if (condition.op === '!=') return actual !== target;
      if (actual === null || target === null) return false;
      switch (condition.op) {
        case '<':
          return actual < target;
        case '<=':
          return actual <= target;
        case '>':
          return actual > target;
        case '>=':
          return actual >= target;
      }
    }
  }
};

export const compareForOrder = (a: unknown, b: unknown, order: OrderBy): number => {
  const x = asComparable(a);
  const y = asComparable(b);
  if (x === y) return 0;
  if (x === null) return order.nullsLast ? 1 : -1;
  if (y === null) return order.nullsLast ? -1 : 1;
  return (x < y ? -1 : 1) * (order.descending ? -1 : 1);
};
