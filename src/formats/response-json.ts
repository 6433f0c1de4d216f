import { ProblemError, type Issue } from "../errors/index.js";
import type { Correlation, ParsedResponse } from "../ports/adapter.js";

/**
 * The gateway's own JSON response form, which any partner may use instead of its native
 * format (documented in docs/adapters.md):
 *   { "responseId", "messageId"? | "documentId"? | "documentNumber"?, "status", "reasons"?, "references"?, "at"? }
 * `status` is the adapter's short status name (e.g. accepted); it is checked against `allowed`.
 */
export function parseResponseJson(body: Buffer, kind: string, allowed: readonly string[]): ParsedResponse {
  let v: unknown;
  try {
    v = JSON.parse(body.toString("utf8"));
  } catch (e) {
    throw new ProblemError("SWG_MALFORMED_JSON", `the response is not JSON: ${(e as Error).message}`);
  }
  const issues: Issue[] = [];
  if (typeof v !== "object" || v === null || Array.isArray(v)) {
    throw new ProblemError("SWG_BAD_REQUEST", "the response must be a JSON object", [
      { message: "expected an object", pointer: "" },
    ]);
  }
  const o = v as Record<string, unknown>;
  const s = (k: string): string | undefined => (typeof o[k] === "string" && o[k] !== "" ? o[k] : undefined);
  const responseId = s("responseId");
  const status = s("status");
  if (!responseId)
    issues.push({
      message: "responseId is required (your own id for this response)",
      pointer: "/responseId",
    });
  if (!status) issues.push({ message: "status is required", pointer: "/status" });
  else if (!allowed.includes(status))
    issues.push({ message: `status must be one of ${allowed.join(", ")}`, pointer: "/status" });
  const correlation: Correlation = {
    ...(s("messageId") ? { messageId: s("messageId") } : {}),
    ...(s("documentId") ? { documentId: s("documentId") } : {}),
    ...(s("documentNumber") ? { documentNumber: s("documentNumber") } : {}),
    ...(s("ucr") ? { ucr: s("ucr") } : {}),
  };
  if (Object.keys(correlation).length === 0) {
    issues.push({
      message: "name what you answer: messageId (preferred), documentId or documentNumber",
      pointer: "/messageId",
    });
  }
  if (o["reasons"] !== undefined && !Array.isArray(o["reasons"]))
    issues.push({ message: "reasons must be an array", pointer: "/reasons" });
  if (o["at"] !== undefined && (typeof o["at"] !== "string" || Number.isNaN(Date.parse(o["at"])))) {
    issues.push({ message: "at must be an ISO 8601 date-time", pointer: "/at" });
  }
  if (issues.length > 0)
    throw new ProblemError("SWG_VALIDATION_FAILED", "the response is incomplete", issues);
  return {
    partnerMessageId: responseId!,
    correlation,
    status: `${kind}.${status!}`,
    details: {
      ...(Array.isArray(o["reasons"]) ? { reasons: o["reasons"] as unknown[] } : {}),
      ...(typeof o["references"] === "object" && o["references"] !== null
        ? { references: o["references"] }
        : {}),
      ...(s("at") ? { at: s("at") } : {}),
      ...(typeof o["text"] === "string" ? { text: o["text"] } : {}),
    },
  };
}

export function isJsonBody(mediaType: string, body: Buffer): boolean {
  if (/json/.test(mediaType)) return true;
  for (const b of body) {
    if (b === 0x20 || b === 0x0a || b === 0x0d || b === 0x09 || b === 0xef || b === 0xbb || b === 0xbf)
      continue;
    return b === 0x7b;
  }
  return false;
}
