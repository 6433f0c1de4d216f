import { randomBytes } from "node:crypto";
import type { Actor, CredentialRecord, Role } from "../ports/records.js";
import type { Store } from "../ports/store.js";
import { sha256Hex } from "../util/digest.js";
import { uuidv7 } from "../util/ids.js";

export const KEY_PREFIX = "swg_";

/** 256 random bits. A key this long needs no slow hash: SHA-256 of it is as good as any KDF. */
export function newApiKey(): string {
  return `${KEY_PREFIX}${randomBytes(32).toString("base64url")}`;
}

export function hashKey(key: string): string {
  return sha256Hex(key);
}

export interface IssuedKey {
  readonly credential: CredentialRecord;
  /** Shown once; only its hash is stored. */
  readonly key: string;
}

export async function issueKey(
  store: Store,
  opts: {
    partyId: string;
    role: Role;
    label?: string | null;
    expiresAt?: string | null;
    actor: Actor;
    now: Date;
  },
): Promise<IssuedKey> {
  const key = newApiKey();
  const at = opts.now.toISOString();
  const credential: CredentialRecord = {
    id: uuidv7(),
    partyId: opts.partyId,
    role: opts.role,
    keyHash: hashKey(key),
    keyPrefix: key.slice(0, 10),
    label: opts.label ?? null,
    createdAt: at,
    revokedAt: null,
    expiresAt: opts.expiresAt ?? null,
  };
  await store.transaction(async (tx) => {
    await tx.credentials.insert(credential);
    await tx.audit.append({
      chain: `party:${opts.partyId}`,
      type: "credential.issued",
      at,
      actor: opts.actor,
      subject: { partyId: opts.partyId },
      data: {
        credentialId: credential.id,
        role: opts.role,
        keyPrefix: credential.keyPrefix,
        expiresAt: credential.expiresAt,
      },
    });
  });
  return { credential, key };
}

export async function revokeKey(
  store: Store,
  id: string,
  actor: Actor,
  now: Date,
): Promise<CredentialRecord | undefined> {
  return store.transaction(async (tx) => {
    const c = await tx.credentials.get(id);
    if (!c) return undefined;
    if (await tx.credentials.revoke(id, now.toISOString())) {
      await tx.audit.append({
        chain: `party:${c.partyId}`,
        type: "credential.revoked",
        at: now.toISOString(),
        actor,
        subject: { partyId: c.partyId },
        data: { credentialId: id, keyPrefix: c.keyPrefix },
      });
    }
    return tx.credentials.get(id);
  });
}
