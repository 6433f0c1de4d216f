/**
 * SM2 digital signatures (GB/T 32918.2) with SM3 (GB/T 32905), on node:crypto's SM3 and BigInt
 * curve arithmetic. node:crypto knows the SM2 curve, but signing an EC key on it is plain ECDSA,
 * not SM2: the SM2 scheme hashes a Z value (the signer's identity and key) with the message and
 * computes r and s differently.
 *
 * Side channels: on the recommended curve the nonce point k·G is computed by OpenSSL (ECDH on
 * "SM2"), so the secret nonce never meets non-constant-time BigInt code; s = (1+d)⁻¹(k − r·d) still
 * runs in BigInt, as in other JavaScript SM2 implementations. Verification handles public values only.
 */
import { createECDH, createHash, createPublicKey, randomBytes, type KeyObject } from "node:crypto";
import * as asn1js from "asn1js";

export interface Point {
  readonly x: bigint;
  readonly y: bigint;
}

export interface Curve {
  readonly name: string;
  readonly p: bigint;
  readonly a: bigint;
  readonly b: bigint;
  readonly n: bigint;
  readonly g: Point;
  /** Field size in bytes, for encodings. */
  readonly size: number;
}

/** sm2p256v1, the curve GB/T 32918.5 recommends (OID 1.2.156.10197.1.301). */
export const SM2_CURVE: Curve = {
  name: "sm2p256v1",
  p: 0xfffffffeffffffffffffffffffffffffffffffff00000000ffffffffffffffffn,
  a: 0xfffffffeffffffffffffffffffffffffffffffff00000000fffffffffffffffcn,
  b: 0x28e9fa9e9d9f5e344d5a9e4bcf6509a7f39789f515ab8f92ddbcbd414d940e93n,
  n: 0xfffffffeffffffffffffffffffffffff7203df6b21c6052b53bbf40939d54123n,
  g: {
    x: 0x32c4ae2c1f1981195f9904466a39c9948fe30bbff2660be1715a4589334c74c7n,
    y: 0xbc3736a2f4f6779c59bdcee36b692153d0a9877cc62a474002df32e52139f0a0n,
  },
  size: 32,
};

/** The default signer identity of GB/T 35276 (and every CA in practice) when none is agreed. */
export const SM2_DEFAULT_ID = Buffer.from("1234567812345678", "ascii");

export interface Sm2PublicKey {
  readonly curve: Curve;
  readonly point: Point;
}

export interface Sm2PrivateKey extends Sm2PublicKey {
  readonly d: bigint;
}

export interface Sm2Options {
  /** The signer's distinguishing identifier; SM2_DEFAULT_ID when absent. */
  readonly id?: Buffer;
}

const SM2_OID = "1.2.156.10197.1.301";

function mod(a: bigint, m: bigint): bigint {
  const r = a % m;
  return r >= 0n ? r : r + m;
}

/** Inverse modulo a prime, by the extended Euclidean algorithm. */
function inv(a: bigint, m: bigint): bigint {
  let [r0, r1] = [mod(a, m), m];
  let [s0, s1] = [1n, 0n];
  while (r1 !== 0n) {
    const q = r0 / r1;
    [r0, r1] = [r1, r0 - q * r1];
    [s0, s1] = [s1, s0 - q * s1];
  }
  if (r0 !== 1n) throw new RangeError("not invertible");
  return mod(s0, m);
}

/** Jacobian coordinates (X, Y, Z) for x = X/Z², y = Y/Z³; Z = 0 is the point at infinity. */
type Jac = readonly [bigint, bigint, bigint];
const INFINITY: Jac = [1n, 1n, 0n];

function double(c: Curve, [x, y, z]: Jac): Jac {
  if (z === 0n || y === 0n) return INFINITY;
  const { p } = c;
  const yy = mod(y * y, p);
  const s = mod(4n * x * yy, p);
  const zz = mod(z * z, p);
  const m = mod(3n * x * x + c.a * zz * zz, p);
  const x3 = mod(m * m - 2n * s, p);
  const y3 = mod(m * (s - x3) - 8n * yy * yy, p);
  return [x3, y3, mod(2n * y * z, p)];
}

function add(c: Curve, a: Jac, b: Jac): Jac {
  if (a[2] === 0n) return b;
  if (b[2] === 0n) return a;
  const { p } = c;
  const z1z1 = mod(a[2] * a[2], p);
  const z2z2 = mod(b[2] * b[2], p);
  const u1 = mod(a[0] * z2z2, p);
  const u2 = mod(b[0] * z1z1, p);
  const s1 = mod(a[1] * b[2] * z2z2, p);
  const s2 = mod(b[1] * a[2] * z1z1, p);
  if (u1 === u2) return s1 === s2 ? double(c, a) : INFINITY;
  const h = mod(u2 - u1, p);
  const r = mod(s2 - s1, p);
  const hh = mod(h * h, p);
  const hhh = mod(h * hh, p);
  const v = mod(u1 * hh, p);
  const x3 = mod(r * r - hhh - 2n * v, p);
  const y3 = mod(r * (v - x3) - s1 * hhh, p);
  return [x3, y3, mod(a[2] * b[2] * h, p)];
}

