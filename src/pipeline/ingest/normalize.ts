import { isProblem, ProblemError, type Issue } from "../../errors/index.js";
import { readerFor, READERS } from "../../formats/registry.js";
import type { FormatReader, Sniffed } from "../../formats/types.js";
import type { NormalizedDoc, Part } from "../types.js";
import { sniff } from "./sniff.js";

function describe(s: Sniffed): string {
  switch (s.kind) {
    case "json":
      return typeof s.value === "object" && s.value !== null && "type" in s.value
        ? `JSON with unknown type ${JSON.stringify(s.value.type)}`
        : "JSON without a canonical type field";
    case "xml":
      return `XML root element ${s.xml.root}${s.xml.namespace ? ` in namespace ${s.xml.namespace}` : " without a namespace"}`;
    case "xml-stream":
      return `large XML document ${s.root}${s.namespace ? ` in namespace ${s.namespace}` : ""}`;
    case "edifact":
      return "UN/EDIFACT interchange";
  }
}

/**
 * Sniffs each part and runs its reader. Every part is tried, so a dossier with two broken
 * documents reports both; problems carry the part's index.
 */
export function normalize(
  parts: readonly Part[],
  sniffed: ReadonlyMap<number, Sniffed> = new Map(),
  readers: readonly FormatReader[] = READERS,
): NormalizedDoc[] {
  const out: NormalizedDoc[] = [];
  const issues: Issue[] = [];
  let code: ProblemError["code"] | undefined;
  for (const part of parts) {
    try {
      const s = sniffed.get(part.index) ?? sniff(part.bytes, part.mediaType);
      const reader = readerFor(s, readers);
      if (!reader) {
        throw new ProblemError("SWG_UNSUPPORTED_DOCUMENT", `no reader for ${describe(s)}`, [
          { message: `no reader accepts ${describe(s)}`, document: part.index, ruleId: "INGEST-READER" },
        ]);
      }
      for (const read of reader.read(s, part.bytes)) out.push({ index: out.length, part, read });
    } catch (e) {
      if (!isProblem(e)) throw e;
      code ??= e.code;
      const own = e.issues.length > 0 ? e.issues : [{ message: e.message }];
      issues.push(...own.map((i) => ({ ...i, document: part.index })));
    }
  }
  if (issues.length > 0) {
    throw new ProblemError(
      code ?? "SWG_BAD_REQUEST",
      parts.length > 1 ? "one or more dossier documents cannot be read" : issues[0]!.message,
      issues,
    );
  }
  return out;
}
