import { describe, expect, it } from "vitest";
import { create } from "../../../src/formats/xml/builder.js";
import { parseXml } from "../../../src/formats/xml/parse.js";

describe("XML builder", () => {
  it("declares a namespace only where it is not in scope, and writes a declaration when asked", () => {
    const root = create({ version: "1.0", encoding: "UTF-8" }).ele("urn:md", "md:MetaData");
    root.ele("urn:md", "md:Version").txt("3.6").up();
    const dec = root.ele("urn:dec", "Declaration");
    dec.ele("urn:dec", "ID").txt("X1").up();
    expect(root.end()).toBe(
      '<?xml version="1.0" encoding="UTF-8"?><md:MetaData xmlns:md="urn:md"><md:Version>3.6</md:Version><Declaration xmlns="urn:dec"><ID>X1</ID></Declaration></md:MetaData>',
    );
  });

  it("keeps prefixes declared by attribute on the root, declarations first, as canonical XML orders them", () => {
    const inv = create().ele("urn:inv", "Invoice", { "xmlns:cac": "urn:cac", "xmlns:cbc": "urn:cbc" });
    inv.ele("urn:cac", "cac:Party").ele("urn:cbc", "cbc:Name", { languageID: "en" }).txt("A").up().up();
    expect(inv.end({ headless: true })).toBe(
      '<Invoice xmlns="urn:inv" xmlns:cac="urn:cac" xmlns:cbc="urn:cbc"><cac:Party><cbc:Name languageID="en">A</cbc:Name></cac:Party></Invoice>',
    );
  });

  it("escapes text and attributes as Canonical XML does, and reads back the same values", () => {
    const r = create().ele("urn:x", "r", { a: 'x"<&\t\n\r' });
    r.ele("urn:x", "t").txt("a < b && c > d\r").up();
    const xml = r.end();
    expect(xml).toBe(
      '<r xmlns="urn:x" a="x&quot;&lt;&amp;&#x9;&#xA;&#xD;"><t>a &lt; b &amp;&amp; c &gt; d&#xD;</t></r>',
    );
    const parsed = parseXml(Buffer.from(xml));
    expect(parsed.root).toBe("r");
    expect((parsed.tree["t"] as string).startsWith("a < b && c > d")).toBe(true);
  });

  it("pretty-prints nested elements and keeps text inline", () => {
    const r = create({ version: "1.0" }).ele("urn:x", "a");
    r.ele("urn:x", "b").txt("1").up().ele("urn:x", "c").ele("urn:x", "d").up();
    expect(r.end({ prettyPrint: true })).toBe(
      '<?xml version="1.0"?>\n<a xmlns="urn:x">\n  <b>1</b>\n  <c>\n    <d/>\n  </c>\n</a>',
    );
  });
});
