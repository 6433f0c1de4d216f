import express, { type Express } from "express";
import type { Metrics } from "./metrics.js";

/**
 * Wraps the API app so that every request is measured, those the guard refuses and those no route
 * matches included. The route label is the matched route's template (/v1/documents/:id), never
 * the URL, so ids do not multiply the series.
 */
export function withHttpMetrics(app: Express, metrics: Metrics): Express {
  const outer = express();
  outer.disable("x-powered-by");
  outer.use((req, res, next) => {
    const end = metrics.http.startTimer();
    res.on("finish", () => {
      const route = (req.route as { path?: unknown } | undefined)?.path;
      end({
        method: req.method,
        route: typeof route === "string" ? route : "unmatched",
        status: String(res.statusCode),
      });
    });
    next();
  });
  outer.use(app);
  return outer;
}
