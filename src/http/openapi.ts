import { ERRORS } from "../errors/index.js";
import type { RouteDef } from "./types.js";

const toOpenApiPath = (p: string): string => p.replace(/:([A-Za-z]+)/g, "{$1}");

/**
 * OpenAPI 3.1, generated from the routes that exist: every path, method, role and response
 * comes from the same RouteDef the router mounts, so the document cannot list a route that
 * is not there or miss one that is.
 */
export function buildOpenApi(routes: readonly RouteDef[], version: string): Record<string, unknown> {
  const paths: Record<string, Record<string, unknown>> = {};
  for (const r of routes) {
    const path = toOpenApiPath(r.path);
    const params = [...r.path.matchAll(/:([A-Za-z]+)/g)].map((m) => ({
      name: m[1],
      in: "path",
      required: true,
      schema: { type: "string" },
    }));
    const op: Record<string, unknown> = {
      operationId: r.operationId,
      summary: r.summary,
      ...(r.description ? { description: r.description } : {}),
      tags: r.tags,
      "x-roles": r.roles === "public" ? [] : r.roles,
      security: r.roles === "public" ? [] : [{ apiKey: [] }],
      parameters: [
        ...params,
        ...(r.query ?? []).map((q) => ({
          name: q.name,
          in: "query",
          required: false,
          description: q.description,
          schema: q.schema ?? { type: "string" },
        })),
        ...(r.headers ?? []).map((h) => ({
          name: h.name,
          in: "header",
          required: false,
          description: h.description,
          schema: { type: "string" },
        })),
      ],
      responses: Object.fromEntries(
        Object.entries(r.responses).map(([code, resp]) => [
          code,
          {
            description: resp.description,
            ...(resp.contentType
              ? { content: { [resp.contentType]: resp.schema ? { schema: resp.schema } : {} } }
              : {}),
          },
        ]),
      ),
    };
    if (r.body !== "none") {
      const types = r.requestContentTypes ?? ["application/json"];
      op["requestBody"] = {
        required: true,
        content: Object.fromEntries(
          types.map((t) => [
            t,
            r.requestSchema && t === "application/json" ? { schema: r.requestSchema } : {},
          ]),
        ),
      };
    }
    paths[path] = { ...(paths[path] ?? {}), [r.method]: op };
  }
  return {
    openapi: "3.1.0",
    info: {
      title: "Single Window gateway",
      version,
      description:
        "Submit trade documents once; the gateway normalises, validates, seals, routes them to customs, inspection, ports, banks, insurers and carriers, and traces every hop. Errors are RFC 9457 problem+json.",
    },
    servers: [{ url: "/" }],
    tags: ["submissions", "documents", "partners", "trace", "parties", "operations"].map((name) => ({
      name,
    })),
    paths,
    components: {
      securitySchemes: {
        apiKey: {
          type: "http",
          scheme: "bearer",
          description: "An API key (swg_…) as a bearer token; X-API-Key also works.",
        },
      },
      schemas: {
        Problem: {
          type: "object",
          description: "RFC 9457 problem details with every issue found.",
          required: ["type", "title", "status", "code"],
          properties: {
            type: { type: "string" },
            title: { type: "string" },
            status: { type: "integer" },
            code: { type: "string", enum: Object.keys(ERRORS) },
            detail: { type: "string" },
            instance: { type: "string" },
            issues: {
              type: "array",
              items: {
                type: "object",
                required: ["message"],
                properties: {
                  message: { type: "string" },
                  pointer: {
                    type: "string",
                    description: "JSON Pointer into the canonical or submitted JSON",
                  },
                  xpath: { type: "string", description: "XPath into the original XML" },
                  location: { type: "string", description: "Segment/element or line in the original" },
                  ruleId: { type: "string" },
                  severity: { enum: ["error", "warning"] },
                  document: { type: "integer", description: "Index of the document in a dossier" },
                },
              },
            },
          },
        },
        SubmissionAccepted: {
          type: "object",
          required: ["submissionId", "status", "ucr", "documents", "deliveries", "receipt"],
          properties: {
            submissionId: { type: "string" },
            status: { const: "accepted" },
            ucr: { type: "string" },
            documents: {
              type: "array",
              items: {
                type: "object",
                properties: {
                  id: { type: "string" },
                  type: { type: "string" },
                  number: { type: "string" },
                  version: { type: "integer" },
                  functionCode: { enum: ["original", "replacement", "cancellation"] },
                  derived: {
                    type: "boolean",
                    description: "Derived by the gateway from the consignment (submit once)",
                  },
                  href: { type: "string" },
                },
              },
            },
            deliveries: {
              type: "array",
              items: {
                type: "object",
                properties: {
                  id: { type: "string" },
                  documentId: { type: "string" },
                  partnerId: { type: "string" },
                  state: { type: "string" },
                },
              },
            },
            derivation: {
              type: "array",
              description:
                "What became of each document the gateway tried to derive: derived, incomplete (missing fields) or invalid (issues)",
              items: { type: "object" },
            },
            warnings: { type: "array", items: { type: "object" } },
            acknowledgement: {
              type: "object",
              description: "A UN/EDIFACT CONTRL, when the interchange asked for one (UNB 0031 = 1)",
              properties: {
                type: { const: "CONTRL" },
                mediaType: { type: "string" },
                content: { type: "string" },
                action: { type: "string" },
              },
            },
            receipt: {
              type: "object",
              properties: {
                receipt: { type: "object" },
                signature: {
                  type: "string",
                  description: "Compact JWS, detached payload over the receipt's RFC 8785 bytes",
                },
              },
            },
          },
        },
      },
    },
  };
}
