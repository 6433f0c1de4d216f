import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { renderInputFor } from "../../src/delivery/host.js";
import { parseEdifact } from "../../src/formats/edifact/index.js";
import { parseXml } from "../../src/formats/xml/parse.js";
import type { CanonicalDocument } from "../../src/model/canonical.js";
import type { Adapter, PartnerView, Rendered, RenderInput, StatusView } from "../../src/ports/adapter.js";
import { ROOT } from "../helpers/corpora.js";

/** Envelope fields every partner sees of a document it may see at all (src/delivery/adapters.ts project). */
export const IDENTITY = [
  "schemaVersion",
  "id",
  "type",
  "version",
  "functionCode",
  "supersedes",
  "ucr",
  "number",
  "issuedAt",
];

const DOCS = join(ROOT, "test", "fixtures", "documents");

const readJson = <T>(file: string): T => JSON.parse(readFileSync(file, "utf8")) as T;

/** The hand-made valid fixtures of a canonical type (test/fixtures/documents/<type>/valid-*.json). */
export function validFixtures(type: string): { name: string; doc: CanonicalDocument }[] {
  const dir = join(DOCS, type);
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => f.startsWith("valid-") && f.endsWith(".json"))
    .sort()
    .map((f) => ({ name: `${type}/${f}`, doc: readJson<CanonicalDocument>(join(dir, f)) }));
}

/**
 * A consignment holding every type: the LC dossier (test/fixtures/lc/clean.json, whose
 * presentation names its documents) and the first valid fixture of each type it lacks.
 */
export function consignment(): CanonicalDocument[] {
  const lc = readJson<{ documents: CanonicalDocument[] }>(join(ROOT, "test", "fixtures", "lc", "clean.json"));
  const docs = [...lc.documents];
  for (const type of readdirSync(DOCS, { withFileTypes: true })
    .filter((e) => e.isDirectory())
    .map((e) => e.name)
    .sort()) {
    if (type === "dossier" || type === "status-event" || docs.some((d) => d.type === type)) continue;
    const first = validFixtures(type)[0];
    if (first) docs.push(first.doc);
  }
  return docs;
}

/** Answers other partners gave on a document, of every kind; renderInputFor keeps those statusAccess names. */
export const STATUSES: readonly StatusView[] = [
  {
    partnerKind: "customs",
    status: "customs.accepted",
    receivedAt: "2025-03-20T02:00:00.000Z",
    references: { mrn: "25CN31040000123456" },
  },
  {
    partnerKind: "customs",
    status: "customs.released",
    receivedAt: "2025-03-20T03:30:00.000Z",
    references: { mrn: "25CN31040000123456" },
  },
  {
    partnerKind: "inspection",
    status: "inspection.passed",
    receivedAt: "2025-03-19T08:00:00.000Z",
    references: { certificateNumber: "370000225031177" },
  },
];

export function partnerOf(a: Adapter): PartnerView {
  return {
    id: `${a.manifest.id}-contract`,
    name: `Contract ${a.manifest.id}`,
    kind: a.manifest.partnerKind,
    country: "CN",
    profile: {},
  };
}

/** Renders `doc` for the adapter's partner exactly as the adapter host would cut it. */
export function renderFor(
  a: Adapter,
  doc: CanonicalDocument,
  docs: readonly CanonicalDocument[] = consignment(),
  partner: PartnerView = partnerOf(a),
): { input: RenderInput; rendered: Rendered } {
  const input = renderInputFor(a, partner, doc, {
    delivery: {
      id: "0195c000-0000-7000-8000-00000000d001",
      messageId: "0195c000-0000-7000-8000-00000000a001",
      attempt: 1,
    },
    gateway: { id: "swg", name: "Single Window gateway" },
    consignment: docs,
    statuses: STATUSES,
  });
  return { input, rendered: a.render(input) };
}

/**
 * Checks a rendered body against the format it declares: well-formed in its family (EDIFACT
 * interchanges parse without a syntax problem and hold the named message; XML parses under the
 * gateway's hostile-input guard; JSON parses). Returns what is wrong, or undefined.
 */
