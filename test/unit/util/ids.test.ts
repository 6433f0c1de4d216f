import { describe, expect, it } from "vitest";
import { uuidv7 } from "../../../src/util/ids.js";

describe("uuidv7", () => {
  it("gives distinct RFC 9562 version-7 ids across many refills of the entropy pool", () => {
    // 20,000 ids draw 16 bytes each: about 80 refills of the 4 KiB pool.
    const ids = Array.from({ length: 20_000 }, () => uuidv7());
    expect(new Set(ids).size).toBe(ids.length);
    for (const id of ids)
      expect(id).toMatch(/^[0-9a-f]{8}-[0-9a-f]{4}-7[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/);
  });

  it("orders ids made in one process by creation", () => {
    // The counter starts below 0x800, so 2,048 ids always fit in one millisecond without wrapping.
    const ids = Array.from({ length: 2_000 }, () => uuidv7());
    expect([...ids].sort()).toEqual(ids);
  });

  it("carries the millisecond it was made in its first 48 bits", () => {
    const at = Date.UTC(2026, 10, 27, 12, 0, 0, 123);
    expect(parseInt(uuidv7(at).replace(/-/g, "").slice(0, 12), 16)).toBe(at);
  });

  it("keeps no two ids' random parts alike (the pool never hands the same bytes twice)", () => {
    const tails = Array.from({ length: 5_000 }, () => uuidv7(0).slice(-12));
    expect(new Set(tails).size).toBe(tails.length);
  });
});
