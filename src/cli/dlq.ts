import { userInfo } from "node:os";
import { InvalidArgumentError, Option, type Command } from "commander";
import { ConfigError, loadConfig } from "../config/load.js";
import type { Config } from "../config/schema.js";
import {
  DELIVERY_VIEWS,
  DeliveryOperations,
  statesOf,
  type DeliveryFilter,
  type DeliveryView,
} from "../delivery/dead-letters.js";
import { ProblemError } from "../errors/index.js";
import { KyselyStore } from "../infra/db/store.js";
import { systemClock } from "../ports/clock.js";
import type { Actor, DeliveryRecord } from "../ports/records.js";

interface FilterOptions {
  partner?: string;
  adapter?: string;
  type?: string;
  error?: string;
  from?: string;
  to?: string;
}

/** The CLI acts as the system, and the audit event names the OS user who ran it. */
const CLI_ACTOR: Actor = { partyId: null, role: "system" };

async function withOps<T>(fn: (ops: DeliveryOperations) => Promise<T>): Promise<T | undefined> {
  let cfg: Config;
  try {
    cfg = loadConfig(process.env);
  } catch (e) {
    if (!(e instanceof ConfigError)) throw e;
    console.error(e.message);
    process.exitCode = 2;
    return undefined;
  }
  const store = await KyselyStore.open(
    cfg.mode === "embedded"
      ? { dialect: "sqlite", file: cfg.sqliteFile }
      : { dialect: "postgres", url: cfg.databaseUrl!, schema: cfg.databaseSchema, poolSize: 2 },
    { groupCommitMax: 1 },
  );
  try {
    await store.migrate();
    return await fn(new DeliveryOperations(store, systemClock));
  } catch (e) {
    if (!(e instanceof ProblemError)) throw e;
    console.error(`${e.code}: ${e.message}`);
    process.exitCode = 1;
    return undefined;
  } finally {
    await store.close();
  }
}

function filterOf(o: FilterOptions, views: readonly DeliveryView[]): DeliveryFilter {
  return {
    states: statesOf(views),
    ...(o.partner ? { partnerId: o.partner } : {}),
    ...(o.adapter ? { adapterId: o.adapter } : {}),
    ...(o.type ? { documentType: o.type } : {}),
    ...(o.error ? { error: o.error } : {}),
    ...(o.from ? { from: new Date(o.from).toISOString() } : {}),
    ...(o.to ? { to: new Date(o.to).toISOString() } : {}),
  };
}

function viewsOf(s: string): DeliveryView[] {
  const views = s.split(",").map((v) => v.trim());
  for (const v of views)
    if (!(DELIVERY_VIEWS as readonly string[]).includes(v))
      throw new InvalidArgumentError(`${v} is not one of ${DELIVERY_VIEWS.join(", ")}`);
  return views as DeliveryView[];
}

function line(d: DeliveryRecord): string {
  const err = (d.lastError ?? "").replace(/\s+/g, " ");
  return `${d.id}  ${d.state.padEnd(9)} ${String(d.attempts).padStart(2)}  ${d.partnerId.padEnd(20)} ${d.updatedAt}  ${err.length > 60 ? `${err.slice(0, 59)}…` : err}`;
}

function withFilterOptions(c: Command): Command {
  return c
    .option("--partner <id>", "only this partner")
    .option("--adapter <id>", "only this adapter")
    .option("--type <documentType>", "only this document type")
    .option("--error <text>", "the last error contains this")
    .option("--from <date>", "last changed at or after (ISO 8601)")
    .option("--to <date>", "last changed before (ISO 8601)");
}

function actor(reason: string | undefined): { actor: Actor; reason: string } {
  return {
    actor: CLI_ACTOR,
    reason: `${reason ?? "no reason given"} (swg dlq, user ${userInfo().username})`,
  };
}

/** `swg dlq list|show|replay|cancel`: the dead letters and the deliveries in retry, from the store. */
export function registerDlqCommands(program: Command): void {
  const dlq = program
    .command("dlq")
    .description("dead letters and retrying deliveries: list, inspect, replay, cancel");

  withFilterOptions(
    dlq
      .command("list")
      .description("list deliveries by state (the dead letters by default)")
      .addOption(
        new Option("--state <states>", `comma-separated: ${DELIVERY_VIEWS.join(", ")}`)
          .argParser(viewsOf)
          .default(["dead"], "dead"),
      )
      .option("--limit <n>", "how many", (v) => Number.parseInt(v, 10), 50)
      .option("--after <deliveryId>", "continue after this id")
      .option("--json", "one JSON object per line"),
  ).action(
    async (o: FilterOptions & { state: DeliveryView[]; limit: number; after?: string; json?: boolean }) => {
      await withOps(async (ops) => {
        const page = await ops.list(filterOf(o, o.state), {
          limit: o.limit,
          ...(o.after ? { after: o.after } : {}),
        });
        for (const d of page.items) console.log(o.json ? JSON.stringify(d) : line(d));
        if (page.next) console.error(`more: --after ${page.next}`);
      });
    },
  );

  dlq
    .command("show <deliveryId>")
    .description("one delivery with every attempt")
    .action(async (id: string) => {
      await withOps(async (ops) => {
        const found = await ops.show(id);
        if (!found) {
          console.error(`no delivery ${id}`);
          process.exitCode = 1;
          return;
        }
        console.log(JSON.stringify({ ...found.delivery, attempts: found.attempts }, null, 2));
      });
    });

  withFilterOptions(
    dlq
      .command("replay [deliveryIds...]")
      .description(
        "send dead (or cancelled) deliveries again with their original message ids: the ids given, or with --matching every one the filter selects",
      )
      .option("--matching", "replay what the filter options select instead of listed ids")
      .addOption(
        new Option("--state <states>", "with --matching: dead, cancelled or both (comma-separated)")
          .argParser(viewsOf)
          .default(["dead"], "dead"),
      )
      .option("--max <n>", "with --matching: at most this many", (v) => Number.parseInt(v, 10), 1000)
      .option("--reason <text>", "why (recorded in the audit trail)"),
  ).action(
    async (
      ids: string[],
      o: FilterOptions & { matching?: boolean; state: DeliveryView[]; max: number; reason?: string },
    ) => {
      if (ids.length > 0 === Boolean(o.matching)) {
        console.error("give delivery ids, or --matching with filter options (not both)");
        process.exitCode = 2;
        return;
      }
      const a = actor(o.reason);
      await withOps(async (ops) => {
        if (o.matching) {
          const out = await ops.replayMatching(filterOf(o, o.state), a.actor, {
            max: o.max,
            reason: a.reason,
          });
          for (const id of out.replayed) console.log(`replayed ${id}`);
          for (const id of out.conflicts) console.error(`skipped ${id}: it changed state meanwhile`);
          console.log(`${out.replayed.length} replayed`);
          return;
        }
        for (const id of ids) {
          const d = await ops.replay(id, a.actor, a.reason);
          console.log(`replayed ${d.id} (message id ${d.messageId})`);
        }
      });
    },
  );

  dlq
    .command("cancel <deliveryIds...>")
    .description("stop retrying these deliveries")
    .option("--reason <text>", "why (recorded in the audit trail)")
    .action(async (ids: string[], o: { reason?: string }) => {
      const a = actor(o.reason);
      await withOps(async (ops) => {
        for (const id of ids) {
          const d = await ops.cancel(id, a.actor, a.reason);
          console.log(`cancelled ${d.id} after ${d.attempts} attempt(s)`);
        }
      });
    });
}
