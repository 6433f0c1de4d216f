import { XMLParser } from "fast-xml-parser";
import { describe, expect, it } from "vitest";
import { isProblem } from "../../../src/errors/index.js";
import { decodeXml } from "../../../src/formats/xml/decode.js";
import { parseXml, rootOf } from "../../../src/formats/xml/parse.js";
import { listCorpus, readCorpus } from "../../helpers/corpora.js";

/** The parser parseXml used before the one-pass scanner, with the same options: the reference. */
const reference = new XMLParser({
  ignoreAttributes: false,
  attributeNamePrefix: "@_",
  removeNSPrefix: true,
  parseTagValue: false,
  parseAttributeValue: false,
  trimValues: true,
  processEntities: true,
  htmlEntities: true,
  ignoreDeclaration: true,
  ignorePiTags: true,
  commentPropName: false,
});

const sortKeys = (v: unknown): unknown =>
  Array.isArray(v)
    ? v.map(sortKeys)
    : v && typeof v === "object"
      ? Object.fromEntries(
          Object.keys(v)
            .sort()
            .map((k) => [k, sortKeys((v as Record<string, unknown>)[k])]),
        )
      : v;

function code(text: string): string | undefined {
  try {
    parseXml(Buffer.from(text, "utf8"));
    return undefined;
  } catch (e) {
    return isProblem(e) ? e.code : "THREW";
  }
}

describe("one-pass XML scanner", () => {
  it("builds the same tree as fast-xml-parser for every well-formed XML document of the corpora", () => {
    let compared = 0;
    for (const f of listCorpus().filter((p) => /\.xml$/i.test(p))) {
      let ours: unknown;
      try {
        ours = parseXml(readCorpus(f)).tree;
      } catch (e) {
        if (isProblem(e)) continue; // refused: DOCTYPE or not well-formed (checked by the corpus test)
        throw e;
      }
      const text = decodeXml(readCorpus(f));
      const theirs = (reference.parse(text) as Record<string, unknown>)[rootOf(text)!.root];
      expect(sortKeys(JSON.parse(JSON.stringify(ours))), f).toEqual(
        sortKeys(typeof theirs === "object" ? theirs : {}),
      );
      compared++;
    }
    expect(compared).toBeGreaterThan(450);
  });

  it("refuses '--' inside a comment (the CDS TT_EX002a and TT_EX022a defect)", () => {
    expect(code("<a><!-- x -- y --></a>")).toBe("SWG_MALFORMED_XML");
    expect(code("<a><!-- x - y --></a>")).toBeUndefined();
  });

  it("keeps element names such as __proto__ as plain keys", () => {
    const tree = parseXml(Buffer.from("<a><__proto__>1</__proto__><constructor>2</constructor></a>")).tree;
    expect(tree["__proto__"]).toBe("1");
    expect(tree["constructor"]).toBe("2");
    expect(Object.getPrototypeOf({})).toBe(Object.prototype);
  });

  it("refuses undeclared entities and invalid character references in text and attributes", () => {
    expect(code(`<a b="&x;"/>`)).toBe("SWG_MALFORMED_XML");
    expect(code("<a>&#xD800;</a>")).toBe("SWG_MALFORMED_XML");
    expect(code(`<a b='&lt;&#65;'>&amp;&#x42;</a>`)).toBeUndefined();
  });
});
