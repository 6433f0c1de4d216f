import type { StatsReport } from "./report.js";

type Row = readonly [
  section: string,
  metric: string,
  period: string,
  dimension: string,
  value: number | null,
];

const cell = (v: string | number | null): string => {
  const s = v === null ? "" : String(v);
  return /[",\r\n]/.test(s) ? `"${s.replace(/"/g, '""')}"` : s;
};

/**
 * The report as long-format CSV (section, metric, period, dimension, value), one figure a row, so a
 * periodic report is a filter and a pivot away in any spreadsheet.
 */
export function statsCsv(r: StatsReport): string {
  const all = `${r.period.from}/${r.period.to}`;
  const rows: Row[] = [];
  for (const [k, v] of Object.entries(r.parties)) rows.push(["parties", k, all, "", v]);
  for (const [kind, x] of [
    ["all", r.renewal],
    ["registration", r.renewal.registrations],
    ["certificate", r.renewal.certificates],
  ] as const) {
    rows.push(["renewal", "due", all, kind, x.due]);
    rows.push(["renewal", "renewedOnTime", all, kind, x.renewedOnTime]);
    rows.push(["renewal", "rate", all, kind, x.rate]);
  }
  for (const x of r.submissions.byPeriod) rows.push(["submissions", "accepted", x.period, "", x.n]);
  for (const x of r.documents.byPeriod) rows.push(["documents", "accepted", x.period, x.type ?? "", x.n]);
  for (const x of r.deliveries.byPeriod)
    rows.push(["deliveries", "planned", x.period, x.partnerId ?? "", x.n]);
  for (const x of r.rejections.byPeriod) {
    rows.push(["rejections", "rejected", x.period, "", x.rejected]);
    rows.push(["rejections", "rate", x.period, "", x.rate]);
  }
  rows.push(["rejections", "rate", all, "", r.rejections.rate]);
  for (const x of r.responseTimes) {
    rows.push(["responses", "medianSeconds", all, x.partnerId, x.medianSeconds]);
    rows.push(["responses", "count", all, x.partnerId, x.responses]);
  }
  for (const x of r.routes) rows.push(["routes", "deliveries", all, x.routingKey, x.n]);
  for (const [category, c] of [
    ["all", r.complaints],
    ["intellectual-property", r.complaints.intellectualProperty],
    ["product-quality", r.complaints.productQuality],
  ] as const) {
    for (const k of ["received", "upheld", "dismissed", "open", "medianDaysToDecision"] as const)
      rows.push(["complaints", k, all, category, c[k]]);
  }
  return (
    ["section,metric,period,dimension,value", ...rows.map((row) => row.map(cell).join(","))].join("\r\n") +
    "\r\n"
  );
}
