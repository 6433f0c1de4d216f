/**
 * ISO 9362 Business Identifier Code: party prefix (4 alphanumeric since ISO 9362:2022, letters before),
 * country code (2 letters, ISO 3166-1 alpha-2), party suffix (2 alphanumeric), optional branch (3).
 * There is no check digit; whether the country code exists is a code-list question left to the caller.
 */
const BIC = /^([0-9A-Z]{4})([A-Z]{2})([0-9A-Z]{2})([0-9A-Z]{3})?$/;

export interface Bic {
  readonly party: string;
  readonly country: string;
  readonly suffix: string;
  readonly branch?: string;
}

export function parseBic(value: string): Bic | undefined {
  const m = BIC.exec(value);
  if (!m) return undefined;
  return { party: m[1]!, country: m[2]!, suffix: m[3]!, ...(m[4] !== undefined ? { branch: m[4] } : {}) };
}
