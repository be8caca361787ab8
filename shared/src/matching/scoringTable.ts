import type { MatchModel } from './matchModel.js';
import {
  cityMatches,
  DOMAIN_DIFF,
  DOMAIN_LABEL,
  DOMAIN_NONE,
  DOMAIN_SAME,
  domainWeight,
  PHONE_DIFF,
  PHONE_SAME,
  PHONE_TAIL,
  phoneWeight,
  streetWeight,
  withName,
  type FieldParts,
} from './numericScore.js';
import type { PreparedRecord } from './record.js';
import { jaroWinklerAtLeast, jaroWinklerBound, letterMask } from './similarity/jaroWinkler.js';
import type { NameProfile } from './similarity/nameSimilarity.js';

/** Numbers strings: equal strings get equal codes, 0 stands for absent. */
class Codes {
  private readonly codes = new Map<string, number>();
  get size(): number {
    return this.codes.size;
  }

  of(value: string | null | undefined): number {
    if (!value) return 0;
    let code = this.codes.get(value);
    if (code === undefined) {
      code = this.codes.size + 1;
      this.codes.set(value, code);
    }
    return code;
  }
}

const labelOf = (domain: string): string => {
  const dot = domain.indexOf('.');
  return dot < 0 ? domain : domain.slice(0, dot);
};

/**
 * The records of one `findDuplicates` run as columns of integer codes, so that scoring a pair
 * compares numbers held side by side in typed arrays instead of following each record's objects
 * and comparing their strings: at 100,000 rows the memory traffic of that, not the arithmetic, was
 * the cost. `logOdds` gives exactly what `numericLogOdds` gives for the same two records; a test
 * checks it.
 */
export class ScoringTable {
  private readonly domainStart: Int32Array;
  private readonly domains: Int32Array;
  private readonly labels: Int32Array;
  private readonly email: Int32Array;
  private readonly hasPhone: Uint8Array;
  private readonly e164: Int32Array;
  /** Full national number when it has eight digits or more, else 0. */
  private readonly national: Int32Array;
  /** Last seven digits when there are seven, else 0. */
  private readonly tail: Int32Array;
  private readonly hasAddress: Uint8Array;
  private readonly houseNumber: Int32Array;
  private readonly street: Int32Array;
  private readonly streetMask: Int32Array;
  private readonly zip: Int32Array;
  private readonly city: Int32Array;
  private readonly cityMask: Int32Array;
  /** Whether the city has a space, without which "new york" ⊂ "new york city" cannot apply. */
  private readonly cityWords: Uint8Array;
  /**
   * Verdicts on pairs of different cities, by their two codes: a CSV holds far fewer cities than
   * pairs, and most candidate pairs lie in different ones. Cleared if it grows past a million.
   */
  private readonly sameCity = new Map<number, boolean>();
  private readonly cities: number;
  private readonly parts: FieldParts = {
    domain: 0,
    email: 0,
    hasPhone: false,
    phone: 0,
    address: 0,
    zip: 0,
    city: 0,
  };

  constructor(
    private readonly records: readonly PreparedRecord[],
    private readonly profiles: readonly NameProfile[],
    private readonly model: MatchModel,
  ) {
    const count = records.length;
    const codes = {
      domain: new Codes(),
      label: new Codes(),
      email: new Codes(),
      phone: new Codes(),
      address: new Codes(),
      zip: new Codes(),
      city: new Codes(),
    };
    const domainCount = records.reduce((sum, record) => sum + record.domains.length, 0);
    this.domainStart = new Int32Array(count + 1);
    this.domains = new Int32Array(domainCount);
    this.labels = new Int32Array(domainCount);
    this.email = new Int32Array(count);
    this.hasPhone = new Uint8Array(count);
    this.e164 = new Int32Array(count);
    this.national = new Int32Array(count);
    this.tail = new Int32Array(count);
    this.hasAddress = new Uint8Array(count);
    this.houseNumber = new Int32Array(count);
    this.street = new Int32Array(count);
    this.streetMask = new Int32Array(count);
    this.zip = new Int32Array(count);
    this.city = new Int32Array(count);
    this.cityMask = new Int32Array(count);
    this.cityWords = new Uint8Array(count);
    let at = 0;
    records.forEach((record, i) => {
      this.domainStart[i] = at;
      for (const { domain } of record.domains) {
        this.domains[at] = codes.domain.of(domain);
        this.labels[at] = codes.label.of(labelOf(domain));
        at++;
      }
      this.email[i] = codes.email.of(record.email);
      if (record.phone) {
        const { e164, national, tail } = record.phone;
        this.hasPhone[i] = 1;
        this.e164[i] = codes.phone.of(e164);
        this.national[i] = national.length >= 8 ? codes.phone.of(national) : 0;
        this.tail[i] = tail.length === 7 ? codes.phone.of(tail) : 0;
      }
      const address = record.address;
      if (address && address.streetTokens.length > 0) {
        this.hasAddress[i] = 1;
        this.houseNumber[i] = codes.address.of(address.number);
        this.street[i] = codes.address.of(address.street);
        this.streetMask[i] = letterMask(address.street);
      }
      this.zip[i] = codes.zip.of(record.zip);
      this.city[i] = codes.city.of(record.city);
      if (record.city) {
        this.cityMask[i] = letterMask(record.city);
        this.cityWords[i] = record.city.includes(' ') ? 1 : 0;
      }
    });
    this.domainStart[count] = at;
    this.cities = codes.city.size + 1;
  }

