import { GENERIC_NAME_WORDS } from './normalise/companyName.js';

/**
 * Document frequencies of name tokens over a tenant's accounts (or a CSV being cleaned), kept up to
 * date as records come and go. Rare tokens identify a company; "Acme" counts for more than "Systems".
 */
export class TokenRarity {
  private readonly frequency = new Map<string, number>();
  private documents = 0;
  /** Weights computed since the statistics last changed: a lookup weighs the same tokens many times. */
  private readonly cache = new Map<string, number>();
  private cachedAt = -1;
  private version = 0;

  get size(): number {
    return this.documents;
  }

  add(tokens: readonly string[]): void {
    this.version++;
    this.documents++;
    // A token repeated in one name counts once; names are short, so a scan beats building a set.
    tokens.forEach((token, i) => {
      if (tokens.indexOf(token) === i) this.frequency.set(token, (this.frequency.get(token) ?? 0) + 1);
    });
  }

  remove(tokens: readonly string[]): void {
    this.version++;
    this.documents = Math.max(0, this.documents - 1);
    for (let i = 0; i < tokens.length; i++) {
      const token = tokens[i] as string;
      if (tokens.indexOf(token) !== i) continue;
      const count = (this.frequency.get(token) ?? 0) - 1;
      if (count > 0) this.frequency.set(token, count);
      else this.frequency.delete(token);
    }
  }

  documentFrequency(token: string): number {
    return this.frequency.get(token) ?? 0;
  }

  /**
   * Smoothed inverse document frequency, damped for words that are generic in company names
   * whatever the corpus says (a small tenant may have few "Systems" but it still says little).
   */
  weight(token: string): number {
    if (this.cachedAt !== this.version || this.cache.size > 200_000) {
      this.cache.clear();
      this.cachedAt = this.version;
    }
    const cached = this.cache.get(token);
    if (cached !== undefined) return cached;
    const weight = this.computeWeight(token);
    this.cache.set(token, weight);
    return weight;
  }

  private computeWeight(token: string): number {
    const idf = Math.log(1 + (this.documents + 1) / (this.documentFrequency(token) + 1));
    return GENERIC_NAME_WORDS.has(token) ? idf * 0.35 : idf;
  }
}

/** Without statistics every token weighs the same, except the generic ones. */
export const uniformRarity = (): TokenRarity => new TokenRarity();
