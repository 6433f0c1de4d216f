import { ProblemError, type Issue } from "../../errors/index.js";
import type { Part } from "../types.js";
import { essence } from "./sniff.js";

export interface Split {
  readonly parts: readonly Part[];
  /** The dossier's UCR, when the dossier names one. */
  readonly ucr: string | null;
  readonly dossier: boolean;
  /** The dossier's `derive` switch (absent: the gateway's default). */
  readonly derive: boolean | null;
  /** Fields the trader gives directly for derived documents: {<derived type>: {<JSON Pointer>: value}}. */
  readonly supplied: Readonly<Record<string, Readonly<Record<string, unknown>>>>;
}

const MAX_PARTS = 100;

/**
 * A submission is one document (the body) or a dossier: a JSON body
 * `{"dossier": {"ucr"?, "documents": [...]}}` whose documents are canonical JSON objects or
 * embedded originals `{"mediaType", "content" | "contentBase64"}` (XML, EDIFACT).
 */
export function split(
  body: Buffer,
  contentType: string | undefined,
  parsedJson?: unknown,
  signature?: string | null,
): Split {
  const whole: Split = {
    parts: [{ index: 0, bytes: body, mediaType: essence(contentType), ...(signature ? { signature } : {}) }],
    ucr: null,
    dossier: false,
    derive: null,
    supplied: {},
  };
  if (
    parsedJson === undefined ||
    typeof parsedJson !== "object" ||
    parsedJson === null ||
    !("dossier" in parsedJson)
  ) {
    return whole;
  }
  const d = parsedJson.dossier;
  const issues: Issue[] = [];
  if (signature) {
    issues.push({
      message: 'a dossier\'s documents carry their own signatures ("signature" beside each)',
      location: "X-SWG-Signature",
    });
  }
  if (typeof d !== "object" || d === null || !Array.isArray((d as { documents?: unknown }).documents)) {
    throw new ProblemError("SWG_BAD_REQUEST", "a dossier is an object with a documents array", [
      { message: "expected {dossier: {documents: [...]}}", pointer: "/dossier" },
    ]);
  }
  const docs = (d as { documents: unknown[] }).documents;
  const ucrRaw = (d as { ucr?: unknown }).ucr;
  if (ucrRaw !== undefined && (typeof ucrRaw !== "string" || ucrRaw.length === 0 || ucrRaw.length > 35)) {
    issues.push({ message: "the dossier UCR is a string of 1 to 35 characters", pointer: "/dossier/ucr" });
  }
  if (docs.length === 0)
    issues.push({ message: "a dossier holds at least one document", pointer: "/dossier/documents" });
  if (docs.length > MAX_PARTS)
    issues.push({ message: `a dossier holds at most ${MAX_PARTS} documents`, pointer: "/dossier/documents" });
  const parts: Part[] = [];
  docs.forEach((doc, index) => {
    const pointer = `/dossier/documents/${index}`;
    if (typeof doc !== "object" || doc === null || Array.isArray(doc)) {
      issues.push({ message: "each dossier document is an object", pointer, document: index });
      return;
    }
    const o = doc as Record<string, unknown>;
    const sig = o["signature"];
    if (sig !== undefined && typeof sig !== "string") {
      issues.push({
        message: "signature is a string (compact JWS, or base64/PEM CMS)",
        pointer: `${pointer}/signature`,
        document: index,
      });
      return;
    }
    const signed = typeof sig === "string" ? { signature: sig } : {};
    if ("type" in o) {
      parts.push({ index, bytes: Buffer.from(JSON.stringify(o)), mediaType: "application/json" });
      return;
    }
    // A signed canonical document travels as {document, signature}: the signature covers the document alone.
    if (typeof o["document"] === "object" && o["document"] !== null && !Array.isArray(o["document"])) {
      parts.push({
        index,
        bytes: Buffer.from(JSON.stringify(o["document"])),
        mediaType: "application/json",
        ...signed,
      });
      return;
    }
    const mediaType = typeof o["mediaType"] === "string" ? essence(o["mediaType"]) : undefined;
    const content = o["content"];
    const b64 = o["contentBase64"];
    if (!mediaType || (typeof content !== "string" && typeof b64 !== "string")) {
      issues.push({
        message: "an embedded original needs mediaType and content (text) or contentBase64",
        pointer,
        document: index,
      });
      return;
    }
    parts.push({
      index,
      bytes:
        typeof content === "string" ? Buffer.from(content, "utf8") : Buffer.from(b64 as string, "base64"),
      mediaType,
      ...signed,
    });
  });
  const deriveRaw = (d as { derive?: unknown }).derive;
  if (deriveRaw !== undefined && typeof deriveRaw !== "boolean") {
    issues.push({ message: "derive is true or false", pointer: "/dossier/derive" });
  }
  const suppliedRaw = (d as { supplied?: unknown }).supplied ?? {};
  const supplied: Record<string, Record<string, unknown>> = {};
  if (typeof suppliedRaw !== "object" || suppliedRaw === null || Array.isArray(suppliedRaw)) {
    issues.push({
      message: "supplied maps a derived document type to {JSON Pointer: value}",
      pointer: "/dossier/supplied",
    });
  } else {
    for (const [type, fields] of Object.entries(suppliedRaw as Record<string, unknown>)) {
      const ok =
        typeof fields === "object" &&
        fields !== null &&
        !Array.isArray(fields) &&
        Object.keys(fields).every((k) => k.startsWith("/"));
      if (ok) supplied[type] = fields as Record<string, unknown>;
      else
        issues.push({
          message: "each supplied entry is an object of JSON Pointers",
          pointer: `/dossier/supplied/${type}`,
        });
    }
  }
  if (issues.length > 0) throw new ProblemError("SWG_BAD_REQUEST", "the dossier is malformed", issues);
  return {
    parts,
    ucr: typeof ucrRaw === "string" ? ucrRaw : null,
    dossier: true,
    derive: typeof deriveRaw === "boolean" ? deriveRaw : null,
    supplied,
  };
}