  private domainOutcome(i: number, j: number): number {
    const fromI = this.domainStart[i] as number;
    const toI = this.domainStart[i + 1] as number;
    const fromJ = this.domainStart[j] as number;
    const toJ = this.domainStart[j + 1] as number;
    if (fromI === toI || fromJ === toJ) return DOMAIN_NONE;
    for (let x = fromI; x < toI; x++)
      for (let y = fromJ; y < toJ; y++) if (this.domains[x] === this.domains[y]) return DOMAIN_SAME;
    for (let x = fromI; x < toI; x++)
      for (let y = fromJ; y < toJ; y++) if (this.labels[x] === this.labels[y]) return DOMAIN_LABEL;
    return DOMAIN_DIFF;
  }

  private streetSimilarity(i: number, j: number): number {
    if (this.street[i] === this.street[j]) return 1;
    const left = (this.records[i] as PreparedRecord).address!.street;
    const right = (this.records[j] as PreparedRecord).address!.street;
    if (
      jaroWinklerBound(left, right, this.streetMask[i] as number, this.streetMask[j] as number) <
      0.85 - 1e-9
    )
      return 0;
    return jaroWinklerAtLeast(left, right, 0.85);
  }

  private citiesMatch(i: number, j: number): boolean {
    const left = this.city[i] as number;
    const right = this.city[j] as number;
    if (left === right) return true;
    const key = left * this.cities + right;
    const known = this.sameCity.get(key);
    if (known !== undefined) return known;
    const same = this.compareCities(i, j);
    if (this.sameCity.size >= 1_000_000) this.sameCity.clear();
    this.sameCity.set(key, same);
    return same;
  }

  private compareCities(i: number, j: number): boolean {
    const left = (this.records[i] as PreparedRecord).city as string;
    const right = (this.records[j] as PreparedRecord).city as string;
    // Without a space in either, only Jaro-Winkler ≥ 0.95 could make them the same city.
    if (
      this.cityWords[i] === 0 &&
      this.cityWords[j] === 0 &&
      jaroWinklerBound(left, right, this.cityMask[i] as number, this.cityMask[j] as number) < 0.95 - 1e-9
    )
      return false;
    return cityMatches(left, right);
  }

  /** `numericLogOdds(records[i], records[j], …, floor)` for records `i` < `j` of the table. */
  logOdds(i: number, j: number, floor = -Infinity): number {
    const w = this.model.weights;
    const parts = this.parts;
    const domain = this.domainOutcome(i, j);
    parts.domain = domainWeight(domain, w);
    const email = this.email[i] as number;
    parts.email = email !== 0 && email === this.email[j] ? w.email_same : 0;
    parts.hasPhone = this.hasPhone[i] === 1 && this.hasPhone[j] === 1;
    if (parts.hasPhone) {
      const e164 = this.e164[i] as number;
      const national = this.national[i] as number;
      const tail = this.tail[i] as number;
      const outcome =
        (e164 !== 0 && e164 === this.e164[j]) || (national !== 0 && national === this.national[j])
          ? PHONE_SAME
          : tail !== 0 && tail === this.tail[j]
            ? PHONE_TAIL
            : PHONE_DIFF;
      parts.phone = phoneWeight(outcome, domain, w);
    }
    parts.address = 0;
    if (this.hasAddress[i] === 1 && this.hasAddress[j] === 1) {
      const left = this.houseNumber[i] as number;
      const right = this.houseNumber[j] as number;
      parts.address =
        left !== 0 && right !== 0 && left !== right
          ? w.address_diff
          : streetWeight(this.streetSimilarity(i, j), w);
    }
    const zip = this.zip[i] as number;
    parts.zip = zip !== 0 && this.zip[j] !== 0 ? (zip === this.zip[j] ? w.zip_same : w.zip_diff) : 0;
    parts.city =
      this.city[i] !== 0 && this.city[j] !== 0 ? (this.citiesMatch(i, j) ? w.city_same : w.city_diff) : 0;
    return withName(
      this.model,
      parts,
      domain,
      this.profiles[i] as NameProfile,
      this.profiles[j] as NameProfile,
      floor,
    );
  }
}
