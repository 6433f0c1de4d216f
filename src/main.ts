import { createServer, type Server } from "node:http";
import { hostname } from "node:os";
import type { Express } from "express";
import type { Logger } from "pino";
import type { Config } from "./config/schema.js";
import { loadPartners, loadRouting, type PartnerConfig } from "./config/partners.js";
import { loadAdapters } from "./delivery/adapters.js";
import { AdapterHost } from "./delivery/host.js";
import { checkRoutingConfig, syncPartnerParties } from "./delivery/partners-sync.js";
import { deadLetterRecorder } from "./delivery/dead-letters.js";
import { Notifier } from "./delivery/notify.js";
import { OverdueWatch } from "./delivery/overdue.js";
import { Relay } from "./delivery/relay.js";
import { inboxTransport } from "./delivery/transports/inbox.js";
import { queueTransport } from "./delivery/transports/queue.js";
import { webhookTransport } from "./delivery/transports/webhook.js";
import { Authenticator } from "./http/auth.js";
import { createApp } from "./http/app.js";
import type { AppContext } from "./http/context.js";
import { allRoutes } from "./http/routes/index.js";
import { AmqpBus } from "./infra/amqp/bus.js";
import { EmbeddedBus } from "./infra/embedded-bus/bus.js";
import { KyselyStore } from "./infra/db/store.js";
import { withHttpMetrics } from "./metrics/http.js";
import { Metrics } from "./metrics/metrics.js";
import { RegisterGate } from "./parties/gate.js";
import { RiskEngine } from "./risk/engine.js";
import { EMPTY_WATCHLIST, loadWatchlist, Screener } from "./risk/watchlist.js";
import { seedDemo } from "./parties/demo.js";
import { DEFAULT_DERIVE_CONFIG } from "./pipeline/derive/index.js";
import type { PipelineDeps } from "./pipeline/pipeline.js";
import type { RuleRunner } from "./pipeline/validate/index.js";
import { runRules, DEFAULT_RULES_CONFIG } from "./pipeline/validate/rules/index.js";
import { loadSchemas } from "./pipeline/validate/schemas.js";
import { ChainValidator } from "./pki/chain.js";
import { FileKeyStore } from "./pki/file-keystore.js";
import { outboundSigner } from "./delivery/sign-outbound.js";
import { Sealer } from "./pki/jades.js";
import { watchCertificateExpiry } from "./pki/expiry-watch.js";
import { loadTrustConfig } from "./pki/trust-config.js";
import type { Bus } from "./ports/bus.js";
import { systemClock, type Clock } from "./ports/clock.js";
import { makeCheckpoint } from "./trace/checkpoint.js";
import { createLogger } from "./util/log.js";
import { uuidv7 } from "./util/ids.js";

export const VERSION = "0.1.0";

export interface Gateway {
  readonly config: Config;
  readonly ctx: AppContext;
  readonly store: KyselyStore;
  /** The base URL when listening. */
  readonly url: string | undefined;
  readonly demoKeys: Record<string, string> | undefined;
  /** The Express app (absent in a worker-only process), for in-process tests. */
  readonly app: Express | undefined;
  close(): Promise<void>;
}

export interface StartOptions {
  readonly listen?: boolean;
  readonly demo?: boolean;
  readonly clock?: Clock;
  readonly log?: Logger;
  readonly env?: NodeJS.ProcessEnv;
}

const rules: RuleRunner = (docs, related, now) =>
  runRules(docs, related, { now, config: DEFAULT_RULES_CONFIG });

/**
 * The composition root: config → ports → pipeline, workers and HTTP, and the matching close
 * in reverse order. Nothing else constructs infrastructure.
 */
