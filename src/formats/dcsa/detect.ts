import type { Issue } from "../../errors/index.js";
import { join } from "./trace.js";

/** What a DCSA JSON body is, by the shape the DCSA OpenAPI specifications give each message. */
export type DcsaKind =
  | { readonly kind: "shipping-instructions" }
  | { readonly kind: "transport-document"; readonly base: string }
  | { readonly kind: "events"; readonly list: string; readonly v3: boolean }
  | { readonly kind: "unread"; readonly what: string };

type Obj = Record<string, unknown>;
const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);
const has = (o: Obj, ...keys: string[]) => keys.every((k) => o[k] !== undefined);

const isEvent2 = (e: unknown) => isObj(e) && has(e, "eventType", "eventClassifierCode");
const isEvent3 = (e: unknown) => isObj(e) && isObj(e["eventClassification"]);

/** DCSA messages the gateway recognises but does not read, and why (said in the refusal). */
const UNREAD: readonly { readonly test: (o: Obj) => boolean; readonly what: string }[] = [
  {
    test: (o) =>
      has(o, "receiptTypeAtOrigin") && (has(o, "requestedEquipments") || has(o, "shipmentLocations")),
    what: "a DCSA booking (Booking 2.0): no canonical document type",
  },
  {
    test: (o) => has(o, "arrivalNotices") || has(o, "arrivalNoticeNotifications"),
    what: "a DCSA arrival notice: no canonical document type",
  },
  {
    test: (o) => has(o, "VGMDeclarations"),
    what: "a DCSA verified gross mass declaration: no canonical document type",
  },
  {
    test: (o) => has(o, "surrenderRequestReference"),
    what: "a DCSA eBL surrender request: a platform action, not a document",
  },
  {
    test: (o) => has(o, "httpMethod", "requestUri", "statusCode"),
    what: "a DCSA error response: not a document",
  },
  {
    test: (o) => has(o, "portCallID") || has(o, "terminalCallID") || has(o, "portCallServiceID"),
    what: "a DCSA Just-in-Time port call message: no canonical document type",
  },
  {
    test: (o) =>
      Array.isArray(o["events"]) && (o["events"] as unknown[]).some((e) => isObj(e) && has(e, "portCall")),
    what: "DCSA Just-in-Time port call events: not Track & Trace milestones",
  },
  { test: (o) => has(o, "apiCallsStatsByStandards"), what: "DCSA adoption statistics: not a document" },
  {
    test: (o) =>
      has(o, "vesselSchedules") || has(o, "legs") || (has(o, "location") && has(o, "vesselSchedules")),
    what: "a DCSA commercial or operational vessel schedule: not a document",
  },
];

export function dcsaKind(v: unknown): DcsaKind | undefined {
  if (Array.isArray(v)) {
    if (v.length > 0 && v.every(isEvent3)) return { kind: "events", list: "", v3: true };
    if (v.length > 0 && v.every((e) => isEvent2(e) || isEvent3(e)))
      return { kind: "events", list: "", v3: false };
    if (v.length > 0 && isObj(v[0])) {
      const hit = UNREAD.find((u) => u.test(v[0] as Obj));
      if (hit) return { kind: "unread", what: hit.what };
    }
    return undefined;
  }
  if (!isObj(v)) return undefined;
  const events = v["events"];
  if (Array.isArray(events) && events.length > 0 && events.every((e) => isEvent2(e) || isEvent3(e)))
    return { kind: "events", list: "/events", v3: events.every(isEvent3) };
  if (isObj(v["document"]) && has(v["document"], "transportDocumentReference", "transportDocumentTypeCode"))
    return { kind: "transport-document", base: "/document" };
  if (has(v, "transportDocumentReference", "transportDocumentTypeCode", "transports"))
    return { kind: "transport-document", base: "" };
  if (has(v, "transportDocumentTypeCode", "consignmentItems", "documentParties"))
    return { kind: "shipping-instructions" };
  const hit = UNREAD.find((u) => u.test(v));
  return hit ? { kind: "unread", what: hit.what } : undefined;
}

/** A DCSA conformance template's placeholder: "{CBR}", "SHIPPER_LEGAL_NAME_PLACEHOLDER". */
const PLACEHOLDER = /^\{[A-Z][A-Z0-9_]*\}$|(^|_)PLACEHOLDER(_|$)/;

/** Every string value that is a template placeholder, by its JSON Pointer. */
export function placeholders(v: unknown, pointer = ""): Issue[] {
  if (typeof v === "string")
    return PLACEHOLDER.test(v.trim())
      ? [
          {
            message: `"${v.slice(0, 60)}" is a template placeholder, not a value`,
            pointer,
            ruleId: "DCSA-TEMPLATE",
          },
        ]
      : [];
  if (Array.isArray(v)) return v.flatMap((x, i) => placeholders(x, join(pointer, i)));
  if (isObj(v)) return Object.entries(v).flatMap(([k, x]) => placeholders(x, join(pointer, k)));
  return [];
}
