import type { Logger } from "pino";
import type { Config } from "../config/schema.js";
import type { PartnerConfig } from "../config/partners.js";
import type { AdapterRegistry } from "../delivery/adapters.js";
import type { PipelineDeps } from "../pipeline/pipeline.js";
import type { Clock } from "../ports/clock.js";
import type { KeyStore } from "../ports/keystore.js";
import type { Store } from "../ports/store.js";

/** What route handlers may use. Built once by the composition root (src/main.ts). */
export interface AppContext {
  readonly config: Config;
  readonly store: Store;
  readonly keys: KeyStore;
  readonly clock: Clock;
  readonly log: Logger;
  readonly pipeline: PipelineDeps;
  readonly adapters: AdapterRegistry;
  readonly partners: ReadonlyMap<string, PartnerConfig>;
  /** Nudges the outbox relay after a commit that added deliveries (no-op in an api-only process). */
  readonly onDeliveriesPlanned: () => void;
}
