import { ERRORS, type ErrorCode } from "./registry.js";

/** One finding. Validation collects all of them and fails once (DESIGN §7.3). */
export interface Issue {
  readonly message: string;
  /** JSON Pointer into the canonical (or submitted JSON) document. */
  readonly pointer?: string;
  /** XPath into the original XML, when the input was XML. */
  readonly xpath?: string;
  /** Segment/element position, when the input was EDIFACT. */
  readonly location?: string;
  readonly ruleId?: string;
  readonly severity?: "error" | "warning";
  /** Index of the document within a dossier submission. */
  readonly document?: number;
}

export interface ProblemBody {
  readonly type: string;
  readonly title: string;
  readonly status: number;
  readonly code: ErrorCode;
  readonly detail?: string;
  readonly instance?: string;
  readonly issues?: readonly Issue[];
  readonly [extension: string]: unknown;
}

export function problemType(code: ErrorCode): string {
  return `urn:swg:error:${code}`;
}

/** The one error type the HTTP layer turns into RFC 9457 problem+json. */
export class ProblemError extends Error {
  readonly status: number;
  constructor(
    readonly code: ErrorCode,
    detail?: string,
    readonly issues: readonly Issue[] = [],
    readonly extensions: Readonly<Record<string, unknown>> = {},
  ) {
    super(detail ?? ERRORS[code].title);
    this.name = "ProblemError";
    this.status = ERRORS[code].status;
  }

  toBody(instance?: string): ProblemBody {
    return {
      ...this.extensions,
      type: problemType(this.code),
      title: ERRORS[this.code].title,
      status: this.status,
      code: this.code,
      detail: this.message,
      ...(instance !== undefined ? { instance } : {}),
      ...(this.issues.length > 0 ? { issues: this.issues } : {}),
    };
  }
}

export function isProblem(e: unknown): e is ProblemError {
  return e instanceof ProblemError;
}
