import type { KyselyStore } from "../../../src/infra/db/store.js";
import type { ComplaintRecord, TermRecord } from "../../../src/ports/register.js";
import { delivery, document, party, submission } from "../../helpers/records.js";

/**
 * A hand-made dataset for the statistics, March 2025, whose every figure is known (the expected
 * values are worked out beside each part). Times are UTC. Rows outside [2025-03-01, 2025-04-01)
 * are there to prove they are left out.
 */
export const RANGE = { from: "2025-03-01T00:00:00.000Z", to: "2025-04-01T00:00:00.000Z" } as const;

const at = (s: string) => new Date(s).toISOString();
const system = { partyId: null, role: "system" as const };

export async function seedStats(store: KyselyStore, tag: string): Promise<void> {
  const id = (x: string) => `${tag}-${x}`;
  await store.transaction(async (tx) => {
    // Parties: 4 enterprises registered before April (A, B, C, D), 3 verified (A, B, D), 1 terminated
    // (D); E registers in April; a partner party is not an enterprise.
    for (const [p, created, verification, status] of [
      ["A", "2025-01-10", "verified", "active"],
      ["B", "2025-02-01", "verified", "active"],
      ["C", "2025-03-05", "unverified", "active"],
      ["D", "2025-01-20", "verified", "terminated"],
      ["E", "2025-04-05", "verified", "active"],
    ] as const)
      await tx.parties.insert(
        party({ id: id(p), createdAt: at(created), updatedAt: at(created), verification, status }),
      );
    await tx.parties.insert(party({ id: id("bank"), kind: "partner", createdAt: at("2025-01-01") }));

    // Submissions: A three times in March, B once; D's in February and A's in April fall outside.
    // Active parties: A and B. Per ISO week: W10 (3 Mar) 2, W11 (10 Mar) 1, W12 (20 Mar) 1.
    const subs = [
      ["s1", "A", "2025-03-03T08:00:00Z"],
      ["s2", "A", "2025-03-03T09:00:00Z"],
      ["s3", "A", "2025-03-10T10:00:00Z"],
      ["s4", "B", "2025-03-20T11:00:00Z"],
      ["s0", "D", "2025-02-25T12:00:00Z"],
      ["s5", "A", "2025-04-02T12:00:00Z"],
    ] as const;
    for (const [s, p, t] of subs)
      await tx.submissions.insert(submission(id(p), { id: id(s), receivedAt: at(t), ucr: id(`UCR-${s}`) }));

    // Documents (6 in March): 3 declarations, 2 invoices, 1 packing list.
    const docs = [
      ["dec1", "s1", "A", "export-declaration", "2025-03-03T08:00:00Z"],
      ["inv1", "s1", "A", "commercial-invoice", "2025-03-03T08:00:00Z"],
      ["dec2", "s2", "A", "export-declaration", "2025-03-03T09:00:00Z"],
      ["pkl1", "s3", "A", "packing-list", "2025-03-10T10:00:00Z"],
      ["dec3", "s4", "B", "export-declaration", "2025-03-20T11:00:00Z"],
      ["inv3", "s4", "B", "commercial-invoice", "2025-03-20T11:00:00Z"],
      ["dec0", "s0", "D", "export-declaration", "2025-02-25T12:00:00Z"],
    ] as const;
    for (const [d, s, p, type, t] of docs)
      await tx.documents.insert(
        document(id(s), id(p), { id: id(d), type, number: id(d), ucr: id(`UCR-${s}`), createdAt: at(t) }),
      );

    // Deliveries (4 in March). First answers: north after 2 h and 4 h (median 3 h), south after 1 h,
    // the bank not yet. Routes: north declarations 2, south declarations 1, bank invoices 1.
    const dels = [
      [
        "dec1",
        "customs-north",
        "customs",
        "export-declaration",
        "2025-03-03T08:00:00Z",
        "2025-03-03T10:00:00Z",
      ],
      [
        "dec2",
        "customs-north",
        "customs",
        "export-declaration",
        "2025-03-03T09:00:00Z",
        "2025-03-03T13:00:00Z",
      ],
      [
        "dec3",
        "customs-south",
        "customs",
        "export-declaration",
        "2025-03-20T11:00:00Z",
        "2025-03-20T12:00:00Z",
      ],
      ["inv3", "bank-x", "bank", "commercial-invoice", "2025-03-20T11:00:00Z", null],
      [
        "dec0",
        "customs-north",
        "customs",
        "export-declaration",
        "2025-02-25T12:00:00Z",
        "2025-02-25T12:30:00Z",
      ],
    ] as const;
    for (const [d, partner, kind, type, created, responded] of dels)
      await tx.deliveries.insert(
        delivery(id(d), {
          partnerId: partner,
          routingKey: `${kind}.${partner}.${type}`,
          createdAt: at(created),
          updatedAt: at(created),
          respondedAt: responded ? at(responded) : null,
          state: "delivered",
        }),
      );

    // Refused submissions, on the parties' chains: 3 March (A) and 15 March (C) count, 28 February does not.
    // Rate: 2 / (4 accepted + 2 refused).
    for (const [p, t] of [
      ["A", "2025-03-03T07:00:00Z"],
      ["C", "2025-03-15T07:00:00Z"],
      ["A", "2025-02-28T07:00:00Z"],
    ] as const)
      await tx.audit.append({
        chain: `party:${id(p)}`,
        type: "submission.rejected",
        at: at(t),
        actor: { partyId: id(p), role: "exporter" },
        subject: { partyId: id(p) },
        data: { code: "SWG_VALIDATION_FAILED" },
      });

    // Complaints: K1 quality, upheld after 10 days; K2 IP, dismissed after 4; K3 IP, open; K4 fraud,
    // received in February, upheld 3 March after 11 days. Received in March 3, decided 3 (median 10 days).
    const complaint = (
      k: string,
      category: ComplaintRecord["category"],
      against: string,
      received: string,
      status: ComplaintRecord["status"],
      decided: string | null,
    ): ComplaintRecord => ({
      id: id(k),
      complainantId: id("bank"),
      againstPartyId: id(against),
      documentId: null,
      category,
      summary: k,
      evidence: [],
      status,
      receivedAt: at(received),
      reviewDueAt: at(received),
      decisionDueAt: at(received),
      reviewStartedAt: status === "received" ? null : at(received),
      reviewer: null,
      decidedAt: decided ? at(decided) : null,
      decidedBy: decided ? system : null,
      decisionReason: decided ? "seeded" : null,
      creditEventId: null,
    });
    for (const c of [
      complaint("K1", "product-quality", "A", "2025-03-02T00:00:00Z", "upheld", "2025-03-12T00:00:00Z"),
      complaint(
        "K2",
        "intellectual-property",
        "B",
        "2025-03-05T00:00:00Z",
        "dismissed",
        "2025-03-09T00:00:00Z",
      ),
      complaint("K3", "intellectual-property", "A", "2025-03-20T00:00:00Z", "under-review", null),
      complaint("K4", "fraud", "D", "2025-02-20T00:00:00Z", "upheld", "2025-03-03T00:00:00Z"),
    ])
      await tx.complaints.insert(c);

    // Registrations due in March: A's (renewed on 1 March, in time), B's (renewed on 20 March, 5 days
    // late), D's (not renewed); C's falls due in May.
    const term = (
      t: string,
      p: string,
      until: string,
      renews: string | null,
      created: string,
    ): TermRecord => ({
      id: id(t),
      partyId: id(p),
      kind: "registration",
      validFrom: at("2024-01-01"),
      validUntil: at(until),
      renews: renews && id(renews),
      createdAt: at(created),
      actor: system,
      detail: {},
    });
    for (const t of [
      term("T1", "A", "2025-03-10", null, "2024-03-10"),
      term("T1r", "A", "2026-03-10", "T1", "2025-03-01"),
      term("T2", "B", "2025-03-15", null, "2024-03-15"),
      term("T2r", "B", "2026-03-20", "T2", "2025-03-20"),
      term("T3", "D", "2025-03-25", null, "2024-03-25"),
      term("T4", "C", "2025-05-01", null, "2024-05-01"),
    ])
      await tx.terms.insert(t);
  });

  // Certificates (the PKI's table): A's X expires 20 March and Y, bound 18 March, outlives it (renewed
  // in time); B's Z expires 28 March with no successor.
  const certs = store.db.withTables<{
    partyCertificates: {
      partyId: string;
      sha256: string;
      subject: string;
      issuer: string;
      serial: string;
      notAfter: string;
      pem: string;
      addedAt: string;
      removedAt: string | null;
    };
  }>();
  for (const [p, sha, notAfter, added] of [
    ["A", "x", "2025-03-20", "2024-03-20"],
    ["A", "y", "2026-03-18", "2025-03-18"],
    ["B", "z", "2025-03-28", "2024-03-28"],
  ] as const)
    await certs
      .insertInto("partyCertificates")
      .values({
        partyId: id(p),
        sha256: sha.repeat(64),
        subject: "CN=seeded",
        issuer: "CN=seeded CA",
        serial: sha,
        notAfter: at(notAfter),
        pem: "seeded",
        addedAt: at(added),
        removedAt: null,
      })
      .execute();
}
