import { isProblem, ProblemError } from "../errors/index.js";
import {
  edifactAcknowledgement,
  withAcknowledgement,
  type Acknowledgement,
} from "../formats/edifact/messages/acknowledgement.js";
import type { Clock } from "../ports/clock.js";
import type { KeyStore } from "../ports/keystore.js";
import type { Store } from "../ports/store.js";
import type { Metrics } from "../metrics/metrics.js";
import { screen, type RegisterGate } from "../parties/gate.js";
import type { RiskEngine } from "../risk/engine.js";
import { digestOf } from "../util/digest.js";
import type { ChainValidator } from "../pki/chain.js";
import type { Sealer } from "../pki/jades.js";
import { deriveStage } from "./derive/stage.js";
import { verifySignatures } from "./verify/signatures.js";
import type { DeriveConfig } from "./derive/index.js";
import { enrich } from "./enrich.js";
import { normalize } from "./ingest/normalize.js";
import { sniff } from "./ingest/sniff.js";
import { split } from "./ingest/split.js";
import { actorOf, persist } from "./persist.js";
import { resolve } from "./resolve.js";
import { route, type Routes } from "./route/route.js";
import { makeReceipt } from "./seal/receipt.js";
import { seal } from "./seal/seal.js";
import type { SubmissionInput } from "./types.js";
import { failOnErrors, validate, type RuleRunner } from "./validate/index.js";
import type { SchemaSet } from "./validate/schemas.js";

export interface PipelineDeps {
  readonly store: Store;
  readonly keys: KeyStore;
  readonly clock: Clock;
  readonly schemas: SchemaSet;
  readonly rules: RuleRunner;
  readonly routes: Routes;
  /** The register: mandates, verification and measures (src/parties/gate.ts). */
  readonly register: RegisterGate;
  readonly risk: RiskEngine;
  readonly metrics: Metrics;
  /** Makes the gateway's JAdES seals (src/pki/jades.ts). */
  readonly sealer: Sealer;
  /** Trust anchors and CRLs for submitters' certificates. */
  readonly trust: ChainValidator;
  /** Submit once: whether to derive, and how. */
  readonly derive: { readonly enabled: boolean; readonly cfg: DeriveConfig };
}

export interface SubmissionOutcome {
  readonly status: number;
  readonly body: unknown;
  /** True when an Idempotency-Key replay returned the stored answer. */
  readonly replayed: boolean;
}

/**
 * THE stage order of a submission. Every stage is a plain function with typed input and
 * output; this is the only place that strings them together:
 *
 *   admit → idempotency → sniff → split → normalize → signatures → resolve → enrich → validate → derive → seal
 *   → route → screen → risk → receipt → persist (group commit) → 202
 */
