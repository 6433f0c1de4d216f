import { ProblemError, type Issue } from "../errors/index.js";
import type { PartyRecord } from "../ports/records.js";
import type { MandateRecord, MeasureRecord } from "../ports/register.js";
import type { Store } from "../ports/store.js";
import { isMandateActive, mandateCovers } from "./mandates.js";
import { describeMeasure, isMeasureActive, SEVERITY } from "./measures.js";

export interface GateConfig {
  /** SWG_REQUIRE_VERIFIED_PARTY: refuse parties whose identity is not verified. */
  readonly requireVerified: boolean;
  /** How long a party's record, measures and mandates are reused before the store is asked again. */
  readonly cacheMs: number;
}

/** The submitting credential and the exporter it claims to act for (X-On-Behalf-Of). */
export interface Claimant {
  readonly partyId: string;
  readonly onBehalfOf: string | null;
}

/** Who a submission is admitted for, and the register facts that bear on it. */
export interface Admission {
  readonly owner: PartyRecord;
  /** The declarant or broker acting for the owner, when there is one. */
  readonly agent: PartyRecord | null;
  /** Active measures on the owner and on the agent, strongest first. */
  readonly measures: readonly MeasureRecord[];
  /** Active mandates from the owner to the agent. */
  readonly mandates: readonly MandateRecord[];
}

interface PartyFacts {
  readonly party: PartyRecord | undefined;
  readonly measures: readonly MeasureRecord[];
  readonly until: number;
}

interface PairFacts {
  readonly mandates: readonly MandateRecord[];
  readonly until: number;
}

const MAX_ENTRIES = 10_000;

/**
 * The register's checks at the gate of the pipeline. They run on every submission, so a party's
 * record and measures, and each agent's mandates, are cached for a short time; every change made
 * through this process invalidates its entry at once (other processes see it within cacheMs).
 */
export class RegisterGate {
  private parties = new Map<string, PartyFacts>();
  private pairs = new Map<string, PairFacts>();

  constructor(
    private readonly store: Store,
    private readonly cfg: GateConfig,
  ) {}

  /** Forget what is cached about a party (its record, measures, and mandates it gave or holds). */
  invalidate(partyId: string): void {
    this.parties.delete(partyId);
    for (const k of this.pairs.keys()) if (k.split("\u0000").includes(partyId)) this.pairs.delete(k);
  }

  /**
   * Admits a submission before its body is read: the mandate first (so that nothing about a party is
   * revealed to someone not acting for it), then verification, then full restriction or termination.
   */
  async admit(c: Claimant, now: Date): Promise<Admission> {
    const at = now.toISOString();
    const onBehalfOf = c.onBehalfOf !== null && c.onBehalfOf !== c.partyId ? c.onBehalfOf : null;
    const self = await this.facts(c.partyId, now);
    if (!self.party) throw new ProblemError("SWG_UNAUTHENTICATED", "the submitting party is not registered");
    let owner = self;
    let mandates: readonly MandateRecord[] = [];
    if (onBehalfOf !== null) {
      const other = await this.facts(onBehalfOf, now);
      mandates = (await this.mandates(onBehalfOf, c.partyId, now)).filter((m) => isMandateActive(m, at));
      if (!other.party || mandates.length === 0)
        throw new ProblemError(
          "SWG_MANDATE_MISSING",
          `party ${c.partyId} holds no mandate in force to act for ${onBehalfOf}`,
          [{ message: "no valid mandate", location: "X-On-Behalf-Of" }],
        );
      owner = other;
    }
    const ownerParty = owner.party!;
    const agent = onBehalfOf !== null ? self.party : null;
    if (this.cfg.requireVerified) {
      for (const p of [ownerParty, agent]) {
        if (p && p.verification !== "verified")
          throw new ProblemError(
            "SWG_PARTY_NOT_VERIFIED",
            `party ${p.id} is ${p.verification}; submissions open once it is verified`,
            [],
            { partyId: p.id, verification: p.verification },
          );
      }
    }
    const measures = [...owner.measures, ...(agent ? self.measures : [])]
      .filter((m) => isMeasureActive(m, at))
      .sort((a, b) => SEVERITY[b.level] - SEVERITY[a.level]);
    const blocking = measures.find((m) => m.level === "full" || m.level === "terminated");
    if (blocking)
      throw restricted(
        blocking,
        `party ${blocking.partyId} is under a ${blocking.level} restriction: ${blocking.reason}`,
      );
    if (ownerParty.status === "terminated" || agent?.status === "terminated")
      throw new ProblemError("SWG_PARTY_RESTRICTED", "cooperation with this party has ended");
    return { owner: ownerParty, agent, measures, mandates };
  }

  private async facts(partyId: string, now: Date): Promise<PartyFacts> {
    const hit = this.parties.get(partyId);
    if (hit && hit.until > now.getTime()) return hit;
    const [party, measures] = await Promise.all([
      this.store.read.parties.get(partyId),
      this.store.read.measures.listForParty(partyId),
    ]);
    const f = { party, measures, until: now.getTime() + this.cfg.cacheMs };
    if (this.parties.size >= MAX_ENTRIES) this.parties.clear();
    this.parties.set(partyId, f);
    return f;
  }

