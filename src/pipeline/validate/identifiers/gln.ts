/**
 * GS1 Global Location Number: 13 digits, the last a GS1 mod 10 check digit
 * (GS1 General Specifications §7.9.1: weights 3 and 1 alternating from the right, excluding the check digit).
 */
const GLN = /^[0-9]{13}$/;

/** GS1 mod 10 check digit of a digit string (any GS1 key length). */
export function gs1CheckDigit(digits: string): number {
  let sum = 0;
  let weight = 3;
  for (let i = digits.length - 1; i >= 0; i--) {
    sum += (digits.charCodeAt(i) - 48) * weight;
    weight = weight === 3 ? 1 : 3;
  }
  return (10 - (sum % 10)) % 10;
}

export function isGln(value: string): boolean {
  return GLN.test(value) && gs1CheckDigit(value.slice(0, 12)) === value.charCodeAt(12) - 48;
}
