import type { NextFunction, Request, Response } from "express";
import { ProblemError } from "../errors/index.js";
import { hashKey, KEY_PREFIX } from "../parties/credentials.js";
import type { Clock } from "../ports/clock.js";
import type { Role } from "../ports/records.js";
import type { Store } from "../ports/store.js";
import type { Principal } from "./types.js";

interface Cached {
  readonly principal: Principal | null;
  readonly until: number;
}

/** How long a looked-up key is trusted before the store is asked again (revocation delay). */
const CACHE_MS = 5_000;

export class Authenticator {
  private cache = new Map<string, Cached>();

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
  ) {}

  /** Forget cached keys at once (after a revocation in this process). */
  invalidate(): void {
    this.cache.clear();
  }

  async principal(req: Request): Promise<Principal | undefined> {
    const key = presentedKey(req);
    if (key === undefined) return undefined;
    if (!key.startsWith(KEY_PREFIX) || key.length < 40 || key.length > 100) {
      throw new ProblemError("SWG_UNAUTHENTICATED", "the API key is malformed");
    }
    const hash = hashKey(key);
    const now = this.clock.now();
    const hit = this.cache.get(hash);
    let principal: Principal | null;
    if (hit && hit.until > now.getTime()) {
      principal = hit.principal;
    } else {
      principal = await this.lookup(hash, now);
      if (this.cache.size > 10_000) this.cache.clear();
      this.cache.set(hash, { principal, until: now.getTime() + CACHE_MS });
    }
    if (!principal)
      throw new ProblemError("SWG_UNAUTHENTICATED", "the API key is unknown, revoked or expired");
    return principal;
  }

  private async lookup(hash: string, now: Date): Promise<Principal | null> {
    const c = await this.store.read.credentials.byHash(hash);
    if (!c || c.revokedAt !== null || (c.expiresAt !== null && c.expiresAt <= now.toISOString())) return null;
    const party = await this.store.read.parties.get(c.partyId);
    if (!party || party.status === "terminated") return null;
    return { credentialId: c.id, partyId: c.partyId, role: c.role, party };
  }
}

function presentedKey(req: Request): string | undefined {
  const auth = req.headers.authorization;
  if (auth) {
    const m = /^Bearer\s+(\S+)$/i.exec(auth);
    if (!m) throw new ProblemError("SWG_UNAUTHENTICATED", "use Authorization: Bearer <api key>");
    return m[1];
  }
  const x = req.headers["x-api-key"];
  return typeof x === "string" ? x : undefined;
}

/** The one authentication middleware: every route passes through it with its declared roles. */
export function guard(auth: Authenticator, roles: readonly Role[] | "public") {
  return async (req: Request, res: Response, next: NextFunction): Promise<void> => {
    const who = await auth.principal(req);
    if (roles !== "public") {
      if (!who) throw new ProblemError("SWG_UNAUTHENTICATED", "this route needs an API key");
      if (!roles.includes(who.role)) {
        throw new ProblemError("SWG_FORBIDDEN", `role ${who.role} may not ${req.method} ${req.path}`, [], {
          allowedRoles: roles,
        });
      }
    }
    res.locals["principal"] = who;
    next();
  };
}