  private async mandates(grantorId: string, agentId: string, now: Date): Promise<readonly MandateRecord[]> {
    const key = `${grantorId}\u0000${agentId}`;
    const hit = this.pairs.get(key);
    if (hit && hit.until > now.getTime()) return hit.mandates;
    const mandates = await this.store.read.mandates.between(grantorId, agentId);
    if (this.pairs.size >= MAX_ENTRIES) this.pairs.clear();
    this.pairs.set(key, { mandates, until: now.getTime() + this.cfg.cacheMs });
    return mandates;
  }
}

function restricted(m: MeasureRecord, detail: string, issues: readonly Issue[] = []): ProblemError {
  return new ProblemError("SWG_PARTY_RESTRICTED", detail, issues, { measure: describeMeasure(m) });
}

/** What a measure did to an accepted submission, as the receipt and the status report it. */
export interface AppliedMeasure {
  readonly measureId: string;
  readonly level: "reminder" | "partial";
  readonly reason: string;
  readonly endsAt: string | null;
  readonly effect: "warning" | "held";
  /** Held document ids (partial restrictions). */
  readonly documents: readonly string[];
}

export interface Screening {
  readonly heldDocuments: ReadonlySet<string>;
  readonly heldDeliveries: ReadonlySet<string>;
  /** Warnings for the submitter (a reminder), to go with the validation warnings. */
  readonly notices: readonly Issue[];
  readonly applied: readonly AppliedMeasure[];
}

export interface ScreenedDoc {
  readonly index: number;
  readonly id: string;
  readonly type: string;
}

export interface ScreenedDelivery {
  readonly id: string;
  readonly documentId: string;
  readonly partnerId: string;
}

/**
 * After routing, when the documents' types and partners are known: the mandate's scope, then the
 * partial restrictions (hold the deliveries they name for a regulator's review, or refuse the
 * submission), then reminders (a warning the exporter sees in the answer and the status).
 */
export function screen(
  adm: Admission,
  docs: readonly ScreenedDoc[],
  deliveries: readonly ScreenedDelivery[],
): Screening {
  const partnersOf = new Map<string, ScreenedDelivery[]>();
  for (const d of deliveries) partnersOf.set(d.documentId, [...(partnersOf.get(d.documentId) ?? []), d]);

  if (adm.agent) {
    const issues: Issue[] = [];
    for (const d of docs) {
      const partners = (partnersOf.get(d.id) ?? []).map((x) => x.partnerId);
      if (!adm.mandates.some((m) => mandateCovers(m, d.type, partners)))
        issues.push({
          message: `no mandate from ${adm.owner.id} covers a ${d.type} to ${partners.join(", ") || "no partner"}`,
          pointer: "/type",
          document: d.index,
        });
    }
    if (issues.length > 0)
      throw new ProblemError(
        "SWG_MANDATE_MISSING",
        `the mandate of ${adm.agent.id} for ${adm.owner.id} does not cover this submission`,
        issues,
      );
  }

  const heldDocuments = new Set<string>();
  const heldDeliveries = new Set<string>();
  const notices: Issue[] = [];
  const applied: AppliedMeasure[] = [];
  for (const m of adm.measures) {
    if (m.level === "reminder") {
      notices.push({
        message: `Regulatory reminder (measure ${m.id}): ${m.reason}`,
        ruleId: "MEASURE-REMINDER",
        severity: "warning",
      });
      applied.push({
        measureId: m.id,
        level: "reminder",
        reason: m.reason,
        endsAt: m.endsAt,
        effect: "warning",
        documents: [],
      });
      continue;
    }
    if (m.level !== "partial") continue;
    const touched: ScreenedDoc[] = [];
    for (const d of docs) {
      if (m.documentTypes && !m.documentTypes.includes(d.type)) continue;
      const all = partnersOf.get(d.id) ?? [];
      const hit = m.partners ? all.filter((x) => m.partners!.includes(x.partnerId)) : all;
      // A partner-scoped measure leaves documents that go to none of its partners alone.
      if (m.partners && hit.length === 0) continue;
      touched.push(d);
      if (m.action === "hold") {
        heldDocuments.add(d.id);
        for (const x of hit) heldDeliveries.add(x.id);
      }
    }
    if (touched.length === 0) continue;
    if (m.action === "refuse")
      throw restricted(
        m,
        `a partial restriction on party ${m.partyId} refuses ${[...new Set(touched.map((d) => d.type))].join(", ")}: ${m.reason}`,
        touched.map((d) => ({
          message: `refused under measure ${m.id}`,
          pointer: "/type",
          document: d.index,
        })),
      );
    applied.push({
      measureId: m.id,
      level: "partial",
      reason: m.reason,
      endsAt: m.endsAt,
      effect: "held",
      documents: touched.map((d) => d.id),
    });
  }
  return { heldDocuments, heldDeliveries, notices, applied };
}
