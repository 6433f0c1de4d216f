import { parseEdifact, type ParseResult } from "../parse.js";

/**
 * One parse per body: the reader and the CONTRL the pipeline answers with both need the parse of
 * the same bytes, and parsing is the costly part. Held weakly, so a body's parse goes with it.
 */
const cache = new WeakMap<Buffer, ParseResult>();

export function parsedBody(bytes: Buffer): ParseResult {
  let hit = cache.get(bytes);
  if (!hit) cache.set(bytes, (hit = parseEdifact(bytes)));
  return hit;
}
