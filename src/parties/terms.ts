import { ProblemError } from "../errors/index.js";
import type { Actor } from "../ports/records.js";
import type { TermRecord } from "../ports/register.js";
import type { Store } from "../ports/store.js";
import { uuidv7 } from "../util/ids.js";

const DAY = 86_400_000;

const latest = (terms: readonly TermRecord[]): TermRecord | undefined =>
  [...terms].sort((a, b) => a.validUntil.localeCompare(b.validUntil)).at(-1);

/**
 * Renews an enterprise's registration for `days` more. Renewed before it lapses, the new term
 * follows on without a gap; after, it starts now. Statistics count on-time renewals.
 */
export async function renewRegistration(
  store: Store,
  partyId: string,
  days: number,
  actor: Actor,
  now: Date,
): Promise<TermRecord> {
  return store.transaction(async (tx) => {
    const party = await tx.parties.get(partyId);
    if (!party || party.kind !== "enterprise") throw new ProblemError("SWG_NOT_FOUND", "no such enterprise");
    if (party.status === "terminated")
      throw new ProblemError("SWG_CONFLICT", "cooperation with this party has ended");
    const prev = latest(await tx.terms.listForParty(partyId));
    const at = now.toISOString();
    const from = prev && prev.validUntil > at ? new Date(prev.validUntil) : now;
    const t: TermRecord = {
      id: uuidv7(now.getTime()),
      partyId,
      kind: "registration",
      validFrom: from.toISOString(),
      validUntil: new Date(from.getTime() + days * DAY).toISOString(),
      renews: prev?.id ?? null,
      createdAt: at,
      actor,
      detail: {},
    };
    await tx.terms.insert(t);
    await tx.audit.append({
      chain: `party:${partyId}`,
      type: "registration.renewed",
      at,
      actor,
      subject: { partyId },
      data: {
        termId: t.id,
        renews: t.renews,
        validUntil: t.validUntil,
        onTime: !prev || prev.validUntil >= at,
      },
    });
    return t;
  });
}
