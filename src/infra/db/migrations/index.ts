import type { SwgMigration } from "./types.js";
import { foundation } from "./0001_foundation.js";
import { pki } from "./0002_pki.js";
import { register } from "./0100_register.js";
import { trace } from "./0201_trace.js";
import { followup } from "./0301_followup.js";
import { documentKeys } from "./0401_document_keys.js";
import { interchangeRef } from "./0402_interchange_ref.js";

/**
 * Every migration, in order. Written once for both databases; add new ones at the end with the
 * next number. Never edit one that has shipped.
 */
export const MIGRATIONS: readonly SwgMigration[] = [
  foundation,
  pki,
  register,
  trace,
  followup,
  documentKeys,
  interchangeRef,
];