export async function submit(deps: PipelineDeps, input: SubmissionInput): Promise<SubmissionOutcome> {
  const requestDigest = digestOf(input.body);
  const owner = input.submitter.onBehalfOf ?? input.submitter.partyId;
  const lap = deps.metrics.stageTimer();
  // admit: mandate, verification, full restriction; before a replay could show the owner's answers
  const admission = await deps.register.admit(input.submitter, deps.clock.now()).catch(async (e: unknown) => {
    if (isProblem(e)) await recordRejection(deps, input, requestDigest, e, deps.clock.now());
    throw e;
  });
  lap("admit");
  const replay = await replayOf(deps.store, owner, input.idempotencyKey, requestDigest);
  if (replay) return replay;
  const now = deps.clock.now();
  // The CONTRL an EDIFACT interchange asks for (UNB 0031), in the answer whatever it is.
  let ack: Acknowledgement | undefined;
  try {
    const sniffed = sniff(input.body, input.contentType);
    ack = edifactAcknowledgement(sniffed, { submissionId: input.submissionId, preparedAt: now });
    lap("sniff");
    const parts = split(
      input.body,
      input.contentType,
      sniffed.kind === "json" ? sniffed.value : undefined,
      input.signature,
    );
    lap("split");
    const docs = normalize(parts.parts, parts.dossier ? new Map() : new Map([[0, sniffed]]));
    lap("normalize");
    const signatures = await verifySignatures(parts.parts, {
      validator: deps.trust,
      rawPolicy: (admission.agent ?? admission.owner).profile["signaturePolicy"],
      bound: async () =>
        (await deps.store.read.certificates.list(input.submitter.partyId)).map((c) => c.sha256),
      now,
    });
    lap("signatures");
    const res = await resolve(deps.store, docs, {
      ucr: parts.ucr ?? input.ucr,
      submitter: input.submitter,
      now,
    });
    lap("resolve");
    const prepared = enrich(res.docs, res, now);
    lap("enrich");
    const findings = validate(prepared, res.related, deps.schemas, deps.rules, now);
    failOnErrors(findings);
    lap("validate");
    const derivation =
      deps.derive.enabled && parts.derive !== false
        ? deriveStage(prepared, res.related, {
            cfg: deps.derive.cfg,
            supplied: parts.supplied,
            ucr: res.ucr,
            now,
            schemas: deps.schemas,
            rules: deps.rules,
          })
        : { docs: [], notes: [] };
    const sealed = seal([...prepared, ...derivation.docs], deps.sealer, now);
    lap("seal");
    const deliveries = route(sealed, deps.routes, now);
    lap("route");
    // screen: the mandate's scope, partial restrictions (hold or refuse) and reminders
    const screening = screen(
      admission,
      sealed.map((d) => ({ index: d.index, id: d.canonical.id, type: d.canonical.type })),
      deliveries,
    );
    lap("screen");
    // risk: warnings for regulators, never shown to the submitter
    const risk = await deps.risk.assess(
      sealed.map((d) => ({ index: d.index, id: d.canonical.id, doc: d.canonical })),
      res.related,
      admission.owner.id,
      now,
    );
    lap("risk");
    const warnings = [
      ...prepared.flatMap((d) => d.warnings.map((w) => ({ ...w, document: d.index }))),
      ...findings.warnings,
      ...screening.notices,
    ];
    const receipt = makeReceipt(
      deps.keys,
      { ...input, mediaType: parts.parts[0]?.mediaType ?? "", ucr: res.ucr, warnings: warnings.length },
      sealed,
      now,
    );
    lap("receipt");
    const response = {
      submissionId: input.submissionId,
      status: "accepted",
      ucr: res.ucr,
      documents: sealed.map((d) => ({
        id: d.canonical.id,
        type: d.canonical.type,
        number: d.canonical.number,
        version: d.canonical.version,
        functionCode: d.canonical.functionCode,
        derived: d.canonical.original.format === "derived",
        href: `/v1/documents/${d.canonical.id}`,
      })),
      derivation: derivation.notes,
      deliveries: deliveries.map((p) => ({
        id: p.id,
        documentId: p.documentId,
        partnerId: p.partnerId,
        state: screening.heldDeliveries.has(p.id) ? "held" : "pending",
      })),
      warnings,
      measures: screening.applied,
      receipt,
      links: {
        self: `/v1/submissions/${input.submissionId}`,
        trace: `/v1/consignments/${encodeURIComponent(res.ucr)}/trace`,
      },
      ...(ack ? { acknowledgement: ack } : {}),
    };
    try {
      await persist(deps.store, {
        submissionId: input.submissionId,
        ucr: res.ucr,
        idempotencyKey: input.idempotencyKey,
        requestDigest,
        receivedAt: input.receivedAt,
        submitter: input.submitter,
        docs: sealed,
        deliveries,
        receipt,
        warnings,
        register: { screening, risk },
        signatures,
        response,
        now,
      });
    } catch (e) {
      // A concurrent request with the same Idempotency-Key committed first.
      const raced = await replayOf(deps.store, owner, input.idempotencyKey, requestDigest);
      if (raced) return raced;
      throw e;
    }
    lap("persist");
    deps.metrics.accepted(
      sealed.map((d) => d.canonical.type),
      risk.hits,
      screening.applied,
    );
    return { status: 202, body: response, replayed: false };
  } catch (e) {
    const refused = isProblem(e) ? withAcknowledgement(e, ack) : e;
    if (isProblem(refused) && refused.status < 500)
      await recordRejection(deps, input, requestDigest, refused, now);
    throw refused;
  }
}

async function replayOf(
  store: Store,
  owner: string,
  key: string | null,
  digest: string,
): Promise<SubmissionOutcome | undefined> {
  if (!key) return undefined;
  const prev = await store.read.submissions.byIdempotencyKey(owner, key);
  if (!prev) return undefined;
  if (prev.requestDigest !== digest) {
    throw new ProblemError(
      "SWG_IDEMPOTENCY_CONFLICT",
      `Idempotency-Key ${key} was used for another body (submission ${prev.id})`,
      [],
      {
        submissionId: prev.id,
      },
    );
  }
  return { status: prev.httpStatus, body: prev.response, replayed: true };
}

/** A refused submission is audited on the submitting party's chain: regulators see attempts too. */
async function recordRejection(
  deps: PipelineDeps,
  input: SubmissionInput,
  requestDigest: string,
  e: ProblemError,
  now: Date,
): Promise<void> {
  // A claimed mandate that does not exist is the agent's attempt, not the claimed exporter's.
  const owner =
    e.code === "SWG_MANDATE_MISSING"
      ? input.submitter.partyId
      : (input.submitter.onBehalfOf ?? input.submitter.partyId);
  deps.metrics.submissions.inc({ outcome: "rejected", code: e.code });
  await deps.store.unit((tx) =>
    tx.audit.append({
      chain: `party:${owner}`,
      type: "submission.rejected",
      at: now.toISOString(),
      actor: actorOf(input.submitter),
      subject: { submissionId: input.submissionId, partyId: owner },
      data: {
        requestDigest,
        code: e.code,
        status: e.status,
        issues: e.issues.length,
        rules: [...new Set(e.issues.map((i) => i.ruleId).filter(Boolean))].slice(0, 20),
      },
    }),
  );
}
