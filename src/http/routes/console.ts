import { existsSync } from "node:fs";
import { join } from "node:path";
import type { Response } from "express";
import { ProblemError } from "../../errors/index.js";
import type { Role } from "../../ports/records.js";
import { projectRoot } from "../../util/root.js";
import type { AppContext } from "../context.js";
import type { RouteDef } from "../types.js";
import { ERR, JSON_OBJECT } from "./schemas.js";

/** Where `vite build` puts the console (src/console/web/vite.config.ts). */
export const CONSOLE_DIR = join(projectRoot(), "dist", "console");

/** Vite's output is flat (assetsDir ""): one path segment, no dot files. */
const FILE = /^[\w-][\w.-]{0,127}$/;

/** What each role may see and do in the console; the API enforces the same per route. */
const SEES: Readonly<Record<Role, readonly string[]>> = {
  exporter: ["your own documents, their traces and evidence", "your party's register entry"],
  partner: ["nothing in the console: partners use the inbox API"],
  regulator: [
    "every consignment's trace, flow graph and evidence (each document read is audited)",
    "risk warnings (acknowledge, dismiss)",
    "parties: register, verification, credit file, measures",
    "complaints and statistics",
  ],
  operator: [
    "every consignment's trace, flow graph and evidence (each document read is audited)",
    "deliveries in flight, retrying and dead, with replay and cancel",
    "parties and statistics",
  ],
  admin: ["everything the console shows"],
};

const PAGES: Readonly<Record<Role, readonly string[]>> = {
  exporter: ["search", "party"],
  partner: [],
  regulator: ["search", "party", "complaints", "stats"],
  operator: ["search", "deliveries", "party", "stats"],
  admin: ["search", "deliveries", "party", "complaints", "stats"],
};

function sendConsoleFile(res: Response, file: string): Promise<void> {
  if (!existsSync(join(CONSOLE_DIR, "index.html")))
    throw new ProblemError("SWG_UNAVAILABLE", "the console is not built: run npm run build");
  // Built file names carry a content hash; only index.html must be fetched afresh.
  const fresh = file === "index.html";
  return new Promise((resolve, reject) => {
    res.sendFile(
      file,
      {
        root: CONSOLE_DIR,
        dotfiles: "deny",
        maxAge: fresh ? 0 : 365 * 86_400_000,
        immutable: !fresh,
        headers: fresh ? { "Cache-Control": "no-cache" } : {},
      },
      (err) => {
        if (!err) return resolve();
        const code = (err as NodeJS.ErrnoException).code;
        reject(
          code === "ENOENT" || code === "EISDIR" || (err as { status?: number }).status === 404
            ? new ProblemError("SWG_NOT_FOUND", `no console file ${file}`)
            : err,
        );
      },
    );
  });
}

/** The regulators' and operators' web console (static files) and the session it starts from. */
export function consoleRoutes(_ctx: AppContext): RouteDef[] {
  return [
    {
      method: "get",
      path: "/console",
      operationId: "console",
      summary: "The web console (HTML)",
      tags: ["operations"],
      roles: "public",
      body: "none",
      responses: { "200": { description: "The console's page", contentType: "text/html" }, ...ERR },
      handler: (_req, res) => sendConsoleFile(res, "index.html"),
    },
    {
      method: "get",
      path: "/console/:file",
      operationId: "consoleFile",
      summary: "A file of the web console (script, style sheet, icon)",
      tags: ["operations"],
      roles: "public",
      body: "none",
      responses: { "200": { description: "The file" }, ...ERR },
      handler: (req, res) => {
        const file = String(req.params["file"]);
        if (!FILE.test(file)) throw new ProblemError("SWG_NOT_FOUND", `no console file ${file}`);
        return sendConsoleFile(res, file);
      },
    },
    {
      method: "get",
      path: "/v1/console/session",
      operationId: "consoleSession",
      summary: "Who this API key is, its role, and what the console lets it see",
      tags: ["operations"],
      roles: ["exporter", "partner", "regulator", "operator", "admin"],
      body: "none",
      responses: {
        "200": { description: "The session", contentType: "application/json", schema: JSON_OBJECT },
        ...ERR,
      },
      handler: (_req, res, who) => {
        res.json({
          partyId: who!.partyId,
          partyName: who!.party.name,
          role: who!.role,
          sees: SEES[who!.role],
          pages: PAGES[who!.role],
        });
        return Promise.resolve();
      },
    },
  ];
}
