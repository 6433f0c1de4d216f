/** The gateway's sealing keys. Rotation keeps old keys available for verification. */
export interface SealSigner {
  readonly kid: string;
  readonly alg: "ES256" | "RS256" | "EdDSA";
  /** Base64 DER certificates, leaf first (the JWS x5c header). */
  readonly x5c: readonly string[];
  readonly notBefore: Date;
  readonly notAfter: Date;
  sign(data: Buffer): Buffer;
}

export interface SealVerifierKey {
  readonly kid: string;
  readonly alg: SealSigner["alg"];
  readonly x5c: readonly string[];
  verify(data: Buffer, signature: Buffer): boolean;
}

export interface KeyStore {
  /** The key that makes new seals. */
  current(): SealSigner;
  /** Any key, current or rotated out, by its id. */
  byKid(kid: string): SealVerifierKey | undefined;
  list(): readonly SealVerifierKey[];
}
