#!/usr/bin/env node
import { Command, Option } from "commander";
import { ConfigError, loadConfig } from "../config/load.js";
import { registerEvidenceCommands } from "./evidence.js";
import { registerDlqCommands } from "./dlq.js";
import { registerPartyCommands } from "./parties.js";
import { registerIngestCommand } from "./ingest.js";
import { registerPkiCommands } from "./pki.js";
import type { Config } from "../config/schema.js";
import { KyselyStore } from "../infra/db/store.js";
import { startGateway, VERSION } from "../main.js";
import { issueKey, revokeKey } from "../parties/credentials.js";
import { FileKeyStore } from "../pki/file-keystore.js";
import { ROLES, type Role } from "../ports/records.js";
import { makeCheckpoint } from "../trace/checkpoint.js";
import { verifyAudit } from "../trace/verify.js";
import { systemClock } from "../ports/clock.js";

const CLI_ACTOR = { partyId: null, role: "system" as const };

function config(overrides: Partial<Config> = {}): Config {
  try {
    return loadConfig(process.env, overrides);
  } catch (e) {
    if (e instanceof ConfigError) {
      console.error(e.message);
      process.exit(2);
    }
    throw e;
  }
}

async function withStore<T>(fn: (store: KyselyStore, cfg: Config) => Promise<T>): Promise<T> {
  const cfg = config();
  const store = await KyselyStore.open(
    cfg.mode === "embedded"
      ? { dialect: "sqlite", file: cfg.sqliteFile }
      : { dialect: "postgres", url: cfg.databaseUrl!, schema: cfg.databaseSchema, poolSize: 2 },
    { groupCommitMax: 1 },
  );
  try {
    await store.migrate();
    return await fn(store, cfg);
  } finally {
    await store.close();
  }
}

const program = new Command().name("swg").description("Single Window gateway").version(VERSION);

program
  .command("serve")
  .description("run the gateway (HTTP API and/or workers)")
  .addOption(new Option("--role <role>", "api, worker or all").choices(["api", "worker", "all"]))
  .option("--port <port>", "HTTP port", (v) => Number.parseInt(v, 10))
  .option("--demo", "seed demo parties and print their API keys")
  .action(async (o: { role?: Config["role"]; port?: number; demo?: boolean }) => {
    const cfg = config({
      ...(o.role ? { role: o.role } : {}),
      ...(o.port !== undefined ? { port: o.port } : {}),
      ...(o.demo ? { demo: true } : {}),
    });
    const gw = await startGateway(cfg, { demo: cfg.demo });
    console.log(
      `swg ${VERSION}: ${cfg.mode} mode, role ${cfg.role}${gw.url ? `, listening on ${gw.url}` : ""}`,
    );
    if (gw.demoKeys) {
      console.log(
        "\nDemo API keys (also in " + `${cfg.dataDir}/demo.env; \`source\` it for the README tour):`,
      );
      for (const [k, v] of Object.entries(gw.demoKeys)) console.log(`  ${k}=${v}`);
      console.log("");
    }
    let stopping = false;
    const stop = (signal: string) => {
      if (stopping) return;
      stopping = true;
      console.log(`${signal}: shutting down`);
      gw.close().then(
        () => process.exit(0),
        (e: unknown) => {
          console.error(e);
          process.exit(1);
        },
      );
    };
    process.on("SIGTERM", () => stop("SIGTERM"));
    process.on("SIGINT", () => stop("SIGINT"));
  });

const keys = program.command("keys").description("API keys and seal keys");
keys
  .command("create")
  .description("issue an API key for a party (printed once)")
  .requiredOption("--party <id>", "party id")
  .addOption(new Option("--role <role>", "role").choices([...ROLES]).makeOptionMandatory())
  .option("--label <label>", "what the key is for")
  .option("--expires <date>", "expiry (ISO 8601)")
  .action(async (o: { party: string; role: Role; label?: string; expires?: string }) => {
    await withStore(async (store) => {
      if (!(await store.read.parties.get(o.party))) {
        console.error(`no party ${o.party}`);
        process.exitCode = 1;
        return;
      }
      const out = await issueKey(store, {
        partyId: o.party,
        role: o.role,
        label: o.label ?? null,
        expiresAt: o.expires ? new Date(o.expires).toISOString() : null,
        actor: CLI_ACTOR,
        now: new Date(),
      });
      console.log(`credential ${out.credential.id} (${o.role} for ${o.party})`);
      console.log(out.key);
    });
  });
keys
  .command("revoke <credentialId>")
  .description("revoke an API key")
  .action(async (id: string) => {
    await withStore(async (store) => {
      const c = await revokeKey(store, id, CLI_ACTOR, new Date());
      if (!c) {
        console.error(`no credential ${id}`);
        process.exitCode = 1;
        return;
      }
      console.log(`revoked ${c.id} at ${c.revokedAt ?? "?"}`);
    });
  });
keys
  .command("list")
  .description("list a party's API keys (prefixes only)")
  .requiredOption("--party <id>", "party id")
  .action(async (o: { party: string }) => {
    await withStore(async (store) => {
      for (const c of await store.read.credentials.listForParty(o.party)) {
        console.log(
          `${c.id}  ${c.role.padEnd(9)} ${c.keyPrefix}…  created ${c.createdAt}${c.revokedAt ? `  REVOKED ${c.revokedAt}` : ""}`,
        );
      }
    });
  });

const audit = program.command("audit").description("the tamper-evident audit trail");
audit
  .command("verify")
  .description("recompute every chain and check the signed checkpoints")
  .option("--from <date>")
  .option("--to <date>")
  .action(async (o: { from?: string; to?: string }) => {
    await withStore(async (store, cfg) => {
      const ks = new FileKeyStore({ keyFile: cfg.sealKeyFile, chainFile: cfg.sealCertFile });
      const v = await verifyAudit(store, ks, {
        ...(o.from ? { from: o.from } : {}),
        ...(o.to ? { to: o.to } : {}),
      });
      console.log(JSON.stringify(v, null, 2));
      if (!v.ok) process.exitCode = 1;
    });
  });
audit
  .command("checkpoint")
  .description("sign a checkpoint over the chain heads now")
  .action(async () => {
    await withStore(async (store, cfg) => {
      const ks = new FileKeyStore({ keyFile: cfg.sealKeyFile, chainFile: cfg.sealCertFile });
      const c = await makeCheckpoint(store, ks, systemClock);
      console.log(
        c
          ? `checkpoint ${c.id}: ${c.leafCount} chain heads, root ${c.root}`
          : "nothing changed since the last checkpoint",
      );
    });
  });

program
  .command("migrate")
  .description("apply database migrations")
  .action(async () => {
    await withStore(async (store) => {
      console.log(
        `migrations applied (${store.dialect}); pending: ${(await store.pendingMigrations()).length}`,
      );
    });
  });

registerDlqCommands(program);
registerPartyCommands(program);
registerEvidenceCommands(program);
registerIngestCommand(program);
registerPkiCommands(program, keys, () => config());

await program.parseAsync(process.argv);
