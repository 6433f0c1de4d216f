import type { Logger } from "pino";
import type { Clock } from "../ports/clock.js";
import type { NotificationRecord, PartyRecord } from "../ports/records.js";
import type { Store, Tx } from "../ports/store.js";
import { uuidv7 } from "../util/ids.js";
import { PollLoop } from "./poll-loop.js";
import { answerError, answerOutcome, signedPost, type Answer } from "./transports/signed-post.js";

/**
 * Where a party wants its consignments' news pushed: `profile.notifications` = { url, secretEnv }.
 * The HMAC secret stays in the environment variable named, as for partner webhooks.
 */
export interface NotificationTarget {
  readonly url: string;
  readonly secretEnv: string;
  readonly timeoutMs?: number;
}

export function notificationTarget(p: PartyRecord | undefined): NotificationTarget | undefined {
  const n = p?.profile["notifications"] as Record<string, unknown> | undefined;
  const url = n?.["url"];
  const secretEnv = n?.["secretEnv"];
  if (typeof url !== "string" || !/^https?:\/\//.test(url)) return undefined;
  if (typeof secretEnv !== "string" || !/^[A-Z][A-Z0-9_]*$/.test(secretEnv)) return undefined;
  const timeoutMs = n?.["timeoutMs"];
  return { url, secretEnv, ...(typeof timeoutMs === "number" ? { timeoutMs } : {}) };
}

export interface PlannedNotice {
  readonly kind: NotificationRecord["kind"];
  /** The response or delivery reported on. */
  readonly subjectId: string;
  readonly ucr: string;
  readonly documentId: string;
  readonly at: string;
  /** What the party is told; the notification's id and the document's identity are added. */
  readonly body: Readonly<Record<string, unknown>>;
}

/**
 * Plans the pushes a consignment's news calls for, inside the transaction that records the news,
 * so an accepted answer is never left unannounced: to the party the submission was for and, when
 * a declarant or broker submitted for it, to that agent too, each that has a notification target.
 * Returns the parties planned for.
 */
export async function planNotifications(tx: Tx, n: PlannedNotice): Promise<string[]> {
  const doc = await tx.documents.get(n.documentId);
  const submission = doc ? await tx.submissions.get(doc.submissionId) : undefined;
  if (!doc || !submission) return [];
  const parties = [...new Set([submission.partyId, submission.actingFor].filter((x): x is string => !!x))];
  const planned: string[] = [];
  for (const partyId of parties) {
    if (!notificationTarget(await tx.parties.get(partyId))) continue;
    const id = uuidv7(Date.parse(n.at));
    const body = JSON.stringify({
      notificationId: id,
      kind: n.kind,
      ucr: n.ucr,
      submissionId: submission.id,
      document: { id: doc.id, type: doc.type, number: doc.number, version: doc.version },
      ...n.body,
    });
    const inserted = await tx.notifications.insert({
      id,
      partyId,
      ucr: n.ucr,
      kind: n.kind,
      subjectId: n.subjectId,
      body,
      state: "pending",
      attempts: 0,
      nextAttemptAt: null,
      lastError: null,
      createdAt: n.at,
      updatedAt: n.at,
      deliveredAt: null,
    });
    if (!inserted) continue;
    planned.push(partyId);
    await tx.audit.append({
      chain: n.ucr,
      type: "notification.planned",
      at: n.at,
      actor: { partyId: null, role: "system" },
      subject: { documentId: doc.id, partyId },
      data: { notificationId: id, kind: n.kind, subjectId: n.subjectId },
    });
  }
  return planned;
}

export interface NotifierOptions {
  readonly retryDelaysMs: readonly number[];
  readonly idleMs: number;
  readonly leaseMs: number;
  readonly batchSize: number;
  readonly owner: string;
  readonly env: NodeJS.ProcessEnv;
}

class Failure extends Error {
  constructor(
    message: string,
    readonly retryable: boolean,
  ) {
    super(message);
  }
}

/**
 * Pushes planned notifications: POST of the JSON body to the party's URL, signed like partner
 * webhooks (`X-SWG-Signature: t=<unix>,v1=<HMAC-SHA256 of "t.body">`). 2xx delivers; 408, 429,
 * 5xx, network errors and a missing secret are retried on the delivery back-off; other 4xx, a
 * target removed since, or the last attempt failing end in `dead`. Every outcome is audited.
 * Several notifiers may run (one per worker): claims are leased and disjoint.
 */
export class Notifier {
  private readonly loop: PollLoop;

  constructor(
    private readonly store: Store,
    private readonly clock: Clock,
    private readonly log: Logger,
    private readonly opts: NotifierOptions,
  ) {
    this.loop = new PollLoop(() => this.tick(), log, { ...opts, name: "notifier" });
  }

  start(): void {
    this.loop.start();
  }

  wake(): void {
    this.loop.wake();
  }

  stop(): Promise<void> {
    return this.loop.stop();
  }

  /** Sends one batch of due notifications; returns how many it attempted. */
  async tick(): Promise<number> {
    const now = this.clock.now();
    const claimed = await this.store.transaction((tx) =>
      tx.notifications.claimDue({
        now: now.toISOString(),
        limit: this.opts.batchSize,
        leaseUntil: new Date(now.getTime() + this.opts.leaseMs).toISOString(),
        owner: this.opts.owner,
      }),
    );
    await Promise.all(claimed.map((n) => this.attempt(n)));
    return claimed.length;
  }

  private async attempt(n: NotificationRecord): Promise<void> {
    const attempt = n.attempts + 1;
    let error: Failure | undefined;
    let status = 0;
    try {
      status = await this.send(n, attempt);
    } catch (e) {
      error = e instanceof Failure ? e : new Failure((e as Error).message, true);
    }
    const at = this.clock.now();
    const last = attempt > this.opts.retryDelaysMs.length;
    const state: NotificationRecord["state"] = !error
      ? "delivered"
      : !error.retryable || last
        ? "dead"
        : "retrying";
    const next =
      state === "retrying"
        ? new Date(at.getTime() + this.opts.retryDelaysMs[attempt - 1]!).toISOString()
        : null;
    if (error)
      this.log.warn({ notificationId: n.id, attempt, state, err: error.message }, "notification failed");
    await this.store.unit(async (tx) => {
      const moved = await tx.notifications.settle(n.id, [n.state], {
        state,
        attempts: attempt,
        nextAttemptAt: next,
        lastError: error?.message ?? null,
        deliveredAt: state === "delivered" ? at.toISOString() : null,
        updatedAt: at.toISOString(),
      });
      if (!moved) return;
      await tx.audit.append({
        chain: n.ucr,
        type: `notification.${state === "retrying" ? "failed" : state}`,
        at: at.toISOString(),
        actor: { partyId: null, role: "system" },
        subject: { partyId: n.partyId },
        data: {
          notificationId: n.id,
          kind: n.kind,
          subjectId: n.subjectId,
          attempt,
          ...(status ? { httpStatus: status } : {}),
          ...(error ? { error: error.message, nextAttemptAt: next } : {}),
        },
      });
    });
  }

  private async send(n: NotificationRecord, attempt: number): Promise<number> {
    const target = notificationTarget(await this.store.read.parties.get(n.partyId));
    if (!target) throw new Failure(`party ${n.partyId} has no notification target any more`, false);
    const secret = this.opts.env[target.secretEnv];
    if (!secret) throw new Failure(`the HMAC secret variable ${target.secretEnv} is not set`, true);
    let res: Answer;
    try {
      res = await signedPost({
        url: target.url,
        headers: {
          "content-type": "application/json",
          "x-swg-notification-id": n.id,
          "x-swg-attempt": String(attempt),
          "x-swg-ucr": n.ucr,
        },
        body: Buffer.from(n.body, "utf8"),
        secret,
        t: Math.floor(this.clock.now().getTime() / 1000),
        timeoutMs: target.timeoutMs ?? 10_000,
      });
    } catch (e) {
      throw new Failure(`POST ${target.url} failed: ${(e as Error).message}`, true);
    }
    const outcome = answerOutcome(res.status);
    if (outcome === "delivered") return res.status;
    throw new Failure(answerError(target.url, res.status), outcome === "retry");
  }
}
