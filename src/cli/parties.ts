import { readFileSync } from "node:fs";
import { basename } from "node:path";
import { userInfo } from "node:os";
import { Option, type Command } from "commander";
import { ConfigError, loadConfig } from "../config/load.js";
import { loadPartners } from "../config/partners.js";
import type { Config } from "../config/schema.js";
import { ProblemError } from "../errors/index.js";
import { KyselyStore } from "../infra/db/store.js";
import { creditFile, parseCreditFormula } from "../parties/credit.js";
import { grantMandate, isMandateActive, revokeMandate } from "../parties/mandates.js";
import { describeMeasure, imposeMeasure, isMeasureActive, liftMeasure } from "../parties/measures.js";
import { BUSINESS_ROLES, registerParty, type BusinessRole } from "../parties/register.js";
import { renewRegistration } from "../parties/terms.js";
import { stepVerification } from "../parties/verification.js";
import type { Actor, PartyRecord, VerificationStatus } from "../ports/records.js";
import {
  MEASURE_LEVELS,
  TERMINATION_GROUNDS,
  type EvidenceRef,
  type MeasureLevel,
} from "../ports/register.js";
import { EMPTY_WATCHLIST, loadWatchlist, Screener } from "../risk/watchlist.js";
import { digestOf } from "../util/digest.js";

/** The CLI acts as the system; the OS user who ran it goes into the reason or note it records. */
const CLI_ACTOR: Actor = { partyId: null, role: "system" };
const by = () => `swg parties, user ${userInfo().username}`;

async function withStore(fn: (store: KyselyStore, cfg: Config) => Promise<void>): Promise<void> {
  let cfg: Config;
  try {
    cfg = loadConfig(process.env);
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    console.error(e.message);
    process.exitCode = 2;
    return;
  }
  const store = await KyselyStore.open(
    cfg.mode === "embedded"
      ? { dialect: "sqlite", file: cfg.sqliteFile }
      : { dialect: "postgres", url: cfg.databaseUrl!, schema: cfg.databaseSchema, poolSize: 2 },
    { groupCommitMax: 1 },
  );
  try {
    await store.migrate();
    await fn(store, cfg);
  } catch (e) {
    if (!(e instanceof ProblemError)) throw e;
    console.error(`${e.code}: ${e.message}`);
    for (const i of e.issues) console.error(`  ${i.pointer ?? i.location ?? ""} ${i.message}`);
    process.exitCode = 1;
  } finally {
    await store.close();
  }
}

const list = (v: string): string[] =>
  v
    .split(",")
    .map((s) => s.trim())
    .filter(Boolean);

const knownPartners = (cfg: Config) => new Set(loadPartners(cfg.partnersFile).map((p) => p.id));

function line(p: PartyRecord): string {
  const ids = p.identifiers.map((i) => `${i.scheme}:${i.value}`).join(" ");
  return `${p.id}  ${p.kind.padEnd(10)} ${p.verification.padEnd(19)} ${p.status.padEnd(10)} ${p.name}  ${ids}`;
}

/** Evidence files on disk: the register keeps their digests, which prove later which files were shown. */
function evidenceOf(files: readonly string[]): EvidenceRef[] {
  return files.map((f) => {
    const bytes = readFileSync(f);
    const mediaType = f.endsWith(".pdf")
      ? "application/pdf"
      : f.endsWith(".png")
        ? "image/png"
        : "application/octet-stream";
    return { name: basename(f), mediaType, digest: digestOf(bytes), size: bytes.length };
  });
}

