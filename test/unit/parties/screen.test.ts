import { describe, expect, it } from "vitest";
import { ProblemError } from "../../../src/errors/index.js";
import { screen, type Admission } from "../../../src/parties/gate.js";
import type { PartyRecord } from "../../../src/ports/records.js";
import type { MandateRecord, MeasureRecord } from "../../../src/ports/register.js";
import { party } from "../../helpers/records.js";

const system = { partyId: null, role: "system" as const };
const measure = (over: Partial<MeasureRecord>): MeasureRecord => ({
  id: "m-1",
  partyId: "exp",
  level: "reminder",
  reason: "late answers to customs queries",
  documentTypes: null,
  partners: null,
  action: null,
  grounds: null,
  startsAt: "2025-01-01T00:00:00.000Z",
  endsAt: null,
  setAt: "2025-01-01T00:00:00.000Z",
  setBy: system,
  liftedAt: null,
  liftedBy: null,
  liftReason: null,
  ...over,
});
const mandate = (over: Partial<MandateRecord>): MandateRecord => ({
  id: "md-1",
  grantorId: "exp",
  agentId: "broker",
  documentTypes: null,
  partners: null,
  validFrom: "2025-01-01T00:00:00.000Z",
  validUntil: null,
  note: null,
  grantedAt: "2025-01-01T00:00:00.000Z",
  grantedBy: system,
  revokedAt: null,
  revokedBy: null,
  revokeReason: null,
  ...over,
});
const owner: PartyRecord = party({ id: "exp" });
const adm = (over: Partial<Admission>): Admission => ({
  owner,
  agent: null,
  measures: [],
  mandates: [],
  ...over,
});

// A dossier: an invoice (no deliveries) and a declaration going to two customs partners.
const docs = [
  { index: 0, id: "inv", type: "commercial-invoice" },
  { index: 1, id: "dec", type: "export-declaration" },
];
const deliveries = [
  { id: "d-north", documentId: "dec", partnerId: "customs-north" },
  { id: "d-south", documentId: "dec", partnerId: "customs-south" },
];

function refusal(f: () => unknown): ProblemError {
  try {
    f();
  } catch (e) {
    if (e instanceof ProblemError) return e;
    throw e;
  }
  throw new Error("expected a refusal");
}

describe("screening after routing", () => {
  it("lets a submission without measures through untouched", () => {
    const s = screen(adm({}), docs, deliveries);
    expect([...s.heldDocuments, ...s.heldDeliveries, ...s.notices, ...s.applied]).toEqual([]);
  });

  it("reminder: passes with a warning naming the measure", () => {
    const s = screen(adm({ measures: [measure({})] }), docs, deliveries);
    expect(s.heldDeliveries.size).toBe(0);
    expect(s.notices).toEqual([
      {
        message: "Regulatory reminder (measure m-1): late answers to customs queries",
        ruleId: "MEASURE-REMINDER",
        severity: "warning",
      },
    ]);
    expect(s.applied).toMatchObject([{ measureId: "m-1", level: "reminder", effect: "warning" }]);
  });

  it("partial hold by partner: holds only the deliveries to that partner and their document", () => {
    const m = measure({ level: "partial", partners: ["customs-south"], action: "hold" });
    const s = screen(adm({ measures: [m] }), docs, deliveries);
    expect([...s.heldDeliveries]).toEqual(["d-south"]);
    expect([...s.heldDocuments]).toEqual(["dec"]);
    expect(s.applied).toMatchObject([{ level: "partial", effect: "held", documents: ["dec"] }]);
  });

  it("partial hold by document type: holds the document even when it goes nowhere", () => {
    const m = measure({ level: "partial", documentTypes: ["commercial-invoice"], action: "hold" });
    const s = screen(adm({ measures: [m] }), docs, deliveries);
    expect([...s.heldDocuments]).toEqual(["inv"]);
    expect(s.heldDeliveries.size).toBe(0);
  });

  it("partial refuse: a problem+json naming the measure and the documents it refuses", () => {
    const m = measure({ level: "partial", documentTypes: ["export-declaration"], action: "refuse" });
    const e = refusal(() => screen(adm({ measures: [m] }), docs, deliveries));
    expect(e.code).toBe("SWG_PARTY_RESTRICTED");
    expect(e.extensions["measure"]).toMatchObject({ id: "m-1", level: "partial", action: "refuse" });
    expect(e.issues.map((i) => i.document)).toEqual([1]);
  });

  it("a partial restriction on types the submission lacks leaves it alone", () => {
    const m = measure({ level: "partial", documentTypes: ["bill-of-lading"], action: "refuse" });
    expect(screen(adm({ measures: [m] }), docs, deliveries).applied).toEqual([]);
  });

  describe("under a mandate", () => {
    const broker = party({ id: "broker" });
    it("passes what the mandate's scope covers", () => {
      const s = screen(adm({ agent: broker, mandates: [mandate({})] }), docs, deliveries);
      expect(s.applied).toEqual([]);
    });

    it("refuses a document type or a partner outside the scope, each document named", () => {
      const scoped = mandate({ documentTypes: ["export-declaration"], partners: ["customs-north"] });
      const e = refusal(() => screen(adm({ agent: broker, mandates: [scoped] }), docs, deliveries));
      expect(e.code).toBe("SWG_MANDATE_MISSING");
      expect(e.issues.map((i) => i.document)).toEqual([0, 1]);
    });

    it("takes the union of several mandates", () => {
      const a = mandate({ documentTypes: ["commercial-invoice"] });
      const b = mandate({ id: "md-2", documentTypes: ["export-declaration"] });
      expect(() => screen(adm({ agent: broker, mandates: [a, b] }), docs, deliveries)).not.toThrow();
    });
  });
});
