import { randomBytes } from "node:crypto";

let lastMs = 0;
let seq = 0;

// Random bytes are drawn from the CSPRNG 4 KiB at a time: each sync call costs a few µs on this
// kind of VM, and a submission takes a dozen ids (as node's randomUUID caches its entropy too).
const POOL_BYTES = 4096;
let pool = Buffer.alloc(0);
let offset = 0;

function random(n: number): Buffer {
  if (offset + n > pool.length) {
    pool = randomBytes(POOL_BYTES);
    offset = 0;
  }
  offset += n;
  return pool.subarray(offset - n, offset);
}

/**
 * RFC 9562 UUIDv7: time-ordered, so ids index well and sort by creation.
 * A 12-bit counter in rand_a keeps ids from one process monotonic within a millisecond.
 */
export function uuidv7(now: number = Date.now()): string {
  if (now === lastMs) {
    seq = (seq + 1) & 0xfff;
  } else {
    lastMs = now;
    seq = random(2).readUInt16BE(0) & 0x7ff;
  }
  const b = random(16);
  b.writeUIntBE(now, 0, 6);
  b[6] = 0x70 | (seq >> 8);
  b[7] = seq & 0xff;
  b[8] = 0x80 | (b[8]! & 0x3f);
  const h = b.toString("hex");
  return `${h.slice(0, 8)}-${h.slice(8, 12)}-${h.slice(12, 16)}-${h.slice(16, 20)}-${h.slice(20)}`;
}
