import { describe, expect, it } from "vitest";
import { readBundle, toJsonBundle, toZip } from "../../../src/trace/evidence/container.js";
import { extensionOf, safeSegment } from "../../../src/trace/evidence/layout.js";
import { verifyEvidence } from "../../../src/trace/evidence/verify.js";

const files = () =>
  new Map([
    ["a/one.json", Buffer.from('{"x":1}')],
    ["b/two.bin", Buffer.from([0, 1, 2, 255])],
  ]);

describe("evidence bundle containers", () => {
  it("round-trips through zip and JSON, and a zip is the same bytes every time", () => {
    const zip = toZip(files());
    expect(zip.equals(toZip(files()))).toBe(true);
    for (const bytes of [zip, toJsonBundle(files())]) {
      const back = readBundle(bytes);
      expect([...back.keys()].sort()).toEqual(["a/one.json", "b/two.bin"]);
      expect(back.get("b/two.bin")!.equals(Buffer.from([0, 1, 2, 255]))).toBe(true);
    }
  });

  it("refuses what is not a bundle, and base64 that Node would quietly repair", () => {
    expect(() => readBundle(Buffer.from("hello"))).toThrow();
    expect(() => readBundle(Buffer.from(JSON.stringify({ format: "other", files: {} })))).toThrow(
      /neither a zip/,
    );
    const json = JSON.parse(toJsonBundle(files()).toString()) as { files: Record<string, string> };
    json.files["a/one.json"] =
      `${json.files["a/one.json"]!.slice(0, 2)}!${json.files["a/one.json"]!.slice(2)}`;
    expect(() =>
      readBundle(Buffer.from(JSON.stringify({ format: "swg-evidence-bundle+json", ...json }))),
    ).toThrow(/a\/one\.json: not canonical base64/);
  });

  it("keeps ids inside their folder", () => {
    expect(safeSegment("01a2-b3_c.d:e")).toBe("01a2-b3_c.d:e");
    for (const bad of ["..", ".", "a/b", "", "x".repeat(201), "a\\b"])
      expect(() => safeSegment(bad)).toThrow();
    expect(extensionOf("application/xml")).toBe("xml");
    expect(extensionOf("application/EDIFACT")).toBe("edi");
    expect(extensionOf("application/octet-stream")).toBe("bin");
  });
});

describe("verifyEvidence on what is not a bundle", () => {
  it("fails naming the missing manifest", async () => {
    const v = await verifyEvidence(files());
    expect(v.ok).toBe(false);
    expect(v.failedFiles).toEqual(["manifest.json"]);
  });

  it("fails a manifest that is not canonical, and files it does not list", async () => {
    const f = files();
    f.set("manifest.json", Buffer.from('{ "v": 1, "files": [] }'));
    const v = await verifyEvidence(f);
    expect(v.ok).toBe(false);
    expect(v.failedFiles).toEqual(expect.arrayContaining(["manifest.json", "a/one.json", "b/two.bin"]));
  });
});
