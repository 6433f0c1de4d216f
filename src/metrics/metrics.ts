import { Counter, Gauge, Histogram, Registry, collectDefaultMetrics } from "prom-client";
import type { Logger } from "pino";
import type { Store } from "../ports/store.js";

/** Delivery states that are not settled yet: the backlog an operator watches. */
const OPEN_STATES = ["pending", "published", "retrying", "held", "dead"] as const;

/**
 * The gateway's Prometheus metrics. Labels are bounded sets only (route templates, stage names,
 * document types, partner ids from configuration, error codes), never ids of documents or parties.
 */
export class Metrics {
  readonly registry = new Registry();
  readonly http: Histogram<"method" | "route" | "status">;
  readonly stages: Histogram<"stage">;
  readonly submissions: Counter<"outcome" | "code">;
  readonly documents: Counter<"type">;
  readonly riskWarnings: Counter<"rule" | "severity">;
  readonly measures: Counter<"level" | "effect">;

  constructor(store: Store | undefined, log?: Logger) {
    collectDefaultMetrics({ register: this.registry, prefix: "swg_" });
    this.http = new Histogram({
      name: "swg_http_request_duration_seconds",
      help: "HTTP requests by method, route template and status",
      labelNames: ["method", "route", "status"],
      buckets: [0.002, 0.005, 0.01, 0.025, 0.05, 0.1, 0.25, 0.5, 1, 2.5, 5],
      registers: [this.registry],
    });
    this.stages = new Histogram({
      name: "swg_pipeline_stage_duration_seconds",
      help: "Time spent in each pipeline stage of a submission",
      labelNames: ["stage"],
      buckets: [0.0001, 0.00025, 0.0005, 0.001, 0.0025, 0.005, 0.01, 0.025, 0.05, 0.1, 0.5],
      registers: [this.registry],
    });
    this.submissions = new Counter({
      name: "swg_submissions_total",
      help: "Submissions by outcome (accepted, rejected) and, when rejected, the error code",
      labelNames: ["outcome", "code"],
      registers: [this.registry],
    });
    this.documents = new Counter({
      name: "swg_documents_accepted_total",
      help: "Documents accepted, by type",
      labelNames: ["type"],
      registers: [this.registry],
    });
    this.riskWarnings = new Counter({
      name: "swg_risk_warnings_total",
      help: "Risk warnings raised, by rule and severity",
      labelNames: ["rule", "severity"],
      registers: [this.registry],
    });
    this.measures = new Counter({
      name: "swg_measures_applied_total",
      help: "Accepted submissions a regulatory measure acted on, by level and effect (warning, held); refusals count in swg_submissions_total by code",
      labelNames: ["level", "effect"],
      registers: [this.registry],
    });
    if (store) {
      new Gauge({
        name: "swg_deliveries_open",
        help: "Deliveries not settled yet, by partner and state (dead: waiting for an operator)",
        labelNames: ["partner", "state"],
        registers: [this.registry],
        async collect() {
          this.reset();
          try {
            for (const r of await store.read.stats.backlog(OPEN_STATES))
              this.set({ partner: r.partnerId, state: r.state }, r.n);
          } catch (e) {
            log?.warn({ err: e }, "delivery backlog metric not collected");
          }
        },
      });
    }
  }

  /** Counts an accepted submission: its documents, the risk warnings it raised, the measures that acted on it. */
  accepted(
    types: readonly string[],
    hits: readonly { readonly ruleId: string; readonly severity: string }[],
    applied: readonly { readonly level: string; readonly effect: string }[],
  ): void {
    this.submissions.inc({ outcome: "accepted", code: "" });
    for (const type of types) this.documents.inc({ type });
    for (const h of hits) this.riskWarnings.inc({ rule: h.ruleId, severity: h.severity });
    for (const m of applied) this.measures.inc({ level: m.level, effect: m.effect });
  }

  /** Times consecutive stages: call the returned function with each stage's name as it ends. */
  stageTimer(): (stage: string) => void {
    let last = process.hrtime.bigint();
    return (stage) => {
      const now = process.hrtime.bigint();
      this.stages.observe({ stage }, Number(now - last) / 1e9);
      last = now;
    };
  }
}
