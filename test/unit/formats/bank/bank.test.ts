import { readFileSync } from "node:fs";
import { join } from "node:path";
import { describe, expect, it } from "vitest";
import { isProblem } from "../../../../src/errors/index.js";
import { readCategory7, splitDiscrepancies } from "../../../../src/formats/bank/category7.js";
import { buildPresentationPackage } from "../../../../src/formats/bank/cover.js";
import { parseMt } from "../../../../src/formats/bank/mt.js";
import type { CanonicalDocument } from "../../../../src/model/canonical.js";
import { digestOf } from "../../../../src/util/digest.js";
import { jcs } from "../../../../src/util/jcs.js";
import { ROOT } from "../../../helpers/corpora.js";

const fin = (type: string, block4: string) =>
  `{1:F01BKCHCNBJAXXX0000000000}{2:I${type}DEUTDEFFXXXXN}{4:\n${block4}\n-}`;

function problem(f: () => unknown): { code: string; issues: { message: string; location?: string }[] } {
  try {
    f();
  } catch (e) {
    if (isProblem(e)) return { code: e.code, issues: [...e.issues] };
    throw e;
  }
  throw new Error("no problem raised");
}

describe("SWIFT FIN text blocks", () => {
  it("reads headers and fields, continuation lines joined, braces inside narrative kept", () => {
    const m = parseMt(
      `{1:F01BKCHCNBJAXXX0000000000}{2:O7541200250327DEUTDEFFAXXX12345678902503271200N}{3:{108:MUR1}{121:uuid}}{4:\n:20:REF\n:21:SR-PRES-25001\n:77:LINE ONE {X}\nLINE TWO\n-}{5:{CHK:ABC}}`,
    );
    expect(m).toMatchObject({
      messageType: "754",
      direction: "O",
      senderBic: "DEUTDEFF",
      receiverBic: "BKCHCNBJ",
      userHeader: { "108": "MUR1", "121": "uuid" },
    });
    expect(m.fields.map((f) => f.tag)).toEqual(["20", "21", "77"]);
    expect(m.fields[2]!.value).toBe("LINE ONE {X}\nLINE TWO");
  });

  it("refuses what is not a FIN message, naming what is missing", () => {
    expect(problem(() => parseMt("hello")).code).toBe("SWG_VALIDATION_FAILED");
    expect(problem(() => parseMt("{1:F01X}{4:\n:20:X\n-}")).issues.map((i) => i.message)).toEqual([
      "block 2 is missing",
    ]);
    expect(problem(() => parseMt("{1:F01X}{2:I750X}{4:\n:20:X")).code).toBe("SWG_VALIDATION_FAILED");
  });
});

describe("Category 7 answers", () => {
  it("lists every missing mandatory field and malformed value at once, with its line", () => {
    const p = problem(() => readCategory7(fin("734", ":20:/BAD\n:32A:251399USD1.00\n:77B:/KEEP/")));
    const messages = p.issues.map((i) => i.message);
    expect(messages).toEqual(
      expect.arrayContaining([
        "field :21: is mandatory in MT734",
        "field :77J: is mandatory in MT734",
        expect.stringContaining(":20: is a reference"),
        expect.stringContaining(":32A: must be date (YYMMDD)"),
        expect.stringContaining(":77B: must start with /HOLD/"),
      ]),
    );
    expect(p.issues.find((i) => i.message.includes(":32A:"))?.location).toBe("block 4 line 3, field :32A:");
  });

  it("refuses other message types as unsupported", () => {
    expect(problem(() => readCategory7(fin("700", ":20:X\n:21:Y"))).code).toBe("SWG_UNSUPPORTED_DOCUMENT");
  });

  it("tells payment from acceptance in MT 754 by 32A or 32B", () => {
    const paid = readCategory7(fin("754", ":20:A\n:21:P\n:32A:250327EUR10,5"));
    const accepted = readCategory7(fin("754", ":20:B\n:21:P\n:32B:EUR10,5"));
    expect([paid.status, paid.date, paid.amount]).toEqual([
      "paid",
      "2025-03-27",
      { value: 10.5, currency: "EUR" },
    ]);
    expect([accepted.status, accepted.date]).toEqual(["accepted", undefined]);
  });

  it("splits 77J discrepancies by their marks and names document and article", () => {
    expect(
      splitDiscrepancies(
        "1. B/L DATED AFTER 44C\nPER UCP 600 ART. 14(C)\n2) PACKING LIST MISSING\n+INSURANCE ISBP 821 K19",
      ),
    ).toEqual([
      {
        description: "B/L DATED AFTER 44C PER UCP 600 ART. 14(C)",
        documentType: "bill-of-lading",
        ucpArticle: "14(c)",
      },
      { description: "PACKING LIST MISSING", documentType: "packing-list" },
      {
        description: "INSURANCE ISBP 821 K19",
        documentType: "insurance-certificate",
        ucpArticle: "ISBP K19",
      },
    ]);
  });
});

describe("the cover schedule", () => {
  const lc = JSON.parse(readFileSync(join(ROOT, "test/fixtures/lc/clean.json"), "utf8")) as {
    documents: CanonicalDocument[];
  };
  const presentation = lc.documents.find((d) => d.type === "lc-presentation")!;
  const others = lc.documents.filter((d) => d !== presentation);

  it("lists every presented document against its 46A line and encloses what the gateway holds", () => {
    const { cover, documents } = buildPresentationPackage(presentation, others, "m-1");
    expect(cover.reference).toBe("SR-PRES-25001");
    expect(cover.schedule.map((l) => [l.documentType, l.state, l.presented.map((p) => p.number)])).toEqual([
      ["commercial-invoice", "presented", ["SR-INV-25001"]],
      ["packing-list", "presented", ["SR-PL-25001"]],
      ["bill-of-lading", "presented", ["EOLU250310001"]],
      ["certificate-of-origin", "presented", ["CCPIT-NB-25-0815"]],
      ["insurance-certificate", "presented", ["PICC-NB-25-77001"]],
    ]);
    expect(cover.totals).toEqual({ requirements: 5, missing: 0, documents: 5, enclosed: 5 });
    const bl = cover.schedule[2]!.presented[0]!;
    expect(bl.digest).toBe(digestOf(jcs(documents.find((d) => d.number === "EOLU250310001"))));
    expect(cover.presentation.drawingAmount).toEqual({
      value: 103260,
      currency: "USD",
    });
  });

  it("marks a 46A line nobody answers missing, and an unrequired document additional", () => {
    const presented = (presentation["presentedDocuments"] as Record<string, unknown>[]).filter(
      (p) => p["documentType"] !== "certificate-of-origin",
    );
    const p = {
      ...presentation,
      presentedDocuments: [...presented, { documentType: "other", number: "BENEF-CERT-1" }],
    } as CanonicalDocument;
    const { cover } = buildPresentationPackage(
      p,
      others.filter((d) => d.type !== "certificate-of-origin"),
      "m-2",
    );
    expect(cover.schedule.find((l) => l.documentType === "certificate-of-origin")?.state).toBe("missing");
    expect(cover.additional).toEqual([{ documentType: "other", number: "BENEF-CERT-1", enclosed: false }]);
    expect(cover.totals).toMatchObject({ missing: 1, documents: 5, enclosed: 4 });
  });
});