export function formatProblem(r: Rendered): string | undefined {
  const format = r.format ?? "";
  try {
    if (format.startsWith("edifact-")) {
      const parsed = parseEdifact(r.body);
      if (parsed.problems.length > 0)
        return `EDIFACT problems: ${parsed.problems.map((p) => `${p.code} ${p.text}`).join("; ")}`;
      const want = format.split("-")[1]!.toUpperCase();
      const types = parsed.interchanges.flatMap((i) => i.messages.map((m) => m.type));
      if (!types.includes(want)) return `no ${want} message in the interchange (found ${types.join(", ")})`;
      if (!/edifact/.test(r.mediaType)) return `media type ${r.mediaType} for EDIFACT`;
      return undefined;
    }
    if (/xml/.test(r.mediaType)) {
      parseXml(r.body);
      return undefined;
    }
    if (/json/.test(r.mediaType)) {
      JSON.parse(r.body.toString("utf8"));
      return undefined;
    }
    return `no well-formedness check for ${format} as ${r.mediaType}`;
  } catch (e) {
    return (e as Error).message;
  }
}

export interface ResponseFixture {
  readonly name: string;
  readonly body: Buffer;
  readonly expect: {
    readonly mediaType: string;
    readonly status: string;
    readonly partnerMessageId?: string;
    readonly correlation: Record<string, string>;
    readonly details?: Record<string, unknown>;
  };
}

/** adapters/<id>/fixtures/responses/<name>.<ext>, each with its <name>.expect.json. */
export function responseFixtures(adapterId: string): ResponseFixture[] {
  const dir = join(ROOT, "adapters", adapterId, "fixtures", "responses");
  if (!existsSync(dir)) return [];
  return readdirSync(dir)
    .filter((f) => !f.endsWith(".expect.json"))
    .sort()
    .map((f) => {
      const base = f.slice(0, f.lastIndexOf("."));
      return {
        name: f,
        body: readFileSync(join(dir, f)),
        expect: readJson<ResponseFixture["expect"]>(join(dir, `${base}.expect.json`)),
      };
    });
}

/** Inputs no partner format accepts: empty, text, broken and empty JSON, stray XML, hostile XML, bare EDIFACT and FIN envelopes, binary. */
export function garbage(): { name: string; body: Buffer }[] {
  let seed = 20250321;
  const random = Buffer.alloc(512);
  for (let i = 0; i < random.length; i++) {
    seed = (seed * 1103515245 + 12345) & 0x7fffffff;
    random[i] = seed & 0xff;
  }
  return [
    { name: "empty", body: Buffer.alloc(0) },
    { name: "text", body: Buffer.from("thank you for your message") },
    { name: "broken JSON", body: Buffer.from('{"responseId": ') },
    { name: "empty JSON object", body: Buffer.from("{}") },
    { name: "JSON array", body: Buffer.from("[1,2]") },
    { name: "stray XML", body: Buffer.from('<?xml version="1.0"?><Unrelated><A>1</A></Unrelated>') },
    {
      name: "XML with an entity",
      body: Buffer.from('<?xml version="1.0"?><!DOCTYPE x [<!ENTITY a "b">]><x>&a;</x>'),
    },
    { name: "EDIFACT without messages", body: Buffer.from("UNB+UNOC:3+A+B+250101:1200+1'UNZ+0+1'") },
    {
      name: "EDIFACT INVOIC",
      body: Buffer.from("UNB+UNOC:3+A+B+250101:1200+1'UNH+1+INVOIC:D:96A:UN'BGM+380+1+9'UNT+3+1'UNZ+1+1'"),
    },
    {
      name: "FIN MT 103",
      body: Buffer.from("{1:F01BANKBEBBAXXX0000000000}{2:I103BANKDEFFXXXXN}{4:\n:20:X\n-}"),
    },
    { name: "binary", body: random },
  ];
}

/** Every string leaf of a value, with its path. */
export function strings(v: unknown, path = ""): { path: string; value: string }[] {
  if (typeof v === "string") return [{ path, value: v }];
  if (Array.isArray(v)) return v.flatMap((x, i) => strings(x, `${path}/${i}`));
  if (v && typeof v === "object") return Object.entries(v).flatMap(([k, x]) => strings(x, `${path}/${k}`));
  return [];
}