function toAffine(c: Curve, [x, y, z]: Jac): Point | null {
  if (z === 0n) return null;
  const zi = inv(z, c.p);
  const zi2 = mod(zi * zi, c.p);
  return { x: mod(x * zi2, c.p), y: mod(y * zi2 * zi, c.p) };
}

/** u·P + v·Q in one pass (Shamir's trick): verification's only curve work. */
function twoMultiply(c: Curve, u: bigint, pt: Point, v: bigint, q: Point): Point | null {
  const P: Jac = [pt.x, pt.y, 1n];
  const Q: Jac = [q.x, q.y, 1n];
  const PQ = add(c, P, Q);
  let acc = INFINITY;
  for (let i = BigInt(Math.max(u.toString(2).length, v.toString(2).length) - 1); i >= 0n; i--) {
    acc = double(c, acc);
    const bu = (u >> i) & 1n;
    const bv = (v >> i) & 1n;
    if (bu && bv) acc = add(c, acc, PQ);
    else if (bu) acc = add(c, acc, P);
    else if (bv) acc = add(c, acc, Q);
  }
  return toAffine(c, acc);
}

function onCurve(c: Curve, { x, y }: Point): boolean {
  return x < c.p && y < c.p && mod(y * y - (x * x * x + c.a * x + c.b), c.p) === 0n;
}

function toBytes(v: bigint, size: number): Buffer {
  return Buffer.from(v.toString(16).padStart(size * 2, "0"), "hex");
}

function toBig(b: Uint8Array): bigint {
  return b.length === 0 ? 0n : BigInt(`0x${Buffer.from(b).toString("hex")}`);
}

/** k·G. On sm2p256v1 OpenSSL does it, so the secret k stays out of BigInt timing. */
function baseMultiply(c: Curve, k: bigint): Point | null {
  if (c === SM2_CURVE) {
    const ecdh = createECDH("SM2");
    ecdh.setPrivateKey(toBytes(k, c.size));
    const pub = ecdh.getPublicKey();
    return { x: toBig(pub.subarray(1, 1 + c.size)), y: toBig(pub.subarray(1 + c.size)) };
  }
  return twoMultiply(c, k, c.g, 0n, c.g);
}

/** Z = SM3(ENTL ‖ ID ‖ a ‖ b ‖ xG ‖ yG ‖ xA ‖ yA), GB/T 32918.2 §5.5. */
export function sm2Z(key: Sm2PublicKey, id: Buffer = SM2_DEFAULT_ID): Buffer {
  const bits = id.length * 8;
  if (bits > 0xffff) throw new RangeError("the SM2 identity is longer than 8191 bytes");
  const { curve: c, point } = key;
  return createHash("sm3")
    .update(Buffer.from([bits >> 8, bits & 0xff]))
    .update(id)
    .update(Buffer.concat([c.a, c.b, c.g.x, c.g.y, point.x, point.y].map((v) => toBytes(v, c.size))))
    .digest();
}

function digestE(message: Buffer, key: Sm2PublicKey, id: Buffer | undefined): bigint {
  return toBig(createHash("sm3").update(sm2Z(key, id)).update(message).digest());
}

/**
 * Signs `message` (the whole message: SM2 hashes it with Z itself). Returns r ‖ s, each the
 * curve's size, the form XML-DSig and JWS use for elliptic-curve signatures.
 * `nonce` exists for the standard's known-answer examples; leave it out everywhere else.
 */
export function sm2Sign(
  message: Buffer,
  key: Sm2PrivateKey,
  opts: Sm2Options & { readonly nonce?: () => bigint } = {},
): Buffer {
  const { curve: c, d } = key;
  const e = digestE(message, key, opts.id);
  const nextNonce = opts.nonce ?? (() => toBig(randomBytes(c.size)));
  const dInv = inv(1n + d, c.n);
  for (;;) {
    const k = nextNonce();
    if (k <= 0n || k >= c.n) continue;
    const kg = baseMultiply(c, k);
    if (!kg) continue;
    const r = mod(e + kg.x, c.n);
    if (r === 0n || r + k === c.n) continue;
    const s = mod(dInv * (k - r * d), c.n);
    if (s === 0n) continue;
    return Buffer.concat([toBytes(r, c.size), toBytes(s, c.size)]);
  }
}

