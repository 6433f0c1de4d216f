import type {
  Actor,
  PartnerKind,
  PartyIdentifier,
  PartyRecord,
  VerificationStatus,
} from "../ports/records.js";
import type { Store } from "../ports/store.js";
import { uuidv7 } from "../util/ids.js";

export interface NewParty {
  readonly id?: string;
  readonly name: string;
  readonly kind: PartyRecord["kind"];
  readonly partnerKind?: PartnerKind | null;
  readonly identifiers?: readonly PartyIdentifier[];
  readonly country?: string | null;
  readonly verification?: VerificationStatus;
  readonly profile?: Readonly<Record<string, unknown>>;
}

export async function registerParty(
  store: Store,
  p: NewParty,
  actor: Actor,
  now: Date,
): Promise<PartyRecord> {
  const at = now.toISOString();
  const record: PartyRecord = {
    id: p.id ?? uuidv7(),
    name: p.name,
    kind: p.kind,
    partnerKind: p.partnerKind ?? null,
    identifiers: p.identifiers ?? [],
    country: p.country ?? null,
    verification: p.verification ?? "unverified",
    status: "active",
    profile: p.profile ?? {},
    createdAt: at,
    updatedAt: at,
  };
  await store.transaction(async (tx) => {
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
      },
    });
  });
  return record;
}
