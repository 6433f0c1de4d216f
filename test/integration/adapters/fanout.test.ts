import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import request from "supertest";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { loadConfig } from "../../../src/config/load.js";
import { startGateway, type Gateway } from "../../../src/main.js";
import { createLogger } from "../../../src/util/log.js";
import { AMQP_URL, deleteTopology, uniquePrefix } from "../../helpers/amqp.js";
import { ROOT } from "../../helpers/corpora.js";
import { auth, eventually, type TestGateway } from "../../helpers/gateway.js";
import { dropSchema, freshSchemaName, PG_URL } from "../../helpers/stores.js";
import { inbox, notificationReceiver, partnerKey, signatureValid, type InboxItem } from "./helpers.js";

/**
 * Acceptance, full fan-out: one LC-financed dossier reaches all seven adapters, every partner
 * answers in its own format, the exporter sees every status (and is pushed each one), the trace
 * shows every hop, and an amendment of the declaration reaches exactly the partners that had the
 * original. Run embedded (SQLite, in-process bus) and distributed (PostgreSQL, RabbitMQ).
 */
const FIXTURES = join(ROOT, "test", "integration", "adapters", "fixtures");
const SECRET = "fanout-notify-secret-0123456789abcdef";
const PARTNERS = [
  "customs-cn",
  "customs-exit",
  "inspection-cn",
  "port-ngb",
  "bank-boc",
  "insurer-picc",
  "carrier-eol",
] as const;
type PartnerId = (typeof PARTNERS)[number];

/** The LC dossier before shipment (test/fixtures/derive/lc-financed): invoice, packing list, presentation. */
function dossier(ucr: string): Record<string, unknown> {
  const lc = JSON.parse(readFileSync(join(ROOT, "test/fixtures/lc/clean.json"), "utf8")) as {
    documents: Record<string, unknown>[];
  };
  const documents = lc.documents
    .filter((d) => ["commercial-invoice", "packing-list", "lc-presentation"].includes(String(d["type"])))
    .map((d) => {
      const { schemaVersion: _s, id: _i, version: _v, original: _o, ucr: _u, ...rest } = d;
      return rest;
    });
  return {
    dossier: {
      ucr,
      documents,
      // What the carrier's instructions need and the commercial documents do not say.
      supplied: { "shipping-instruction": { "/bookingReference": "EOL25NGBHAM0042" } },
    },
  };
}

interface Fanout {
  readonly gw: Gateway;
  readonly http: TestGateway["http"];
  readonly t: TestGateway;
  close(): Promise<void>;
}

async function start(mode: "embedded" | "distributed"): Promise<Fanout> {
  const dir = mkdtempSync(join(tmpdir(), "swg-fanout-"));
  const schema = freshSchemaName();
  const prefix = uniquePrefix("fanout");
  const env: Record<string, string> = {
    SWG_MODE: mode,
    SWG_PARTNERS_FILE: join(FIXTURES, "fanout-partners.json"),
    SWG_ROUTING_FILE: join(FIXTURES, "fanout-routing.json"),
    SWG_INSPECTION_HS_PREFIXES: "8711",
    SWG_FANOUT_NOTIFY_SECRET: SECRET,
    ...(mode === "distributed"
      ? {
          SWG_DATABASE_URL: PG_URL,
          SWG_DATABASE_SCHEMA: schema,
          SWG_AMQP_URL: AMQP_URL,
          SWG_AMQP_PREFIX: prefix,
        }
      : {}),
  };
  const config = loadConfig(env, {
    dataDir: dir,
    logLevel: "silent",
    checkpointIntervalMs: 3_600_000,
    relayIdleMs: 10,
    retryDelaysMs: [200, 400],
  });
  const gw = await startGateway(config, {
    demo: true,
    listen: false,
    log: createLogger("silent"),
    env: { ...process.env, ...env },
  });
  const http = request(gw.app!);
  const t: TestGateway = { gw, dir, keys: gw.demoKeys ?? {}, http, close: () => Promise.resolve() };
  return {
    gw,
    http,
    t,
    close: async () => {
      await gw.close();
      if (mode === "distributed") {
        await dropSchema(schema);
        await deleteTopology(prefix);
      }
      rmSync(dir, { recursive: true, force: true });
    },
  };
}

const first = (re: RegExp, text: string, what: string): string => {
  const m = re.exec(text);
  if (!m?.[1]) throw new Error(`no ${what} in ${text.slice(0, 300)}`);
  return m[1];
};

