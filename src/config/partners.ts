import type { PartnerKind } from "../ports/records.js";
import { loadJsonConfig } from "./files.js";

export type PartnerTransport =
  | { readonly type: "inbox" }
  | { readonly type: "queue" }
  | {
      readonly type: "webhook";
      readonly url: string;
      readonly secretEnv: string;
      readonly timeoutMs?: number;
    };

export interface PartnerConfig {
  readonly id: string;
  readonly name: string;
  readonly kind: PartnerKind;
  readonly adapter: string;
  readonly country?: string;
  readonly transport: PartnerTransport;
  /** An enveloped XML-DSig by the gateway's seal key in every XML message the partner receives. */
  readonly outboundSignature?: "xmldsig";
  readonly responseDeadlineHours?: number;
  readonly profile?: Readonly<Record<string, unknown>>;
}

export interface RoutingRule {
  readonly id: string;
  readonly description?: string;
  readonly types: readonly string[];
  readonly match?: Readonly<Record<string, readonly (string | number | boolean)[]>>;
  readonly hsPrefixes?: readonly string[];
  /** A trigger: routes when a partner answers the document with one of these statuses, not at submission. */
  readonly on?: { readonly status: readonly string[] };
  readonly to: readonly string[];
}

export function loadPartners(file: string): PartnerConfig[] {
  return [...loadJsonConfig<{ partners: PartnerConfig[] }>(file, "partners.schema.json").partners];
}

export function loadRouting(file: string): RoutingRule[] {
  return [...loadJsonConfig<{ rules: RoutingRule[] }>(file, "routing.schema.json").rules];
}
