/** U+0000, or half of a surrogate pair without its other half: PostgreSQL stores neither as text. */
// eslint-disable-next-line no-control-regex -- U+0000 is exactly what is looked for
const UNSTORABLE_TEXT = /\u0000|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]/;

export const isStorableText = (text: string): boolean => !UNSTORABLE_TEXT.test(text);

/**
 * The paths of every string (and object key) in a value that cannot be stored as text, at most
 * `limit` of them. A bad key is named by the object that holds it. Iterative, so a deeply nested
 * value cannot overflow the stack.
 */
export const unstorableTextPaths = (value: unknown, limit = 20): { path: string[]; inKey: boolean }[] => {
  const found: { path: string[]; inKey: boolean }[] = [];
  const pending: { value: unknown; path: string[] }[] = [{ value, path: [] }];
  while (pending.length > 0 && found.length < limit) {
    const { value: current, path } = pending.pop()!;
    if (typeof current === 'string') {
      if (!isStorableText(current)) found.push({ path, inKey: false });
    } else if (Array.isArray(current)) {
      for (let i = current.length - 1; i >= 0; i--)
        pending.push({ value: current[i], path: [...path, String(i)] });
    } else if (current !== null && typeof current === 'object') {
      const entries = Object.entries(current);
      for (const [key] of entries) if (!isStorableText(key)) found.push({ path, inKey: true });
      for (let i = entries.length - 1; i >= 0; i--) {
        const [key, inner] = entries[i]!;
        pending.push({ value: inner, path: [...path, key] });
      }
    }
  }
  return found;
};
