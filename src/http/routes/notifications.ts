import { ProblemError, type Issue } from "../../errors/index.js";
import type { AppContext } from "../context.js";
import type { RouteDef } from "../types.js";
import { actorOf, UNPROCESSABLE, visibleParty } from "./register-input.js";
import { ERR, JSON_OBJECT } from "./schemas.js";

/**
 * Where a party's consignment news is pushed (src/delivery/notify.ts): its profile's
 * `notifications`. Set by an administrator, since the HMAC secret is provisioned in the gateway's
 * environment and only its variable's name is stored.
 */
export function notificationRoutes(ctx: AppContext): RouteDef[] {
  const set = async (
    id: string,
    value: Record<string, unknown> | undefined,
    who: Parameters<typeof actorOf>[0],
  ) => {
    const p = await visibleParty(ctx, who, id);
    const at = ctx.clock.now().toISOString();
    const profile: Record<string, unknown> = { ...p.profile };
    if (value) profile["notifications"] = value;
    else delete profile["notifications"];
    await ctx.store.transaction(async (tx) => {
      await tx.parties.update(p.id, { profile, updatedAt: at });
      await tx.audit.append({
        chain: `party:${p.id}`,
        type: value ? "party.notifications-set" : "party.notifications-removed",
        at,
        actor: actorOf(who),
        subject: { partyId: p.id },
        // The URL names where the party's news goes; the secret itself is never stored.
        data: value ? { url: value["url"], secretEnv: value["secretEnv"] } : {},
      });
    });
    return { ...p, profile, updatedAt: at };
  };
  return [
    {
      method: "put",
      path: "/v1/parties/:id/notifications",
      operationId: "setNotifications",
      summary: "Where the party's consignment news (partner answers, overdue deliveries) is pushed",
      description:
        "A signed POST (X-SWG-Signature: t=<unix>,v1=<HMAC-SHA256 of \"t.body\">) to `url` for every partner answer and overdue flag on the party's consignments, retried on the delivery back-off. `secretEnv` names the gateway's environment variable holding the HMAC secret.",
      tags: ["parties"],
      roles: ["admin"],
      body: "json",
      requestContentTypes: ["application/json"],
      requestSchema: {
        type: "object",
        required: ["url", "secretEnv"],
        properties: {
          url: { type: "string" },
          secretEnv: { type: "string" },
          timeoutMs: { type: "integer" },
        },
      },
      responses: {
        "200": { description: "The party", contentType: "application/json", schema: JSON_OBJECT },
        ...ERR,
        ...UNPROCESSABLE,
      },
      handler: async (req, res, who) => {
        const b = (req.body ?? {}) as Record<string, unknown>;
        const issues: Issue[] = [];
        if (typeof b["url"] !== "string" || !/^https?:\/\/[^\s]+$/.test(b["url"]))
          issues.push({ message: "url is an http(s) URL", pointer: "/url" });
        if (typeof b["secretEnv"] !== "string" || !/^[A-Z][A-Z0-9_]*$/.test(b["secretEnv"]))
          issues.push({
            message: "secretEnv names an environment variable (A-Z, 0-9, _)",
            pointer: "/secretEnv",
          });
        const t = b["timeoutMs"];
        if (t !== undefined && (typeof t !== "number" || !Number.isInteger(t) || t < 100 || t > 120_000))
          issues.push({ message: "timeoutMs is an integer from 100 to 120000", pointer: "/timeoutMs" });
        if (issues.length > 0)
          throw new ProblemError("SWG_VALIDATION_FAILED", "the notification target is not valid", issues);
        res.json(
          await set(
            String(req.params["id"]),
            { url: b["url"], secretEnv: b["secretEnv"], ...(t !== undefined ? { timeoutMs: t } : {}) },
            who,
          ),
        );
      },
    },
    {
      method: "delete",
      path: "/v1/parties/:id/notifications",
      operationId: "removeNotifications",
      summary: "Stop pushing the party's consignment news",
      tags: ["parties"],
      roles: ["admin"],
      body: "none",
      responses: {
        "200": { description: "The party", contentType: "application/json", schema: JSON_OBJECT },
        ...ERR,
      },
      handler: async (req, res, who) => {
        res.json(await set(String(req.params["id"]), undefined, who));
      },
    },
  ];
}
