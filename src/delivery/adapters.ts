import { existsSync, readdirSync, readFileSync } from "node:fs";
import { join } from "node:path";
import { fileURLToPath, pathToFileURL } from "node:url";
import { Ajv2020 } from "ajv/dist/2020.js";
import type { Adapter, AdapterFactory, AdapterManifest } from "../ports/adapter.js";
import { projectRoot } from "../util/root.js";

export interface AdapterRegistry {
  get(id: string): Adapter | undefined;
  list(): readonly Adapter[];
  accepts(adapterId: string, documentType: string): boolean;
}

/** Running compiled (dist/src/...) or from source (tsx, vitest): adapters load from the same side. */
const compiled = fileURLToPath(import.meta.url).includes(`${"/"}dist${"/"}src${"/"}`);

/**
 * Discovers adapters by folder: every adapters/<id>/ with a manifest.json (checked against
 * schemas/config/adapter-manifest.schema.json) and an index module whose default export is the
 * adapter factory. Adding a partner format means adding a folder, never editing a switch.
 */
export async function loadAdapters(root: string = projectRoot()): Promise<AdapterRegistry> {
  const dir = join(root, "adapters");
  const ajv = new Ajv2020({ allErrors: true, strict: false });
  const validate = ajv.compile(
    JSON.parse(
      readFileSync(join(root, "schemas", "config", "adapter-manifest.schema.json"), "utf8"),
    ) as object,
  );
  const adapters = new Map<string, Adapter>();
  const ids = existsSync(dir)
    ? readdirSync(dir, { withFileTypes: true })
        .filter((e) => e.isDirectory())
        .map((e) => e.name)
        .sort()
    : [];
  for (const id of ids) {
    const manifestFile = join(dir, id, "manifest.json");
    if (!existsSync(manifestFile)) continue;
    const manifest = JSON.parse(readFileSync(manifestFile, "utf8")) as AdapterManifest;
    if (!validate(manifest)) {
      throw new Error(
        `${manifestFile}: ${(validate.errors ?? []).map((e) => `${e.instancePath || "/"} ${e.message ?? ""}`).join("; ")}`,
      );
    }
    if (manifest.id !== id)
      throw new Error(`${manifestFile}: id ${manifest.id} does not match its folder ${id}`);
    const code = compiled ? join(root, "dist", "adapters", id, "index.js") : join(dir, id, "index.ts");
    const mod = (await import(pathToFileURL(code).href)) as { default?: AdapterFactory };
    if (typeof mod.default !== "function")
      throw new Error(`${code}: the default export must be the adapter factory`);
    adapters.set(id, mod.default(manifest));
  }
  return {
    get: (id) => adapters.get(id),
    list: () => [...adapters.values()],
    accepts: (id, type) => adapters.get(id)?.manifest.documentTypes.includes(type) ?? false,
  };
}

/**
 * The top-level fields a partner may see of a document type: what the adapter manifest grants,
 * narrowed (never widened) by the partner profile's `dataAccess` when it names the type.
 */
export function allowedFields(
  manifest: AdapterManifest,
  profile: Readonly<Record<string, unknown>>,
  type: string,
): readonly string[] {
  const granted = manifest.dataAccess[type] ?? [];
  const narrowed = (profile["dataAccess"] as Readonly<Record<string, unknown>> | undefined)?.[type];
  return Array.isArray(narrowed) ? granted.filter((p) => narrowed.includes(p)) : granted;
}

/** Types the partner sees beside what it is sent: those its manifest grants access to but does not render. */
export function relatedTypes(manifest: AdapterManifest): string[] {
  return Object.keys(manifest.dataAccess).filter((t) => !manifest.documentTypes.includes(t));
}

/** Need to know: only the top-level fields the manifest grants for this type, plus the envelope's identity. */
export function project<T extends Record<string, unknown>>(
  doc: T,
  allowed: readonly string[] | undefined,
): T {
  const keep = new Set([
    "schemaVersion",
    "id",
    "type",
    "version",
    "functionCode",
    "supersedes",
    "ucr",
    "number",
    "issuedAt",
  ]);
  for (const p of allowed ?? []) keep.add(p.slice(1));
  return Object.fromEntries(Object.entries(doc).filter(([k]) => keep.has(k))) as T;
}
