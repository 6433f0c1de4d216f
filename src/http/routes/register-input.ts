import type { Request } from "express";
import { ProblemError, type Issue } from "../../errors/index.js";
import type { Actor, PartyRecord } from "../../ports/records.js";
import { canSeeParty } from "../access.js";
import type { AppContext } from "../context.js";
import type { Principal } from "../types.js";
import { PROBLEM } from "./schemas.js";

/** Shared by the register's routes (parties, register, risk, complaints, stats). */
export function actorOf(who: Principal | undefined): Actor {
  return {
    partyId: who?.partyId ?? null,
    role: who?.role ?? "system",
    credentialId: who?.credentialId ?? null,
  };
}

export const CONFLICT = {
  "409": {
    description: "Not possible in the current state (the workflow step is named)",
    contentType: "application/problem+json",
    schema: PROBLEM,
  },
} as const;

export const UNPROCESSABLE = {
  "422": {
    description: "Invalid input, every issue listed",
    contentType: "application/problem+json",
    schema: PROBLEM,
  },
} as const;

/** The party a route is about, when the caller may see it; the same 404 otherwise (no probing). */
export async function visibleParty(
  ctx: AppContext,
  who: Principal | undefined,
  id: string,
): Promise<PartyRecord> {
  const p = await ctx.store.read.parties.get(id);
  if (!p || !who || !canSeeParty(who, p))
    throw new ProblemError("SWG_NOT_FOUND", "no such party visible to you");
  return p;
}

/** Reads a JSON body field by field, collecting every issue, and fails once (DESIGN §7.3). */
export class Input {
  readonly issues: Issue[] = [];
  private readonly b: Record<string, unknown>;

  constructor(req: Request) {
    const raw: unknown = req.body;
    this.b = raw && typeof raw === "object" && !Array.isArray(raw) ? (raw as Record<string, unknown>) : {};
    if (raw !== undefined && raw !== null && this.b !== raw)
      this.issues.push({ message: "the body is a JSON object", pointer: "" });
  }

  raw(key: string): unknown {
    return this.b[key];
  }

  string(key: string, opts: { required?: boolean; max?: number } = {}): string | undefined {
    const v = this.b[key];
    const max = opts.max ?? 2000;
    if (v === undefined || v === null) {
      if (opts.required) this.issues.push({ message: `${key} is required`, pointer: `/${key}` });
      return undefined;
    }
    if (typeof v !== "string" || v.trim().length === 0 || v.length > max) {
      this.issues.push({ message: `${key} is a string of 1 to ${max} characters`, pointer: `/${key}` });
      return undefined;
    }
    return v.trim();
  }

  /** An optional list of strings; null when absent (meaning "all" in scopes). */
  strings(key: string): string[] | null {
    const v = this.b[key];
    if (v === undefined || v === null) return null;
    if (!Array.isArray(v) || v.length === 0 || !v.every((x) => typeof x === "string")) {
      this.issues.push({ message: `${key} is a non-empty list of strings`, pointer: `/${key}` });
      return null;
    }
    return v;
  }

  oneOf<T extends string>(key: string, values: readonly T[], required = true): T | undefined {
    const v = this.b[key];
    if (v === undefined && !required) return undefined;
    if (typeof v !== "string" || !(values as readonly string[]).includes(v)) {
      this.issues.push({ message: `${key} is one of ${values.join(", ")}`, pointer: `/${key}` });
      return undefined;
    }
    return v as T;
  }

  /** An ISO 8601 date-time, returned in UTC. */
  time(key: string): string | undefined {
    const v = this.b[key];
    if (v === undefined || v === null) return undefined;
    const t = typeof v === "string" ? Date.parse(v) : Number.NaN;
    if (Number.isNaN(t)) {
      this.issues.push({ message: `${key} is an ISO 8601 date-time`, pointer: `/${key}` });
      return undefined;
    }
    return new Date(t).toISOString();
  }

  number(key: string, min: number, max: number): number | undefined {
    const v = this.b[key];
    if (v === undefined || v === null) return undefined;
    if (typeof v !== "number" || !Number.isFinite(v) || v < min || v > max) {
      this.issues.push({ message: `${key} is a number from ${min} to ${max}`, pointer: `/${key}` });
      return undefined;
    }
    return v;
  }

  add(issues: readonly Issue[]): void {
    this.issues.push(...issues);
  }

  /** Throws every issue collected so far, once. */
  check(what: string): void {
    if (this.issues.length > 0)
      throw new ProblemError("SWG_VALIDATION_FAILED", `${what}: ${this.issues.length} issue(s)`, this.issues);
  }
}

/** A query parameter given at most once. */
export function queryParam(req: Request, name: string): string | undefined {
  const v = req.query[name];
  if (v === undefined) return undefined;
  if (typeof v !== "string")
    throw new ProblemError("SWG_BAD_REQUEST", `${name} is given once`, [
      { message: "repeated", location: `query ${name}` },
    ]);
  return v;
}

/** An optional query parameter that must be one of `values`; the problem names the parameter. */
export function enumQueryParam<T extends string>(
  req: Request,
  name: string,
  values: readonly T[],
): T | undefined {
  const v = queryParam(req, name);
  if (v === undefined || (values as readonly string[]).includes(v)) return v as T | undefined;
  throw new ProblemError("SWG_BAD_REQUEST", `${name} is one of ${values.join(", ")}`, [
    { message: `unknown value ${JSON.stringify(v)}`, location: `query ${name}` },
  ]);
}

export function pageLimit(req: Request, def = 100, max = 500): number {
  const v = queryParam(req, "limit");
  const n = v === undefined ? def : Number(v);
  if (!Number.isInteger(n) || n < 1 || n > max)
    throw new ProblemError("SWG_BAD_REQUEST", `limit is an integer from 1 to ${max}`, [
      { message: "invalid", location: "query limit" },
    ]);
  return n;
}
