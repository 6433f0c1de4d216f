import type { XmlNode, XmlValue } from "./parse.js";

/** What a mapping read: leaf paths (local names, 1-based indices) and whole subtrees taken as read. */
export class ReadLog {
  readonly leaves = new Set<string>();
  readonly subtrees = new Set<string>();
}

/**
 * Walks a parsed XML tree while keeping the XPath of where it stands, so that each mapped
 * canonical field can point back at its source element (`path`, with the conventional
 * prefixes), and the mapping report can list what was not read (`key`, local names).
 */
export class Cursor {
  constructor(
    readonly node: XmlNode | string,
    readonly path: string,
    readonly key: string,
    readonly log: ReadLog,
  ) {}

  static root(tree: XmlNode, rootName: string, prefix = "", log: ReadLog = new ReadLog()): Cursor {
    return new Cursor(tree, `/${prefix ? `${prefix}:` : ""}${rootName}`, `/${rootName}`, log);
  }

  /** The first child element with this local name (written with `prefix` in the XPath). */
  child(name: string, prefix = ""): Cursor | undefined {
    const v = this.raw(name);
    if (v === undefined) return undefined;
    const many = Array.isArray(v);
    const first = many ? (v as readonly (string | XmlNode)[])[0] : (v as string | XmlNode);
    if (first === undefined) return undefined;
    const idx = many ? "[1]" : "";
    return new Cursor(
      first,
      `${this.path}/${prefix ? `${prefix}:` : ""}${name}${idx}`,
      `${this.key}/${name}${idx}`,
      this.log,
    );
  }

  /** Every child element with this local name, in document order. */
  children(name: string, prefix = ""): Cursor[] {
    const v = this.raw(name);
    if (v === undefined) return [];
    const step = prefix ? `${prefix}:${name}` : name;
    if (!Array.isArray(v))
      return [new Cursor(v as string | XmlNode, `${this.path}/${step}`, `${this.key}/${name}`, this.log)];
    return (v as readonly (string | XmlNode)[]).map(
      (n, i) => new Cursor(n, `${this.path}/${step}[${i + 1}]`, `${this.key}/${name}[${i + 1}]`, this.log),
    );
  }

  /** Follows a chain of child names, e.g. at("cac:Price", "cbc:PriceAmount"). */
  at(...steps: string[]): Cursor | undefined {
    return steps.reduce<Cursor | undefined>((c, s) => {
      const colon = s.indexOf(":");
      return colon < 0 ? c?.child(s) : c?.child(s.slice(colon + 1), s.slice(0, colon));
    }, this);
  }

  /** All elements reached by a chain whose last step repeats, e.g. all("cac:InvoiceLine"). */
  all(...steps: string[]): Cursor[] {
    const last = steps[steps.length - 1];
    if (last === undefined) return [];
    const parent = steps.length > 1 ? this.at(...steps.slice(0, -1)) : this;
    if (!parent) return [];
    const colon = last.indexOf(":");
    return colon < 0 ? parent.children(last) : parent.children(last.slice(colon + 1), last.slice(0, colon));
  }

  /** The element's text, marked as read. Empty text counts as absent. */
  text(): string | undefined {
    const t = typeof this.node === "string" ? this.node : this.node["#text"];
    this.log.leaves.add(this.key);
    return typeof t === "string" && t !== "" ? t : undefined;
  }

  /** An attribute's value, marked as read. */
  attr(name: string): string | undefined {
    if (typeof this.node === "string") return undefined;
    const v = this.node[`@_${name}`];
    this.log.leaves.add(`${this.key}/@${name}`);
    return typeof v === "string" && v !== "" ? v : undefined;
  }

  /** Marks this whole subtree as read (e.g. a signature carried through untouched). */
  consume(): void {
    this.log.subtrees.add(this.key);
  }

  private raw(name: string): XmlValue | undefined {
    return typeof this.node === "string" ? undefined : this.node[name];
  }
}

/**
 * Calls `visit` for every leaf (text and attribute) of a tree that `log` does not record as
 * read, with its local-name path. A consumed subtree is skipped whole, so the walk stays
 * linear in the size of the tree.
 */
export function forEachUnread(
  node: XmlNode | string,
  key: string,
  log: ReadLog,
  visit: (key: string, value: string) => void,
): void {
  if (log.subtrees.has(key)) return;
  if (typeof node === "string") {
    if (node !== "" && !log.leaves.has(key)) visit(key, node);
    return;
  }
  for (const k in node) {
    const v = node[k]!;
    if (k === "#text") {
      if (typeof v === "string" && v !== "" && !log.leaves.has(key)) visit(key, v);
    } else if (k.charCodeAt(0) === 64 /* @ */ && k.charCodeAt(1) === 95 /* _ */) {
      const attr = `${key}/@${k.slice(2)}`;
      if (!log.leaves.has(attr) && k !== "@_xmlns" && !k.startsWith("@_xmlns:"))
        visit(attr, typeof v === "string" ? v : JSON.stringify(v));
    } else if (Array.isArray(v)) {
      let i = 1;
      for (const item of v as readonly (string | XmlNode)[])
        forEachUnread(item, `${key}/${k}[${i++}]`, log, visit);
    } else {
      forEachUnread(v as XmlNode | string, `${key}/${k}`, log, visit);
    }
  }
}
