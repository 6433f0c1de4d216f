import { describe, expect, it } from "vitest";
import { isProblem } from "../../../src/errors/index.js";
import { guardXml } from "../../../src/formats/xml/guard.js";

function code(text: string): string | undefined {
  try {
    guardXml(text);
    return undefined;
  } catch (e) {
    return isProblem(e) ? e.code : "THREW";
  }
}

describe("XML guard", () => {
  it("accepts well-formed documents with comments, CDATA, PIs and entity references", () => {
    expect(
      code(
        `<?xml version="1.0"?><!-- c --><a x='1' y="2"><b>&amp;&#65;&#x42;</b><![CDATA[<not a tag>]]><c/></a>\n`,
      ),
    ).toBeUndefined();
  });

  it("refuses a DOCTYPE, an entity bomb and an external entity", () => {
    expect(code(`<!DOCTYPE a [<!ENTITY x "y">]><a>&x;</a>`)).toBe("SWG_XML_FORBIDDEN_CONSTRUCT");
    const lol = `<?xml version="1.0"?><!DOCTYPE lolz [<!ENTITY lol "lol"><!ENTITY lol2 "&lol;&lol;&lol;&lol;">]><lolz>&lol2;</lolz>`;
    expect(code(lol)).toBe("SWG_XML_FORBIDDEN_CONSTRUCT");
    expect(code(`<!DOCTYPE a SYSTEM "file:///etc/passwd"><a/>`)).toBe("SWG_XML_FORBIDDEN_CONSTRUCT");
  });

  it("refuses 10,000-deep nesting without recursion", () => {
    expect(code("<a>".repeat(10_000) + "</a>".repeat(10_000))).toBe("SWG_XML_LIMIT_EXCEEDED");
  });

  it("names malformations", () => {
    expect(code("<a><b></a>")).toBe("SWG_MALFORMED_XML");
    expect(code("<a><b>")).toBe("SWG_MALFORMED_XML");
    expect(code("<a/><b/>")).toBe("SWG_MALFORMED_XML");
    expect(code("<a>&undefined;</a>")).toBe("SWG_MALFORMED_XML");
    expect(code("<a>AT&T</a>")).toBe("SWG_MALFORMED_XML");
    expect(code(`<a x="1" x="2"/>`)).toBe("SWG_MALFORMED_XML");
    expect(code("text")).toBe("SWG_MALFORMED_XML");
    expect(code("<a x='<'/>")).toBe("SWG_MALFORMED_XML");
  });
});