/** Each partner's answer, in its own format, to what it received. */
const ANSWERS: Record<PartnerId, (m: InboxItem, n: number) => { mediaType: string; body: string }> = {
  "customs-cn": (m, n) => {
    const lrn = first(/<Declaration[^>]*>.*?<FunctionalReferenceID>([^<]+)</s, m.text, "LRN");
    const code = n === 0 ? "01" : "08";
    return {
      mediaType: "application/xml",
      body: `<?xml version="1.0"?><md:MetaData xmlns:md="urn:wco:datamodel:WCO:DocumentMetaData-DMS:2" xmlns="urn:wco:datamodel:WCO:RES-DMS:2"><md:WCODataModelVersionCode>3.6</md:WCODataModelVersionCode><md:WCOTypeName>RES</md:WCOTypeName><Response><FunctionCode>${code}</FunctionCode><FunctionalReferenceID>CN-${m.messageId}-${code}</FunctionalReferenceID><Declaration><FunctionalReferenceID>${lrn}</FunctionalReferenceID><ID>25CN31040000424242</ID></Declaration></Response></md:MetaData>`,
    };
  },
  "customs-exit": (m, n) => {
    const ref = first(/UNB\+[^+]+\+[^+]+\+[^+]+\+[^+]+\+([^+']+)/, m.text, "UNB 0020");
    const number = first(/BGM\+830[^+]*\+([^+']+)/, m.text, "BGM number");
    if (n === 0)
      return {
        mediaType: "application/edifact",
        body: `UNB+UNOC:3+CNEXIT:ZZZ+SWG:ZZZ+250321:0900+CTL${ref.slice(-6)}'UNH+1+CONTRL:D:3:UN'UCI+${ref}+SWG:ZZZ+CNEXIT:ZZZ+7'UNT+3+1'UNZ+1+CTL${ref.slice(-6)}'`,
      };
    return {
      mediaType: "application/edifact",
      body: `UNB+UNOC:3+CNEXIT:ZZZ+SWG:ZZZ+250321:0930+RES${ref.slice(-6)}'UNH+1+CUSRES:D:96B:UN'BGM+962+EXIT-${ref.slice(-8)}+9'DTM+137:202503210930:203'RFF+ABE:${number}'GIS+1::6'UNT+6+1'UNZ+1+RES${ref.slice(-6)}'`,
    };
  },
  "inspection-cn": (m) => ({
    mediaType: "application/xml",
    body: `<?xml version="1.0"?><InspectionResult xmlns="urn:swg:inspection:1"><ID>INS-${m.messageId}</ID><MessageID>${m.messageId}</MessageID><ResultCode>passed</ResultCode><IssuedSPSCertificate><ID>370000225000042</ID><TypeCode>855</TypeCode></IssuedSPSCertificate></InspectionResult>`,
  }),
  "bank-boc": (m) => {
    const ref = (JSON.parse(m.text) as { cover: { reference: string } }).cover.reference;
    return {
      mediaType: "text/plain",
      body: `{1:F01BKCHCNBJAXXX0000000000}{2:I754DEUTDEFFXXXXN}{4:\n:20:BOC25NB009001\n:21:${ref}\n:32A:250327USD103260,\n-}`,
    };
  },
  "insurer-picc": (m) => ({
    mediaType: "application/xml",
    body: `<?xml version="1.0"?><CargoInsuranceCertificate xmlns="urn:swg:insurance:1"><Header><CertificateID>PICC-NB-25-99001</CertificateID><MessageID>${m.messageId}</MessageID><Status>issued</Status><IssueDate>2025-03-19</IssueDate></Header><Insurer><Name>PICC Ningbo</Name></Insurer><Cover><InsuredAmount currencyID="USD">115500.00</InsuredAmount><Clause><Code>ICC-A</Code></Clause></Cover></CargoInsuranceCertificate>`,
  }),
  "carrier-eol": (m) => {
    const v = JSON.parse(m.text) as unknown;
    if (Array.isArray(v))
      // The customs release, answered in the gateway's JSON form.
      return {
        mediaType: "application/json",
        body: JSON.stringify({ responseId: `EOL-${m.messageId}`, messageId: m.messageId, status: "loaded" }),
      };
    const si = (v as { documentParties: { shipper: { reference: string } } }).documentParties.shipper
      .reference;
    return {
      mediaType: "application/json",
      body: JSON.stringify({
        transportDocumentReference: "EOLU250310042",
        shippingInstructionsReference: si,
        transportDocumentTypeCode: "BOL",
        isShippedOnBoardType: true,
        isToOrder: true,
        issueDate: "2025-03-10",
        shippedOnBoardDate: "2025-03-10",
        transports: {
          portOfLoading: { UNLocationCode: "CNNGB" },
          portOfDischarge: { UNLocationCode: "DEHAM" },
        },
        documentParties: { issuingParty: { partyName: "Example Ocean Line" } },
      }),
    };
  },
  "port-ngb": (m) => {
    const report = m.text.includes("IFTMIN")
      ? ["CODECO", "34", "DTM+7:202503081000:203"]
      : ["COARRI", "46", "DTM+203:202503101800:203"];
    const segs = [
      `UNH+1+${report[0]}:D:95B:UN'`,
      `BGM+${report[1]}+NGB-${m.messageId.slice(-8)}+9'`,
      `RFF+ACW:${m.messageId}'`,
      `EQD+CN+MSCU1234566+42G1:102:5++2+5'`,
      `${report[2]}'`,
      `LOC+165+CNNGB:139:6'`,
    ];
    return {
      mediaType: "application/edifact",
      body: `UNB+UNOC:3+CNNGBPCS:ZZZ+SWG:ZZZ+250310:1800+P${m.messageId.slice(-8)}'${segs.join("")}UNT+${segs.length + 1}+1'UNZ+1+P${m.messageId.slice(-8)}'`,
    };
  },
};

describe.each([["embedded"], ["distributed"]] as const)("full fan-out (%s)", (mode) => {
  let f: Fanout;
  let receiver: Awaited<ReturnType<typeof notificationReceiver>>;
  const keys = {} as Record<PartnerId, string>;
  let exporter: string;
  let regulator: string;
  let submissionId: string;
  const ucr = `UCR-FANOUT-${mode.toUpperCase()}`;
  /** Answers sent, per partner. */
  const answered = new Map<PartnerId, number>();

  const answer = async (p: PartnerId, m: InboxItem) => {
    const n = answered.get(p) ?? 0;
    const a = ANSWERS[p](m, n);
    const res = await f.http
      .post(`/v1/partners/${p}/responses`)
      .set(auth(keys[p]))
      .set("content-type", a.mediaType)
      .send(a.body);
    expect(res.status, `${p}: ${JSON.stringify(res.body)}`).toBe(201);
    answered.set(p, n + 1);
    return res.body as { status: string; documentId: string };
  };
  const pending = async (p: PartnerId): Promise<InboxItem[]> =>
    (await inbox(f.t, keys[p])).filter((m) => m.headers["x-swg-ucr"] === ucr);
  const ack = async (p: PartnerId, m: InboxItem) =>
    f.http
      .post("/v1/inbox/ack")
      .set(auth(keys[p]))
      .set("content-type", "application/json")
      .send({ messageIds: [m.messageId] });

  beforeAll(async () => {
    receiver = await notificationReceiver();
    f = await start(mode);
    exporter = f.t.keys["SWG_DEMO_EXPORTER_KEY"]!;
    regulator = f.t.keys["SWG_DEMO_REGULATOR_KEY"]!;
    for (const p of PARTNERS) keys[p] = await partnerKey(f.t, p);
    const party = await f.gw.store.read.parties.get("demo-exporter");
    await f.gw.store.transaction((tx) =>
      tx.parties.update("demo-exporter", {
        profile: {
          ...party!.profile,
          notifications: { url: receiver.url, secretEnv: "SWG_FANOUT_NOTIFY_SECRET" },
        },
        updatedAt: new Date().toISOString(),
      }),
    );
  });
  afterAll(async () => {
    await f?.close();
    await receiver?.close();
  });

  it("fans one dossier out to all seven adapters, each partner seeing its own format", async () => {
    const res = await f.http
      .post("/v1/submissions")
      .set(auth(exporter))
      .set("content-type", "application/json")
      .send(JSON.stringify(dossier(ucr)));
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    submissionId = res.body.submissionId as string;
    const types = (res.body.documents as { type: string }[]).map((d) => d.type).sort();
    expect(types).toEqual([
      "commercial-invoice",
      "export-declaration",
      "inspection-application",
      "insurance-certificate",
      "lc-presentation",
      "packing-list",
      "shipping-instruction",
    ]);
    const got = await eventually(
      async () => {
        const all = await Promise.all(PARTNERS.map(async (p) => [p, await pending(p)] as const));
        return all.every(([, ms]) => ms.length > 0) ? new Map(all) : undefined;
      },
      30_000,
      "a delivery at every partner",
    );
    const formats: Record<PartnerId, RegExp> = {
      "customs-cn": /urn:wco:datamodel:WCO:DEC-DMS:2/,
      "customs-exit": /UNH\+1\+CUSDEC:D:96B:UN/,
      "inspection-cn": /<InspectionApplication xmlns="urn:swg:inspection:1"/,
      "bank-boc": /"format": "swg-lc-cover-1.0"/,
      "insurer-picc": /<CargoInsuranceRequest xmlns="urn:swg:insurance:1"/,
      "carrier-eol": /"transportDocumentTypeCode": "BOL"/,
      "port-ngb": /UNH\+1\+IFTMIN:D:96A:UN/,
    };
    for (const p of PARTNERS) expect(got.get(p)![0]!.text, p).toMatch(formats[p]);
    // Need to know at the partners' doors: the bank has the invoice and packing list with the
    // presentation, and nothing of the declaration; nobody but the bank has the credit's 46A.
    const bank = got.get("bank-boc")![0]!.text;
    expect(
      (JSON.parse(bank) as { documents: { type: string }[] }).documents.map((d) => d.type).sort(),
    ).toEqual(["commercial-invoice", "packing-list"]);
    const decl = got.get("customs-cn")![0]!.text;
    const lrn = first(/<Declaration[^>]*>.*?<FunctionalReferenceID>([^<]+)</s, decl, "LRN");
    expect(bank).not.toContain(lrn);
    for (const p of PARTNERS.filter((x) => x !== "bank-boc"))
      for (const m of got.get(p)!) expect(m.text, p).not.toContain("FULL SET OF CLEAN ON BOARD");
  });

  it("takes every partner's answer; customs' release tells the port and the carrier", async () => {
    for (const p of PARTNERS)
      for (const m of await pending(p)) {
        await answer(p, m);
        await ack(p, m);
      }
    // The second customs answers: released by the customs of export, accepted by the exit office.
    for (const p of ["customs-cn", "customs-exit"] as const) {
      const d = (await f.gw.store.read.deliveries.listByUcr(ucr)).find((x) => x.partnerId === p)!;
      // Already acknowledged: the partner answers again from its own copy.
      const m = (await f.gw.store.read.inbox.get(p, d.messageId))!;
      await answer(p, {
        messageId: m.messageId,
        text: m.body.toString("utf8"),
        headers: { ...m.headers },
        mediaType: m.mediaType,
      });
    }
    // The release went on to the port (CUSRES) and the carrier (DCSA RELS); they answer it too.
    for (const p of ["port-ngb", "carrier-eol"] as const) {
      const [m] = await eventually(
        async () => {
          const ms = await pending(p);
          return ms.length > 0 ? ms : undefined;
        },
        30_000,
        `the release at ${p}`,
      );
      expect(m!.text).toMatch(p === "port-ngb" ? /GIS\+4::6'/ : /"shipmentEventTypeCode": "RELS"/);
      await answer(p, m!);
      await ack(p, m!);
    }
  });

  it("shows the exporter every partner's status and pushes each to it", async () => {
    const status = await f.http.get(`/v1/submissions/${submissionId}`).set(auth(exporter));
    expect(status.status).toBe(200);
    const docs = status.body.documents as {
      type: string;
      partners: { partnerId: string; status: string | null }[];
    }[];
    const seen = new Map<string, string>();
    for (const d of docs)
      for (const p of d.partners) {
        expect(p.status, `${d.type} at ${p.partnerId}`).not.toBeNull();
        seen.set(`${d.type}@${p.partnerId}`, p.status!);
      }
    expect(Object.fromEntries(seen)).toEqual({
      "export-declaration@customs-cn": "customs.released",
      "export-declaration@customs-exit": "customs.accepted",
      "export-declaration@port-ngb": "port.milestone",
      "export-declaration@carrier-eol": "carrier.milestone",
      "inspection-application@inspection-cn": "inspection.passed",
      "lc-presentation@bank-boc": "bank.paid",
      "insurance-certificate@insurer-picc": "insurer.issued",
      "shipping-instruction@carrier-eol": "carrier.milestone",
      "shipping-instruction@port-ngb": "port.milestone",
    });
    const total = [...answered.values()].reduce((a, b) => a + b, 0);
    const pushed = await eventually(
      () => Promise.resolve(receiver.received.length >= total ? receiver.received : undefined),
      30_000,
      "a notification per answer",
    );
    expect(pushed.every((r) => signatureValid(SECRET, r))).toBe(true);
    const statuses = pushed
      .map((r) => (JSON.parse(r.body.toString("utf8")) as { status: string }).status)
      .sort();
    expect(statuses).toEqual(
      [
        "bank.paid",
        "carrier.milestone",
        "carrier.milestone",
        "customs.accepted",
        "customs.accepted",
        "customs.received",
        "customs.released",
        "inspection.passed",
        "insurer.issued",
        "port.milestone",
        "port.milestone",
      ].sort(),
    );
  });

  it("traces every hop in one verifiable chain", async () => {
    // The partner got its push a moment before the notifier recorded it.
    const trace = await eventually(
      async () => {
        const t = await f.http.get(`/v1/consignments/${ucr}/trace`).set(auth(regulator));
        const delivered = (t.body.events as { type: string }[]).filter(
          (e) => e.type === "notification.delivered",
        );
        return delivered.length >= 11 ? t : undefined;
      },
      30_000,
      "every notification recorded",
    );
    expect(trace.status).toBe(200);
    expect(trace.body.chain.ok).toBe(true);
    const events = trace.body.events as { type: string; data: Record<string, unknown> }[];
    const count = (type: string) => events.filter((e) => e.type === type).length;
    const deliveries = await f.gw.store.read.deliveries.listByUcr(ucr);
    expect(deliveries).toHaveLength(9);
    expect(count("submission.accepted")).toBe(1);
    expect(count("document.accepted")).toBe(3);
    expect(count("document.derived")).toBe(4);
    expect(count("delivery.planned")).toBe(9);
    expect(count("delivery.delivered")).toBe(9);
    expect(count("response.received")).toBe(11);
    expect(count("notification.delivered")).toBe(11);
    // Every delivery's hops: planned, delivered, answered.
    for (const d of deliveries) {
      const own = events.filter(
        (e) => (e as { subject?: { deliveryId?: string } }).subject?.deliveryId === d.id,
      );
      expect(
        own.map((e) => e.type),
        d.partnerId,
      ).toEqual(expect.arrayContaining(["delivery.planned", "delivery.delivered", "response.received"]));
    }
  });

  it("sends an amendment of the declaration to exactly the partners that had the original", async () => {
    const before = await f.gw.store.read.deliveries.listByUcr(ucr);
    const declId = before.find((d) => d.partnerId === "customs-cn")!.documentId;
    const hadIt = new Set(before.filter((d) => d.documentId === declId).map((d) => d.partnerId));
    expect([...hadIt].sort()).toEqual(["carrier-eol", "customs-cn", "customs-exit", "port-ngb"]);
    const current = await f.http.get(`/v1/documents/${declId}?part=canonical`).set(auth(exporter));
    const {
      id: _i,
      version: _v,
      original: _o,
      derivation: _d,
      schemaVersion: _s,
      ...rest
    } = JSON.parse(current.text) as Record<string, unknown>;
    const amendment = { ...rest, functionCode: "replacement", supersedes: declId, customsOffice: "3105" };
    const res = await f.http
      .post("/v1/submissions")
      .set(auth(exporter))
      .set("content-type", "application/json")
      .send(JSON.stringify(amendment));
    expect(res.status, JSON.stringify(res.body)).toBe(202);
    const newId = res.body.documents[0].id as string;
    const planned = (await f.gw.store.read.deliveries.listByDocument(newId)).map((d) => d.partnerId).sort();
    expect(planned).toEqual([...hadIt].sort());
    await eventually(
      async () => {
        const ds = await f.gw.store.read.deliveries.listByDocument(newId);
        return ds.every((d) => d.state === "delivered") ? ds : undefined;
      },
      30_000,
      "the amendment delivered",
    );
    // Each in its own format, as the replacement it is; the port and the carrier are told the
    // earlier release no longer stands.
    const text = async (p: PartnerId) => (await pending(p)).map((m) => m.text).join("\n");
    expect(await text("customs-cn")).toContain("<FunctionCode>5</FunctionCode>");
    expect(await text("customs-exit")).toMatch(/BGM\+830[^']*\+5'/);
    expect(await text("port-ngb")).toMatch(/BGM\+962:::CUSTOMS STATUS\+[^+]+\+5'/);
    expect(await text("carrier-eol")).toContain('"shipmentEventTypeCode": "HOLD"');
    for (const p of ["inspection-cn", "bank-boc", "insurer-picc"] as const)
      expect(await pending(p)).toEqual([]);
  });
});
