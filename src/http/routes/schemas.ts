/** Shared OpenAPI fragments. */
export const PROBLEM = { $ref: "#/components/schemas/Problem" } as const;
export const ERR = {
  "400": { description: "Malformed request", contentType: "application/problem+json", schema: PROBLEM },
  "401": { description: "No or bad API key", contentType: "application/problem+json", schema: PROBLEM },
  "403": {
    description: "Role or measure forbids it",
    contentType: "application/problem+json",
    schema: PROBLEM,
  },
  "404": { description: "Not found", contentType: "application/problem+json", schema: PROBLEM },
} as const;
export const JSON_OBJECT = { type: "object" } as const;
