import { DEFAULT_LIMITS, type ParseLimits } from "./limits.js";
import { Envelope, type ParseResult } from "./envelope.js";
import { Tokenizer } from "./tokenizer.js";

export type { ParseResult } from "./envelope.js";

export interface ParseOptions {
  /** Overrides of `DEFAULT_LIMITS`. */
  readonly limits?: Partial<ParseLimits>;
  /**
   * Report trailing separators (code 45), e.g. `DTM+137:20240101:102:'`. Off by default: the syntax
   * forbids them, but many senders write them and they lose no data.
   */
  readonly strictTrailingSeparators?: boolean;
}

/**
 * Parses the UN/EDIFACT interchanges in `input` (bytes, or text that is encoded as UTF-8 first). It
 * does not throw on bad input: every syntax problem is in `problems`, with its 0085 code and position,
 * and a limit that stops the parse is a problem too.
 */
export function parseEdifact(input: Uint8Array | string, options: ParseOptions = {}): ParseResult {
  const limits: ParseLimits = { ...DEFAULT_LIMITS, ...options.limits };
  const bytes =
    typeof input === "string"
      ? Buffer.from(input, "utf8")
      : Buffer.from(input.buffer, input.byteOffset, input.byteLength);
  if (bytes.length > limits.maxBytes) {
    return {
      interchanges: [],
      strayMessages: [],
      problems: [
        {
          code: 18,
          text: `the input has ${bytes.length} bytes, more than the ${limits.maxBytes} allowed`,
          limit: "maxBytes",
        },
      ],
    };
  }
  return new Envelope(new Tokenizer(bytes, limits, options.strictTrailingSeparators === true)).run();
}