export async function startGateway(config: Config, opts: StartOptions = {}): Promise<Gateway> {
  const log = opts.log ?? createLogger(config.logLevel);
  const clock = opts.clock ?? systemClock;
  const closers: (() => Promise<void>)[] = [];
  const close = async () => {
    for (const c of closers.reverse()) {
      try {
        await c();
      } catch (e) {
        log.error({ err: e }, "error while closing");
      }
    }
  };
  try {
    const store = await KyselyStore.open(
      config.mode === "embedded"
        ? { dialect: "sqlite", file: config.sqliteFile }
        : {
            dialect: "postgres",
            url: config.databaseUrl!,
            schema: config.databaseSchema,
            poolSize: config.databasePoolSize,
          },
      { groupCommitMax: config.groupCommitMax },
    );
    closers.push(() => store.close());
    await store.migrate();

    const production = config.nodeEnv === "production";
    const keys = new FileKeyStore(
      { keyFile: config.sealKeyFile, chainFile: config.sealCertFile },
      config.sealRetiredChainFiles,
      {
        production,
      },
    );
    const trustStore = loadTrustConfig(config.trustFile, config.certsDir, production);
    const trust = new ChainValidator(trustStore);
    const schemas = loadSchemas();
    const adapters = await loadAdapters();
    const partnerList = loadPartners(config.partnersFile);
    const routing = loadRouting(config.routingFile);
    const instanceId = `${hostname()}:${process.pid}:${uuidv7().slice(-8)}`;
    const amqp =
      config.mode === "distributed"
        ? new AmqpBus({
            url: config.amqpUrl!,
            prefix: config.amqpPrefix,
            retryDelaysMs: config.retryDelaysMs,
            log,
            instanceId,
          })
        : undefined;
    const bus: Bus = amqp ?? new EmbeddedBus();
    checkRoutingConfig(partnerList, routing, adapters, bus.durable);
    const partners = new Map<string, PartnerConfig>(partnerList.map((p) => [p.id, p]));
    await syncPartnerParties(store, partnerList, clock.now());
    await bus.start();
    closers.push(() => bus.close());

    const metrics = new Metrics(store, log);
    closers.push(() =>
      Promise.resolve(
        watchCertificateExpiry({ keys, trust: trustStore, clock, log, registry: metrics.registry })(),
      ),
    );
    const watchlist = config.riskListFile ? loadWatchlist(config.riskListFile) : EMPTY_WATCHLIST;
    const pipeline: PipelineDeps = {
      sealer: new Sealer(keys),
      trust,
      store,
      keys,
      clock,
      schemas,
      rules,
      routes: { rules: routing, partners, accepts: (a, t) => adapters.accepts(a, t) },
      register: new RegisterGate(store, {
        requireVerified: config.requireVerifiedParty,
        cacheMs: config.registerCacheMs,
      }),
      risk: new RiskEngine(
        store,
        {
          valueTolerance: config.riskValueTolerance,
          outlierZ: config.riskOutlierZ,
          minSamples: config.riskMinSamples,
        },
        new Screener(watchlist, config.riskNameThreshold),
      ),
      metrics,
      derive: {
        enabled: config.derive,
        cfg: { ...DEFAULT_DERIVE_CONFIG, inspectionHsPrefixes: config.inspectionHsPrefixes },
      },
    };

    const worker = config.role !== "api";
    let relay: Relay | undefined;
    if (worker) {
      if (!bus.durable) {
        const n = await store.transaction((tx) => tx.deliveries.resetInFlight(clock.now().toISOString()));
        if (n > 0) log.info({ deliveries: n }, "recovered deliveries left in flight by the last run");
      }
      const host = new AdapterHost({
        store,
        bus,
        clock,
        log,
        adapters,
        partners,
        transports: {
          inbox: inboxTransport,
          webhook: webhookTransport(opts.env ?? process.env),
          queue: amqp && queueTransport(amqp),
        },
        retryDelaysMs: config.retryDelaysMs,
        prefetch: config.workerConcurrency,
        queuePrefix: config.amqpPrefix,
        gateway: { id: "swg", name: "Single Window gateway" },
        signOutbound: outboundSigner(keys),
      });
      await host.start();
      closers.push(() => host.stop());
      const notifier = new Notifier(store, clock, log, {
        retryDelaysMs: config.retryDelaysMs,
        idleMs: config.relayIdleMs,
        leaseMs: 30_000,
        batchSize: 32,
        owner: instanceId,
        env: opts.env ?? process.env,
      });
      notifier.start();
      closers.push(() => notifier.stop());
      const overdue = new OverdueWatch(store, clock, log, partners, metrics.registry, {
        intervalMs: config.overdueCheckMs,
        batchSize: 500,
      });
      overdue.start();
      closers.push(() => overdue.stop());
      if (amqp) {
        const dead = await amqp.subscribe(amqp.topology.dead, [], deadLetterRecorder(store, clock, log), {
          prefetch: 16,
        });
        closers.push(() => dead.close());
      }
      const timer = setInterval(() => {
        makeCheckpoint(store, keys, clock).catch((e: unknown) => log.error({ err: e }, "checkpoint failed"));
      }, config.checkpointIntervalMs);
      timer.unref();
      closers.push(async () => {
        clearInterval(timer);
        await makeCheckpoint(store, keys, clock);
      });
    }
    // Distributed api processes relay too: each publishes what it has just committed without
    // waiting for a worker's poll, and SKIP LOCKED keeps concurrent relays on disjoint rows.
    if (worker || bus.durable) {
      relay = new Relay(store, bus, clock, log, {
        batchSize: config.relayBatchSize,
        idleMs: config.relayIdleMs,
        leaseMs: 30_000,
        owner: instanceId,
      });
      relay.start();
      const r = relay;
      closers.push(() => r.stop());
    }

    const ctx: AppContext = {
      config,
      store,
      keys,
      clock,
      log,
      pipeline,
      adapters,
      partners,
      onDeliveriesPlanned: () => relay?.wake(),
    };

    let url: string | undefined;
    let app: Express | undefined;
    if (config.role !== "worker") {
      const auth = new Authenticator(store, clock);
      app = withHttpMetrics(createApp(ctx, allRoutes(ctx, auth, VERSION), auth), metrics);
    }
    if (app && opts.listen !== false) {
      const server: Server = createServer(app);
      server.keepAliveTimeout = 65_000;
      await new Promise<void>((resolve, reject) => {
        server.once("error", reject);
        server.listen(config.port, config.host, () => resolve());
      });
      const addr = server.address();
      url =
        typeof addr === "object" && addr
          ? `http://${addr.address.includes(":") ? `[${addr.address}]` : addr.address}:${addr.port}`
          : undefined;
      closers.push(
        () =>
          new Promise<void>((resolve) => {
            server.close(() => resolve());
            server.closeIdleConnections();
          }),
      );
    }

    const demo = opts.demo ? await seedDemo(store, config.dataDir, clock.now()) : undefined;
    return { config, ctx, store, url, app, demoKeys: demo?.keys, close };
  } catch (e) {
    await close();
    throw e;
  }
}
