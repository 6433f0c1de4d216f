import { ProblemError } from "../errors/index.js";
import type {
  Actor,
  PartnerKind,
  PartyIdentifier,
  PartyRecord,
  VerificationStatus,
} from "../ports/records.js";
import type { Store, Tx } from "../ports/store.js";
import { uuidv7 } from "../util/ids.js";
import { identifierIssues } from "./identifiers.js";

/** What an enterprise does in trade; declarants and customs brokers may act for others under a mandate. */
export const BUSINESS_ROLES = [
  "exporter",
  "manufacturer",
  "trader",
  "declarant",
  "customs-broker",
  "forwarder",
] as const;
export type BusinessRole = (typeof BUSINESS_ROLES)[number];

/** Roles that may hold a mandate to submit for an exporter. */
export const AGENT_ROLES: readonly BusinessRole[] = ["declarant", "customs-broker"];

export interface Contact {
  readonly name: string;
  readonly email?: string;
  readonly phone?: string;
  readonly role?: string;
}

export interface NewParty {
  readonly id?: string;
  readonly name: string;
  readonly kind: PartyRecord["kind"];
  readonly partnerKind?: PartnerKind | null;
  readonly identifiers?: readonly PartyIdentifier[];
  readonly country?: string | null;
  readonly verification?: VerificationStatus;
  readonly roles?: readonly BusinessRole[];
  readonly contacts?: readonly Contact[];
  readonly profile?: Readonly<Record<string, unknown>>;
}

/** Business roles a party declared at registration (kept in its profile). */
export function rolesOf(p: PartyRecord): readonly string[] {
  const r = p.profile["roles"];
  return Array.isArray(r) ? r.filter((x): x is string => typeof x === "string") : [];
}

/** Default length of a registration before it must be renewed. */
export const DEFAULT_REGISTRATION_DAYS = 365;

/**
 * Registers a party. Its identifiers are checked per scheme (check characters included) and must
 * not belong to another party; an enterprise's registration runs for `validityDays` and is then
 * renewed (see terms.ts), which the statistics count.
 */
export async function registerParty(
  store: Store,
  p: NewParty,
  actor: Actor,
  now: Date,
  opts: { readonly validityDays?: number } = {},
): Promise<PartyRecord> {
  const ids = p.identifiers ?? [];
  const issues = identifierIssues(ids);
  if (issues.length > 0) throw new ProblemError("SWG_VALIDATION_FAILED", "invalid identifiers", issues);
  const at = now.toISOString();
  const record: PartyRecord = {
    id: p.id ?? uuidv7(),
    name: p.name,
    kind: p.kind,
    partnerKind: p.partnerKind ?? null,
    identifiers: ids,
    country: p.country ?? null,
    verification: p.verification ?? "unverified",
    status: "active",
    profile: {
      ...(p.profile ?? {}),
      ...(p.roles ? { roles: p.roles } : {}),
      ...(p.contacts ? { contacts: p.contacts } : {}),
    },
    createdAt: at,
    updatedAt: at,
  };
  await store.transaction(async (tx) => {
    for (const i of ids) {
      const taken = await tx.parties.byIdentifier(i.scheme, i.value);
      if (taken)
        throw new ProblemError(
          "SWG_CONFLICT",
          `${i.scheme} ${i.value} is already registered to party ${taken.id}`,
        );
    }
    await tx.parties.insert(record);
    await tx.audit.append({
      chain: `party:${record.id}`,
      type: "party.registered",
      at,
      actor,
      subject: { partyId: record.id },
      data: {
        name: record.name,
        kind: record.kind,
        partnerKind: record.partnerKind,
        identifiers: record.identifiers,
        verification: record.verification,
        roles: p.roles ?? [],
      },
    });
    if (record.kind === "enterprise")
      await openRegistrationTerm(tx, record.id, now, opts.validityDays ?? DEFAULT_REGISTRATION_DAYS, actor);
  });
  return record;
}

async function openRegistrationTerm(
  tx: Tx,
  partyId: string,
  now: Date,
  days: number,
  actor: Actor,
): Promise<void> {
  await tx.terms.insert({
    id: uuidv7(now.getTime()),
    partyId,
    kind: "registration",
    validFrom: now.toISOString(),
    validUntil: new Date(now.getTime() + days * 86_400_000).toISOString(),
    renews: null,
    createdAt: now.toISOString(),
    actor,
    detail: {},
  });
}
