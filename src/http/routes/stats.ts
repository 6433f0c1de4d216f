import type { Request } from "express";
import { ProblemError } from "../../errors/index.js";
import { statsCsv } from "../../stats/csv.js";
import { GRANULARITIES } from "../../stats/periods.js";
import { statistics, type StatsQuery } from "../../stats/report.js";
import type { AppContext } from "../context.js";
import type { RouteDef } from "../types.js";
import { enumQueryParam, queryParam } from "./register-input.js";
import { ERR, JSON_OBJECT } from "./schemas.js";

const QUERY = [
  {
    name: "from",
    description: "Start, inclusive (ISO 8601; default 30 days ago)",
    schema: { type: "string" },
  },
  { name: "to", description: "End, exclusive (ISO 8601; default now)", schema: { type: "string" } },
  { name: "granularity", description: GRANULARITIES.join(" | "), schema: { type: "string" } },
] as const;

const MAX_RANGE_DAYS = 3660;

function statsQuery(req: Request, now: Date): StatsQuery {
  const time = (name: string, def: Date): string => {
    const v = queryParam(req, name);
    const t = v === undefined ? def.getTime() : Date.parse(v);
    if (Number.isNaN(t))
      throw new ProblemError("SWG_BAD_REQUEST", `${name} is an ISO 8601 date or date-time`, [
        { message: "invalid", location: `query ${name}` },
      ]);
    return new Date(t).toISOString();
  };
  const to = time("to", now);
  const from = time("from", new Date(Date.parse(to) - 30 * 86_400_000));
  if (from >= to || Date.parse(to) - Date.parse(from) > MAX_RANGE_DAYS * 86_400_000)
    throw new ProblemError("SWG_BAD_REQUEST", `from is before to, at most ${MAX_RANGE_DAYS} days apart`);
  return { from, to, granularity: enumQueryParam(req, "granularity", GRANULARITIES) ?? "day" };
}

/** The platform's periodic indicators, as JSON or CSV. */
export function statsRoutes(ctx: AppContext): RouteDef[] {
  return [
    {
      method: "get",
      path: "/v1/stats",
      operationId: "statistics",
      summary:
        "Registered, verified and active parties, renewal rate, submissions and documents per period by type and partner, rejection rates, partner response times, routes by volume, complaint handling",
      tags: ["statistics"],
      roles: ["regulator", "operator", "admin"],
      body: "none",
      query: [...QUERY],
      responses: {
        "200": { description: "The report", contentType: "application/json", schema: JSON_OBJECT },
        ...ERR,
      },
      handler: async (req, res) => {
        res.json(await statistics(ctx.store, statsQuery(req, ctx.clock.now())));
      },
    },
    {
      method: "get",
      path: "/v1/stats.csv",
      operationId: "statisticsCsv",
      summary: "The same report as CSV (section, metric, period, dimension, value) for periodic reporting",
      tags: ["statistics"],
      roles: ["regulator", "operator", "admin"],
      body: "none",
      query: [...QUERY],
      responses: {
        "200": { description: "RFC 4180 CSV", contentType: "text/csv", schema: { type: "string" } },
        ...ERR,
      },
      handler: async (req, res) => {
        const q = statsQuery(req, ctx.clock.now());
        res
          .type("text/csv; charset=utf-8")
          .setHeader(
            "Content-Disposition",
            `attachment; filename="swg-stats-${q.from.slice(0, 10)}-${q.to.slice(0, 10)}.csv"`,
          )
          .send(statsCsv(await statistics(ctx.store, q)));
      },
    },
  ];
}
