import { describe, expect, it } from "vitest";
import {
  creditScore,
  DEFAULT_CREDIT_FORMULA,
  gradeOf,
  parseCreditFormula,
  type CreditItem,
} from "../../../src/parties/credit.js";
import { isOverdue } from "../../../src/parties/complaints.js";
import type { ComplaintRecord } from "../../../src/ports/register.js";

const now = new Date("2025-07-01T00:00:00.000Z");
const daysAgo = (d: number) => new Date(now.getTime() - d * 86_400_000).toISOString();
const item = (kind: CreditItem["kind"], at: string, points: number): CreditItem => ({
  kind,
  at,
  points,
  summary: kind,
  weighted: 0,
  source: {},
});

describe("the credit formula", () => {
  it("starts every party at 100, grade A", () => {
    expect(creditScore([], DEFAULT_CREDIT_FORMULA, now)).toMatchObject({ score: 100, grade: "A" });
  });

  it("deducts each event's points, halved every half-life", () => {
    const s = creditScore(
      [item("complaint-upheld", daysAgo(0), 10), item("regulator-finding", daysAgo(180), 20)],
      DEFAULT_CREDIT_FORMULA,
      now,
    );
    // 10 today + 20 · 0.5^(180/180) = 10 + 10
    expect(s.score).toBe(80);
    expect(s.byKind["regulator-finding"]).toEqual({ count: 1, deducted: 10 });
    expect(s.grade).toBe("B");
  });

  it("caps what refused submissions can take off together", () => {
    const many = Array.from({ length: 50 }, () => item("rejection", daysAgo(0), 1));
    const s = creditScore(many, DEFAULT_CREDIT_FORMULA, now);
    expect(s.byKind.rejection).toEqual({ count: 50, deducted: 20 });
    expect(s.score).toBe(80);
  });

  it("never goes below 0", () => {
    const grave = Array.from({ length: 10 }, () => item("regulator-finding", daysAgo(0), 50));
    expect(creditScore(grave, DEFAULT_CREDIT_FORMULA, now)).toMatchObject({ score: 0, grade: "D" });
  });

  it("grades at 90, 75 and 60", () => {
    expect([90, 89.9, 75, 74.9, 60, 59.9].map(gradeOf)).toEqual(["A", "B", "B", "C", "C", "D"]);
  });

  it("reads SWG_CREDIT_FORMULA over the defaults and refuses unknown keys", () => {
    const f = parseCreditFormula(["discrepancy=5", "half-life-days=90", "rejection-cap=0"]);
    expect(f.weights.discrepancy).toBe(5);
    expect(f.weights["complaint-upheld"]).toBe(10);
    expect(f.halfLifeDays).toBe(90);
    expect(f.rejectionCap).toBe(0);
    expect(() => parseCreditFormula(["fraud=100"])).toThrow(/unknown key fraud/);
    expect(() => parseCreditFormula(["rejection=-1"])).toThrow(/key=number/);
  });
});

describe("complaint deadlines", () => {
  const c = (status: ComplaintRecord["status"]): ComplaintRecord =>
    ({
      status,
      receivedAt: "2025-06-01T00:00:00.000Z",
      reviewDueAt: "2025-06-04T00:00:00.000Z",
      decisionDueAt: "2025-07-01T00:00:00.000Z",
    }) as ComplaintRecord;
  it("is overdue when review has not started in time, or no decision came by its date", () => {
    expect(isOverdue(c("received"), new Date("2025-06-03T00:00:00Z"))).toBe(false);
    expect(isOverdue(c("received"), new Date("2025-06-05T00:00:00Z"))).toBe(true);
    expect(isOverdue(c("under-review"), new Date("2025-06-20T00:00:00Z"))).toBe(false);
    expect(isOverdue(c("under-review"), new Date("2025-07-02T00:00:00Z"))).toBe(true);
    expect(isOverdue(c("upheld"), new Date("2025-08-01T00:00:00Z"))).toBe(false);
  });
});
