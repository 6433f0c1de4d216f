import { existsSync, mkdirSync, readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Role } from "../ports/records.js";
import type { Store } from "../ports/store.js";
import { hashKey, issueKey } from "./credentials.js";
import { registerParty, type NewParty } from "./register.js";

interface DemoSeat {
  readonly env: string;
  readonly role: Role;
  readonly party: NewParty & { readonly id: string };
}

/** The demo's cast. The customs partner comes from config/partners.json (customs-demo). */
const SEATS: readonly DemoSeat[] = [
  {
    env: "SWG_DEMO_EXPORTER_KEY",
    role: "exporter",
    party: {
      id: "demo-exporter",
      name: "Demo Exporter Co., Ltd.",
      kind: "enterprise",
      country: "CN",
      verification: "verified",
      identifiers: [{ scheme: "USCI", value: "91350100M000100Y43" }],
    },
  },
  {
    env: "SWG_DEMO_CUSTOMS_KEY",
    role: "partner",
    party: {
      id: "customs-demo",
      name: "Demo Customs Authority",
      kind: "partner",
      partnerKind: "customs",
      country: "CN",
      verification: "verified",
    },
  },
  {
    env: "SWG_DEMO_REGULATOR_KEY",
    role: "regulator",
    party: {
      id: "demo-regulator",
      name: "Demo Trade Supervision Office",
      kind: "authority",
      country: "CN",
      verification: "verified",
    },
  },
  {
    env: "SWG_DEMO_OPERATOR_KEY",
    role: "operator",
    party: { id: "demo-operator", name: "Gateway Operations", kind: "authority", verification: "verified" },
  },
  {
    env: "SWG_DEMO_ADMIN_KEY",
    role: "admin",
    party: { id: "demo-admin", name: "Gateway Administration", kind: "authority", verification: "verified" },
  },
];

function readEnvFile(file: string): Map<string, string> {
  if (!existsSync(file)) return new Map();
  const out = new Map<string, string>();
  for (const line of readFileSync(file, "utf8").split("\n")) {
    const m = /^(?:export\s+)?([A-Z_]+)=(\S+)$/.exec(line.trim());
    if (m) out.set(m[1]!, m[2]!);
  }
  return out;
}

/**
 * Seeds the demo parties and gives each a key. Keys are kept in <dataDir>/demo.env (mode 600)
 * so that the README tour and a restart reuse them; a key no longer valid is replaced.
 * For demos only: `swg serve --demo`.
 */
export async function seedDemo(
  store: Store,
  dataDir: string,
  now: Date,
): Promise<{ file: string; keys: Record<string, string> }> {
  mkdirSync(dataDir, { recursive: true });
  const file = join(dataDir, "demo.env");
  const known = readEnvFile(file);
  const keys: Record<string, string> = {};
  const actor = { partyId: null, role: "system" as const };
  for (const seat of SEATS) {
    if (!(await store.read.parties.get(seat.party.id))) await registerParty(store, seat.party, actor, now);
    const existing = known.get(seat.env);
    const cred = existing ? await store.read.credentials.byHash(hashKey(existing)) : undefined;
    if (
      existing &&
      cred &&
      cred.revokedAt === null &&
      cred.partyId === seat.party.id &&
      cred.role === seat.role
    ) {
      keys[seat.env] = existing;
    } else {
      keys[seat.env] = (
        await issueKey(store, { partyId: seat.party.id, role: seat.role, label: "demo", actor, now })
      ).key;
    }
  }
  writeFileSync(
    file,
    Object.entries(keys)
      .map(([k, v]) => `export ${k}=${v}`)
      .join("\n") + "\n",
    { mode: 0o600 },
  );
  return { file, keys };
}
