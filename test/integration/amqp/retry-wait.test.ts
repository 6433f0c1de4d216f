import { describe, expect, it } from "vitest";
import { waitFor } from "../../../src/infra/amqp/bus.js";
import { delayFor } from "../../../src/infra/amqp/topology.js";

describe("where and how long a retry waits", () => {
  const delays = [1000, 5000, 30000];

  it("without a schedule, waits in the delay queue of its attempt (the longest once past the list)", () => {
    expect(delayFor(delays, 1)).toBe(1000);
    expect(delayFor(delays, 3)).toBe(30000);
    expect(delayFor(delays, 9)).toBe(30000);
    expect(waitFor(delays, 2, undefined)).toEqual({ queueDelay: 5000 });
  });

  it("with a schedule, waits exactly what remains, in the shortest queue that covers it", () => {
    const inMs = (ms: number) => new Date(Date.now() + ms).toISOString();
    const w = waitFor(delays, 1, inMs(4000));
    expect(w.queueDelay).toBe(5000);
    expect(w.expirationMs).toBeGreaterThan(3900);
    expect(w.expirationMs).toBeLessThanOrEqual(4000);
    // Already due: comes back at once.
    expect(waitFor(delays, 1, inMs(-50))).toEqual({ queueDelay: 1000, expirationMs: 0 });
    // Never longer than the longest delay.
    expect(waitFor(delays, 1, inMs(90_000))).toEqual({ queueDelay: 30000, expirationMs: 30000 });
  });
});
