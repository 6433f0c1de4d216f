import { Ajv2020 } from "ajv/dist/2020.js";
import type { PartnerConfig, RoutingRule } from "../config/partners.js";
import type { Store } from "../ports/store.js";
import type { AdapterRegistry } from "./adapters.js";

/** Boot-time consistency of partners, routing and adapters: every problem named, none deferred to runtime. */
export function checkRoutingConfig(
  partners: readonly PartnerConfig[],
  rules: readonly RoutingRule[],
  adapters: AdapterRegistry,
  durableBus: boolean,
): void {
  const problems: string[] = [];
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  const byId = new Map(partners.map((p) => [p.id, p]));
  if (byId.size !== partners.length) problems.push("partner ids are not unique");
  for (const p of partners) {
    const a = adapters.get(p.adapter);
    if (!a) problems.push(`partner ${p.id}: no adapter ${p.adapter} under adapters/`);
    else if (a.manifest.partnerKind !== p.kind)
      problems.push(`partner ${p.id} is ${p.kind} but adapter ${p.adapter} serves ${a.manifest.partnerKind}`);
    else {
      // The profile is the adapter's settings: its manifest's config schema says what they may be.
      const validate = ajv.compile(a.manifest.configSchema);
      if (!validate(p.profile ?? {}))
        for (const e of validate.errors ?? [])
          problems.push(`partner ${p.id}: profile${e.instancePath} ${e.message ?? "is invalid"}`);
    }
    if (p.transport.type === "queue" && !durableBus)
      problems.push(`partner ${p.id}: queue transport needs the distributed mode (RabbitMQ)`);
  }
  for (const r of rules) {
    for (const to of r.to) {
      const p = byId.get(to);
      if (!p) {
        problems.push(`routing rule ${r.id}: unknown partner ${to}`);
        continue;
      }
      for (const t of r.types)
        if (!adapters.accepts(p.adapter, t))
          problems.push(`routing rule ${r.id}: adapter ${p.adapter} of ${to} does not render ${t}`);
    }
  }
  if (problems.length > 0)
    throw new Error(`routing configuration is inconsistent:\n  ${problems.join("\n  ")}`);
}

function isUniqueViolation(e: unknown): boolean {
  const code = (e as { code?: unknown } | null)?.code;
  return code === "23505" || code === "SQLITE_CONSTRAINT_PRIMARYKEY" || code === "SQLITE_CONSTRAINT_UNIQUE";
}

/**
 * Each configured partner is also a party, so it can hold credentials and appear in traces.
 * Processes starting together race to register the same partners: the loser finds them
 * registered on its second pass.
 */
export async function syncPartnerParties(
  store: Store,
  partners: readonly PartnerConfig[],
  now: Date,
): Promise<void> {
  try {
    await syncOnce(store, partners, now);
  } catch (e) {
    if (!isUniqueViolation(e)) throw e;
    await syncOnce(store, partners, now);
  }
}

async function syncOnce(store: Store, partners: readonly PartnerConfig[], now: Date): Promise<void> {
  await store.transaction(async (tx) => {
    for (const p of partners) {
      const at = now.toISOString();
      const existing = await tx.parties.get(p.id);
      if (!existing) {
        await tx.parties.insert({
          id: p.id,
          name: p.name,
          kind: "partner",
          partnerKind: p.kind,
          identifiers: [],
          country: p.country ?? null,
          verification: "verified",
          status: "active",
          profile: {},
          createdAt: at,
          updatedAt: at,
        });
        await tx.audit.append({
          chain: `party:${p.id}`,
          type: "party.registered",
          at,
          actor: { partyId: null, role: "system" },
          subject: { partyId: p.id },
          data: { name: p.name, kind: "partner", partnerKind: p.kind, source: "partners config" },
        });
      } else if (existing.name !== p.name || existing.partnerKind !== p.kind) {
        await tx.parties.update(p.id, { name: p.name, partnerKind: p.kind, updatedAt: at });
      }
    }
  });
}
