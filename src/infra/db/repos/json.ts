/** JSON columns are text in both databases. */
export const toJson = (v: unknown): string => JSON.stringify(v ?? null);
export const fromJson = <T>(s: string | null): T => (s === null ? (null as T) : (JSON.parse(s) as T));
export const toBool = (b: boolean): number => (b ? 1 : 0);
export const fromBool = (n: number | boolean): boolean => n === 1 || n === true;
/** PostgreSQL returns BYTEA as Buffer and SQLite BLOB as Buffer; guard against Uint8Array views. */
export const toBuffer = (b: Buffer | Uint8Array): Buffer => (Buffer.isBuffer(b) ? b : Buffer.from(b));
