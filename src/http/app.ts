import { randomUUID } from "node:crypto";
import express, { type Express, type NextFunction, type Request, type Response } from "express";
import helmet from "helmet";
import { pinoHttp } from "pino-http";
import { ProblemError } from "../errors/index.js";
import { guard, type Authenticator } from "./auth.js";
import type { AppContext } from "./context.js";
import { problemHandler } from "./problem.js";
import type { Principal, RouteDef } from "./types.js";

const JSON_LIMIT = 1024 * 1024;

function bodyParser(r: RouteDef, maxBody: number) {
  const limit = r.bodyLimit ?? maxBody;
  switch (r.body) {
    case "none":
      return (_req: Request, _res: Response, next: NextFunction) => next();
    case "json":
      return express.json({ limit: Math.min(limit, JSON_LIMIT), strict: true, type: () => true });
    case "raw":
      return express.raw({ limit, type: () => true });
  }
}

/**
 * The HTTP app: security headers, request ids, logging, then each declared route behind the
 * one authentication guard with its roles, then problem+json for everything that fails.
 */
export function createApp(ctx: AppContext, routes: readonly RouteDef[], auth: Authenticator): Express {
  const app = express();
  app.disable("x-powered-by");
  app.set("etag", false);
  app.set("query parser", "simple");
  app.use(helmet({ contentSecurityPolicy: { directives: { "script-src": ["'self'"] } } }));
  app.use((req, res, next) => {
    const incoming = req.headers["x-request-id"];
    res.setHeader(
      "x-request-id",
      typeof incoming === "string" && /^[\w.-]{1,128}$/.test(incoming) ? incoming : randomUUID(),
    );
    next();
  });
  app.use(
    pinoHttp({
      logger: ctx.log,
      genReqId: (_req, res) => String(res.getHeader("x-request-id")),
      customLogLevel: (_req, res, err) =>
        err || res.statusCode >= 500 ? "error" : res.statusCode >= 400 ? "info" : "debug",
      redact: ["req.headers.authorization", 'req.headers["x-api-key"]'],
    }),
  );
  for (const r of routes) {
    app[r.method](
      r.path,
      guard(auth, r.roles),
      bodyParser(r, ctx.config.maxBodyBytes),
      async (req: Request, res: Response) => {
        await r.handler(req, res, res.locals["principal"] as Principal | undefined);
      },
    );
  }
  const known = new Map<string, string[]>();
  for (const r of routes) known.set(r.path, [...(known.get(r.path) ?? []), r.method.toUpperCase()]);
  app.use((req: Request) => {
    const methods = [...known.entries()].find(([p]) => matchPath(p, req.path))?.[1];
    if (methods)
      throw new ProblemError("SWG_METHOD_NOT_ALLOWED", `${req.method} is not allowed on ${req.path}`, [], {
        allow: methods,
      });
    throw new ProblemError("SWG_NOT_FOUND", `no route ${req.method} ${req.path}`);
  });
  app.use(problemHandler(ctx.log));
  return app;
}

function matchPath(pattern: string, path: string): boolean {
  const re = new RegExp(`^${pattern.replace(/:[A-Za-z]+/g, "[^/]+")}/?$`);
  return re.test(path);
}