/** `swg parties …`: the enterprise register from the command line, through the same functions as the API. */
export function registerPartyCommands(program: Command): void {
  const parties = program
    .command("parties")
    .description("the enterprise register: parties, verification, mandates, measures, credit");

  parties
    .command("list")
    .description("list registered parties")
    .addOption(new Option("--kind <kind>").choices(["enterprise", "partner", "authority", "gateway"]))
    .option("--limit <n>", "how many", (v) => Number.parseInt(v, 10), 100)
    .option("--after <id>", "continue after this party id")
    .action(async (o: { kind?: PartyRecord["kind"]; limit: number; after?: string }) => {
      await withStore(async (store) => {
        const page = await store.read.parties.list({
          limit: o.limit,
          ...(o.kind ? { kind: o.kind } : {}),
          ...(o.after ? { after: o.after } : {}),
        });
        for (const p of page) console.log(line(p));
      });
    });

  parties
    .command("show <id>")
    .description("a party with its measures, mandates and registration terms")
    .action(async (id: string) => {
      await withStore(async (store) => {
        const p = await store.read.parties.get(id);
        if (!p) {
          console.error(`no party ${id}`);
          process.exitCode = 1;
          return;
        }
        const at = new Date().toISOString();
        const [measures, mandates, terms] = await Promise.all([
          store.read.measures.listForParty(id),
          store.read.mandates.listForParty(id),
          store.read.terms.listForParty(id),
        ]);
        console.log(
          JSON.stringify(
            {
              party: p,
              measures: measures.map((m) => ({ ...describeMeasure(m), active: isMeasureActive(m, at) })),
              mandates: mandates.map((m) => ({ ...m, active: isMandateActive(m, at) })),
              registrations: terms,
            },
            null,
            2,
          ),
        );
      });
    });

  parties
    .command("register")
    .description("register a party (identifiers are checked per scheme)")
    .requiredOption("--name <name>")
    .addOption(
      new Option("--kind <kind>").choices(["enterprise", "partner", "authority"]).makeOptionMandatory(),
    )
    .option("--country <cc>", "ISO 3166 alpha-2")
    .option("--identifier <scheme:value...>", "e.g. USCI:91350100M000100Y43 LEI:506700GE1G29325QX363")
    .option("--roles <roles>", `comma-separated: ${BUSINESS_ROLES.join(", ")}`)
    .action(
      async (o: {
        name: string;
        kind: "enterprise" | "partner" | "authority";
        country?: string;
        identifier?: string[];
        roles?: string;
      }) => {
        await withStore(async (store, cfg) => {
          const identifiers = (o.identifier ?? []).map((x) => {
            const at = x.indexOf(":");
            return { scheme: x.slice(0, at), value: x.slice(at + 1) };
          });
          const p = await registerParty(
            store,
            {
              name: o.name,
              kind: o.kind,
              identifiers,
              country: o.country ?? null,
              ...(o.roles ? { roles: list(o.roles) as BusinessRole[] } : {}),
            },
            CLI_ACTOR,
            new Date(),
            { validityDays: cfg.registrationValidityDays },
          );
          console.log(line(p));
        });
      },
    );

  parties
    .command("verify <id>")
    .description("a verification step: documents-submitted (with evidence files), verified or rejected")
    .addOption(
      new Option("--status <status>")
        .choices(["documents-submitted", "verified", "rejected"])
        .makeOptionMandatory(),
    )
    .option("--evidence <files...>", "evidence files; only their SHA-256 digests are recorded")
    .option("--reason <text>")
    .action(async (id: string, o: { status: VerificationStatus; evidence?: string[]; reason?: string }) => {
      await withStore(async (store) => {
        const p = await stepVerification(
          store,
          {
            partyId: id,
            to: o.status,
            evidence: evidenceOf(o.evidence ?? []),
            reason: o.reason ? `${o.reason} (${by()})` : null,
          },
          CLI_ACTOR,
          new Date(),
        );
        console.log(line(p));
      });
    });

  parties
    .command("mandate <grantorId>")
    .description("let a declarant or customs broker submit for an exporter")
    .requiredOption("--agent <id>", "the declarant or broker")
    .option("--types <types>", "comma-separated document types (default: all)")
    .option("--partners <ids>", "comma-separated partner ids (default: all)")
    .option("--from <date>", "valid from (default: now)")
    .option("--until <date>", "valid until")
    .action(
      async (
        grantorId: string,
        o: { agent: string; types?: string; partners?: string; from?: string; until?: string },
      ) => {
        await withStore(async (store, cfg) => {
          const m = await grantMandate(
            store,
            {
              grantorId,
              agentId: o.agent,
              documentTypes: o.types ? list(o.types) : null,
              partners: o.partners ? list(o.partners) : null,
              validFrom: new Date(o.from ?? Date.now()).toISOString(),
              validUntil: o.until ? new Date(o.until).toISOString() : null,
              note: by(),
            },
            knownPartners(cfg),
            CLI_ACTOR,
            new Date(),
          );
          console.log(`mandate ${m.id}: ${m.agentId} may submit for ${m.grantorId}`);
        });
      },
    );

  parties
    .command("revoke-mandate <mandateId>")
    .option("--reason <text>")
    .action(async (id: string, o: { reason?: string }) => {
      await withStore(async (store) => {
        const m = await revokeMandate(
          store,
          id,
          `${o.reason ?? "no reason given"} (${by()})`,
          CLI_ACTOR,
          new Date(),
        );
        console.log(`mandate ${m.id} revoked at ${m.revokedAt ?? "?"}`);
      });
    });

  parties
    .command("measure <partyId>")
    .description("impose a graded measure: reminder, partial, full, terminated")
    .addOption(new Option("--level <level>").choices([...MEASURE_LEVELS]).makeOptionMandatory())
    .requiredOption("--reason <text>")
    .option("--types <types>", "partial: comma-separated document types")
    .option("--partners <ids>", "partial: comma-separated partner ids")
    .addOption(new Option("--action <action>", "partial: hold or refuse").choices(["hold", "refuse"]))
    .addOption(new Option("--grounds <grounds>", "terminated: why").choices([...TERMINATION_GROUNDS]))
    .option("--until <date>", "end date")
    .action(
      async (
        partyId: string,
        o: {
          level: MeasureLevel;
          reason: string;
          types?: string;
          partners?: string;
          action?: "hold" | "refuse";
          grounds?: (typeof TERMINATION_GROUNDS)[number];
          until?: string;
        },
      ) => {
        await withStore(async (store, cfg) => {
          const now = new Date();
          const m = await imposeMeasure(
            store,
            {
              partyId,
              level: o.level,
              reason: `${o.reason} (${by()})`,
              documentTypes: o.types ? list(o.types) : null,
              partners: o.partners ? list(o.partners) : null,
              action: o.action ?? null,
              grounds: o.grounds ?? null,
              startsAt: now.toISOString(),
              endsAt: o.until ? new Date(o.until).toISOString() : null,
            },
            knownPartners(cfg),
            CLI_ACTOR,
            now,
          );
          console.log(
            `measure ${m.id}: ${m.level} on ${m.partyId} (running gateways apply it within SWG_REGISTER_CACHE_MS)`,
          );
        });
      },
    );

  parties
    .command("lift <measureId>")
    .requiredOption("--reason <text>")
    .action(async (id: string, o: { reason: string }) => {
      await withStore(async (store) => {
        const m = await liftMeasure(store, id, `${o.reason} (${by()})`, CLI_ACTOR, new Date());
        console.log(`measure ${m.id} lifted at ${m.liftedAt ?? "?"}`);
      });
    });

  parties
    .command("renew <partyId>")
    .description("renew an enterprise's registration")
    .action(async (id: string) => {
      await withStore(async (store, cfg) => {
        const t = await renewRegistration(store, id, cfg.registrationValidityDays, CLI_ACTOR, new Date());
        console.log(`registration of ${id} runs until ${t.validUntil}`);
      });
    });

  parties
    .command("credit <partyId>")
    .description("the credit file and score")
    .action(async (id: string) => {
      await withStore(async (store, cfg) => {
        console.log(
          JSON.stringify(
            await creditFile(store, id, parseCreditFormula(cfg.creditFormula), new Date()),
            null,
            2,
          ),
        );
      });
    });

  parties
    .command("screen <name>")
    .description("check a name against the restricted-party list (SWG_RISK_LIST_FILE)")
    .action((name: string) => {
      const cfg = loadConfig(process.env);
      const s = new Screener(
        cfg.riskListFile ? loadWatchlist(cfg.riskListFile) : EMPTY_WATCHLIST,
        cfg.riskNameThreshold,
      );
      const m = s.match(name);
      if (!m) {
        console.log(
          `no match at or above ${cfg.riskNameThreshold} in ${s.list.source} (${s.list.entries.length} entries)`,
        );
        return;
      }
      console.log(
        `${m.entry.id}  ${m.entry.name}  matched "${m.matched}" by ${m.by}, score ${m.score.toFixed(3)}`,
      );
      process.exitCode = 3;
    });
}