/** r ‖ s, or a DER SEQUENCE of two INTEGERs (what some signers emit); null when neither. */
function decodeSignature(sig: Buffer, size: number): [bigint, bigint] | null {
  if (sig.length === 2 * size) return [toBig(sig.subarray(0, size)), toBig(sig.subarray(size))];
  const parsed = asn1js.fromBER(new Uint8Array(sig));
  if (parsed.offset !== sig.length || !(parsed.result instanceof asn1js.Sequence)) return null;
  const [r, s, ...rest] = parsed.result.valueBlock.value;
  if (!(r instanceof asn1js.Integer) || !(s instanceof asn1js.Integer) || rest.length > 0) return null;
  return [toBig(r.valueBlock.valueHexView), toBig(s.valueBlock.valueHexView)];
}

/** GB/T 32918.2 §7.1. Never throws on malformed input: it just does not verify. */
export function sm2Verify(
  message: Buffer,
  signature: Buffer,
  key: Sm2PublicKey,
  opts: Sm2Options = {},
): boolean {
  const { curve: c } = key;
  const rs = decodeSignature(signature, c.size);
  if (!rs) return false;
  const [r, s] = rs;
  if (r < 1n || r >= c.n || s < 1n || s >= c.n) return false;
  const t = mod(r + s, c.n);
  if (t === 0n) return false;
  const pt = twoMultiply(c, s, c.g, t, key.point);
  if (!pt) return false;
  return mod(digestE(message, key, opts.id) + pt.x, c.n) === r;
}

export function sm2PublicKey(point: Point, curve: Curve = SM2_CURVE): Sm2PublicKey {
  if (!onCurve(curve, point)) throw new RangeError("the point is not on the SM2 curve");
  return { curve, point };
}

export function sm2PrivateKey(d: bigint, curve: Curve = SM2_CURVE): Sm2PrivateKey {
  if (d < 1n || d >= curve.n - 1n) throw new RangeError("the SM2 private key is out of range");
  const point = baseMultiply(curve, d);
  if (!point) throw new RangeError("the SM2 private key is out of range");
  return { curve, point, d };
}

/** The named curve and point of an EC SubjectPublicKeyInfo. */
function parseEcSpki(der: Buffer): { curve: string | undefined; point: Uint8Array } | null {
  const spki = asn1js.fromBER(new Uint8Array(der)).result;
  if (!(spki instanceof asn1js.Sequence)) return null;
  const [alg, bits] = spki.valueBlock.value;
  const params = alg instanceof asn1js.Sequence ? alg.valueBlock.value[1] : undefined;
  if (!(bits instanceof asn1js.BitString)) return null;
  return {
    curve: params instanceof asn1js.ObjectIdentifier ? params.getValue() : undefined,
    point: bits.valueBlock.valueHexView,
  };
}

function spkiOf(key: KeyObject): Buffer {
  return (key.type === "private" ? createPublicKey(key) : key).export({ format: "der", type: "spki" });
}

/**
 * OpenSSL 3 loads PEM keys on the SM2 curve as its own "SM2" type, which node reports as an
 * unknown key type, so the curve is read from the SubjectPublicKeyInfo instead.
 */
export function isSm2Key(key: KeyObject): boolean {
  if (key.type === "secret") return false;
  if (key.asymmetricKeyType !== undefined) {
    if (key.asymmetricKeyType !== "ec") return false;
    const curve = key.asymmetricKeyDetails?.namedCurve;
    if (curve !== undefined) return curve === "SM2";
  }
  return parseEcSpki(spkiOf(key))?.curve === SM2_OID;
}

/** The SM2 public key of a node KeyObject (public or private). */
export function sm2PublicFromKeyObject(key: KeyObject): Sm2PublicKey {
  const spki = isSm2Key(key) ? parseEcSpki(spkiOf(key)) : null;
  const size = SM2_CURVE.size;
  if (!spki || spki.point.length !== 1 + 2 * size || spki.point[0] !== 0x04)
    throw new TypeError("not an SM2 key with an uncompressed point");
  return sm2PublicKey({
    x: toBig(spki.point.subarray(1, 1 + size)),
    y: toBig(spki.point.subarray(1 + size)),
  });
}

/** The SM2 private scalar of a node KeyObject, from its PKCS#8 ECPrivateKey. */
export function sm2PrivateFromKeyObject(key: KeyObject): Sm2PrivateKey {
  if (!isSm2Key(key) || key.type !== "private") throw new TypeError("not an SM2 private key");
  const info = asn1js.fromBER(new Uint8Array(key.export({ format: "der", type: "pkcs8" })));
  const octets = info.result instanceof asn1js.Sequence ? info.result.valueBlock.value[2] : undefined;
  if (!(octets instanceof asn1js.OctetString)) throw new TypeError("unexpected PKCS#8 layout for an SM2 key");
  const ec = asn1js.fromBER(octets.valueBlock.valueHexView);
  const d = ec.result instanceof asn1js.Sequence ? ec.result.valueBlock.value[1] : undefined;
  if (!(d instanceof asn1js.OctetString)) throw new TypeError("unexpected ECPrivateKey layout");
  return sm2PrivateKey(toBig(d.valueBlock.valueHexView));
}
