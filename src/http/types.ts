import type { Request, Response } from "express";
import type { PartyRecord, Role } from "../ports/records.js";

export interface Principal {
  readonly credentialId: string;
  readonly partyId: string;
  readonly role: Role;
  readonly party: PartyRecord;
}

export type BodyKind = "none" | "json" | "raw";

export interface OpenApiResponse {
  readonly description: string;
  readonly contentType?: string;
  /** A $ref into components/schemas, or an inline schema. */
  readonly schema?: Readonly<Record<string, unknown>>;
}

/** A route declares who may call it and how it is documented; the OpenAPI document is built from these. */
export interface RouteDef {
  readonly method: "get" | "post" | "put" | "patch" | "delete";
  /** Express path, e.g. /v1/documents/:id. */
  readonly path: string;
  readonly operationId: string;
  readonly summary: string;
  readonly description?: string;
  readonly tags: readonly string[];
  /** Roles allowed; "public" needs no credential. */
  readonly roles: readonly Role[] | "public";
  readonly body: BodyKind;
  readonly bodyLimit?: number;
  readonly requestContentTypes?: readonly string[];
  readonly requestSchema?: Readonly<Record<string, unknown>>;
  readonly query?: readonly {
    readonly name: string;
    readonly description: string;
    readonly schema?: Readonly<Record<string, unknown>>;
  }[];
  readonly headers?: readonly { readonly name: string; readonly description: string }[];
  readonly responses: Readonly<Record<string, OpenApiResponse>>;
  readonly handler: (req: Request, res: Response, who: Principal | undefined) => Promise<void>;
}
