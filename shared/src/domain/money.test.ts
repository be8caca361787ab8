import { formatMinor, parseDecimalToMinor } from './money.js';

describe('money in minor units', () => {
  it('When a decimal string is parsed, then no floating-point error creeps in', () => {
    expect(parseDecimalToMinor('0.29')).toBe(29);
    expect(parseDecimalToMinor('1234.5')).toBe(123450);
    expect(parseDecimalToMinor('-10')).toBe(-1000);
    expect(parseDecimalToMinor('19.990')).toBe(1999);
  });

  it('When the text is not an amount or is too precise, then it is refused', () => {
    expect(() => parseDecimalToMinor('12,50')).toThrow(RangeError);
    expect(() => parseDecimalToMinor('1.005')).toThrow(/decimal places/);
    expect(() => parseDecimalToMinor('')).toThrow(RangeError);
  });

  it('When minor units are formatted, then they round-trip', () => {
    expect(formatMinor(123450)).toBe('1234.50');
    expect(formatMinor(-5)).toBe('-0.05');
    expect(parseDecimalToMinor(formatMinor(987654321))).toBe(987654321);
  });
});
