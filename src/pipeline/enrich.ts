import type { CanonicalDocument } from "../model/canonical.js";
import { SCHEMA_VERSION } from "../model/canonical.js";
import { digestOf } from "../util/digest.js";
import { uuidv7 } from "../util/ids.js";
import type { Resolution } from "./resolve.js";
import type { NormalizedDoc, PreparedDoc } from "./types.js";

/** Assigns what the gateway owns: id, version, lineage, UCR and the original's description. */
export function enrich(docs: readonly NormalizedDoc[], res: Resolution, now: Date): PreparedDoc[] {
  return docs.map((d) => {
    const prev = res.supersedes.get(d.index);
    const id = uuidv7(now.getTime());
    const canonical = {
      ...d.read.draft,
      schemaVersion: SCHEMA_VERSION,
      id,
      version: prev ? prev.version + 1 : 1,
      functionCode: d.read.draft.functionCode ?? "original",
      ...(prev ? { supersedes: prev.id } : {}),
      ucr: res.ucr,
      original: {
        format: d.read.format,
        mediaType: d.part.mediaType,
        digest: digestOf(d.part.bytes),
        documentType: d.read.originalType,
      },
    } as CanonicalDocument;
    return {
      index: d.index,
      part: d.part,
      canonical,
      lineageId: prev?.lineageId ?? id,
      report: d.read.report,
      sourceMap: d.read.sourceMap,
      supersedes: prev ? { id: prev.id, partners: prev.partners } : null,
      warnings: d.read.report.issues.filter((i) => i.severity !== "error"),
    };
  });
}
