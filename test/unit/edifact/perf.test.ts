import { describe, expect, it } from "vitest";
import { interchange, parseEdifact, type SegmentInput } from "../../../src/formats/edifact/index.js";

/**
 * Parse speed on a generated 1 MB interchange (hand-made INVOIC lines with escaped values). The target
 * is well under 100 ms on one core; the assertion is loose because test machines are shared and noisy,
 * so it catches a regression by an order of magnitude, and the median is printed for the record.
 */
function lines(n: number): SegmentInput[] {
  return [
    ["LIN", String(n), "", ["4000862141404", "SRV"]],
    ["PIA", "1", ["ART-" + String(n), "SA"]],
    ["IMD", "F", "", ["", "", "", "Widget, size 10?+ finish: matt"]],
    ["QTY", ["47", String(n % 17), "C62"]],
    ["MOA", ["203", `${n}.50`]],
    ["PRI", ["AAA", "9.95", "", "", "1", "C62"]],
    ["TAX", "7", "VAT", "", "", ["", "", "", "19"], "S"],
    ["DTM", ["171", "20240131", "102"]],
  ];
}

function invoice(ref: number): SegmentInput[] {
  const body: SegmentInput[] = [
    ["BGM", "380", `INV-${ref}`, "9"],
    ["DTM", ["137", "20240131", "102"]],
    ["NAD", "BY", ["4000001000005", "", "9"]],
  ];
  for (let n = 1; n <= 40; n++) body.push(...lines(n));
  return body;
}

function megabyteInterchange(): string {
  const init = {
    sender: "SENDER",
    recipient: "RECEIVER",
    controlRef: "PERF",
    preparedAt: new Date(Date.UTC(2024, 0, 31)),
  };
  const one = interchange(init)
    .message("INVOIC", "D", "01B", "UN", invoice(1))
    .write({ lineBreak: "\n" }).length;
  const builder = interchange(init);
  for (let ref = 1; ref <= Math.ceil(1_000_000 / one) + 1; ref++)
    builder.message("INVOIC", "D", "01B", "UN", invoice(ref));
  return builder.write({ lineBreak: "\n" });
}

describe("EDIFACT parse speed", () => {
  it("parses a 1 MB interchange", () => {
    const bytes = Buffer.from(megabyteInterchange(), "utf8");
    expect(bytes.length).toBeGreaterThan(1_000_000);
    for (let k = 0; k < 2; k++) parseEdifact(bytes);
    const times: number[] = [];
    let segments = 0;
    for (let k = 0; k < 5; k++) {
      const started = performance.now();
      const r = parseEdifact(bytes);
      times.push(performance.now() - started);
      expect(r.problems).toEqual([]);
      segments = r.interchanges[0]!.messages.reduce((sum, m) => sum + m.segments.length + 2, 2);
    }
    times.sort((a, b) => a - b);
    const median = times[2]!;
    console.log(
      `EDIFACT: ${(bytes.length / 1e6).toFixed(2)} MB, ${segments} segments, median ${median.toFixed(1)} ms (best ${times[0]!.toFixed(1)} ms)`,
    );
    expect(median).toBeLessThan(2000);
  });
});
