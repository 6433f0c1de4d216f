/**
 * The one registry of error codes. docs/errors.md lists exactly these (a test keeps them in step).
 * Add a code here, then describe it in docs/errors.md.
 */
export interface ErrorDef {
  readonly status: number;
  readonly title: string;
}

export const ERRORS = {
  SWG_BAD_REQUEST: { status: 400, title: "The request is malformed" },
  SWG_MALFORMED_JSON: { status: 400, title: "The body is not well-formed JSON" },
  SWG_MALFORMED_XML: { status: 400, title: "The body is not well-formed XML" },
  SWG_XML_FORBIDDEN_CONSTRUCT: {
    status: 400,
    title: "The XML uses a construct the gateway refuses (DOCTYPE, entity)",
  },
  SWG_XML_LIMIT_EXCEEDED: {
    status: 400,
    title: "The XML exceeds a structural limit (depth, elements, attributes)",
  },
  SWG_MALFORMED_EDIFACT: { status: 400, title: "The body is not a well-formed UN/EDIFACT interchange" },
  SWG_UNKNOWN_FORMAT: { status: 415, title: "The body's format could not be recognized" },
  SWG_UNSUPPORTED_DOCUMENT: { status: 422, title: "The document type is recognized but not supported" },
  SWG_BODY_TOO_LARGE: { status: 413, title: "The body exceeds the size limit of this route" },
  SWG_VALIDATION_FAILED: { status: 422, title: "The submission failed validation" },
  SWG_MAPPING_INCOMPLETE: { status: 422, title: "Mandatory data in the original could not be mapped" },
  SWG_UNAUTHENTICATED: { status: 401, title: "Authentication is required" },
  SWG_FORBIDDEN: { status: 403, title: "Your role may not do this" },
  SWG_NOT_FOUND: { status: 404, title: "No such resource" },
  SWG_METHOD_NOT_ALLOWED: { status: 405, title: "The method is not allowed on this resource" },
  SWG_UNKNOWN_PARTNER: { status: 404, title: "No such partner" },
  SWG_IDEMPOTENCY_CONFLICT: { status: 409, title: "The Idempotency-Key was used with a different body" },
  SWG_CONFLICT: { status: 409, title: "The request conflicts with the current state" },
  SWG_SUPERSEDED_UNKNOWN: { status: 422, title: "The document to amend or cancel does not exist" },
  SWG_SIGNATURE_REQUIRED: { status: 422, title: "The submitting party's policy requires a signature" },
  SWG_SIGNATURE_INVALID: { status: 422, title: "The signature does not verify" },
  SWG_CERTIFICATE_UNTRUSTED: { status: 422, title: "The signing certificate is not trusted" },
  SWG_CERTIFICATE_REVOKED: { status: 422, title: "The signing certificate is revoked" },
  SWG_CERTIFICATE_EXPIRED: { status: 422, title: "The signing certificate is expired or not yet valid" },
  SWG_CERTIFICATE_NOT_BOUND: {
    status: 422,
    title: "The signing certificate is not bound to the submitting party",
  },
  SWG_RESPONSE_UNCORRELATED: { status: 422, title: "The partner response matches no delivery" },
  SWG_PARTY_NOT_VERIFIED: { status: 403, title: "The party's identity is not verified yet" },
  SWG_PARTY_RESTRICTED: { status: 403, title: "A regulatory measure restricts this party" },
  SWG_MANDATE_MISSING: { status: 403, title: "No valid mandate to act for this party" },
  SWG_RATE_LIMITED: { status: 429, title: "Too many requests" },
  SWG_UNAVAILABLE: { status: 503, title: "The gateway cannot serve this now" },
  SWG_INTERNAL: { status: 500, title: "Internal error" },
} as const satisfies Record<string, ErrorDef>;

export type ErrorCode = keyof typeof ERRORS;
