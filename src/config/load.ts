import { join, resolve } from "node:path";
import { Ajv } from "ajv";
import { configSchema, ENV_NAMES, type Config } from "./schema.js";

export class ConfigError extends Error {
  constructor(readonly problems: readonly string[]) {
    super(`invalid configuration:\n  ${problems.join("\n  ")}`);
    this.name = "ConfigError";
  }
}

type Key = keyof typeof ENV_NAMES;
const KEYS = Object.keys(ENV_NAMES) as Key[];

function fromEnv(env: NodeJS.ProcessEnv): Record<string, unknown> {
  const raw: Record<string, unknown> = {};
  for (const key of KEYS) {
    const value = env[ENV_NAMES[key]];
    if (value === undefined || value === "") continue;
    const prop = configSchema.properties[key];
    // Lists are comma separated in the environment; ajv coerces the items.
    raw[key] = prop.type === "array" ? value.split(",").map((s) => s.trim()) : value;
  }
  return raw;
}

const ajv = new Ajv({ allErrors: true, coerceTypes: "array", useDefaults: true, strict: true });
const validate = ajv.compile(configSchema);

/**
 * Reads SWG_* variables, checks them against the schema and returns a frozen Config.
 * Any problem names the variable, so an operator can fix it without reading code.
 */
export function loadConfig(env: NodeJS.ProcessEnv = process.env, overrides: Partial<Config> = {}): Config {
  const raw = { ...fromEnv(env), ...stripUndefined(overrides) };
  const problems: string[] = [];
  if (!validate(raw)) {
    for (const err of validate.errors ?? []) {
      const key = err.instancePath.split("/")[1] ?? String(err.params["additionalProperty"] ?? "");
      const name = key in ENV_NAMES ? ENV_NAMES[key as Key] : key;
      problems.push(`${name}: ${err.message ?? "is invalid"}${describeAllowed(err.params)}`);
    }
  }
  const cfg = raw as unknown as Config & Record<string, unknown>;
  if (problems.length === 0 && cfg.mode === "distributed") {
    if (!cfg.databaseUrl) problems.push(`${ENV_NAMES.databaseUrl}: is required when SWG_MODE=distributed`);
    if (!cfg.amqpUrl) problems.push(`${ENV_NAMES.amqpUrl}: is required when SWG_MODE=distributed`);
  }
  if (problems.length > 0) throw new ConfigError(problems);

  const dataDir = resolve(cfg.dataDir);
  const certsDir = resolve(cfg.certsDir);
  return Object.freeze({
    ...cfg,
    dataDir,
    certsDir,
    sqliteFile: resolve(cfg.sqliteFile ?? join(dataDir, "swg.db")),
    sealKeyFile: resolve(cfg.sealKeyFile ?? join(certsDir, "gateway-seal.key.pem")),
    sealCertFile: resolve(cfg.sealCertFile ?? join(certsDir, "gateway-seal.chain.pem")),
    routingFile: resolve(cfg.routingFile),
    partnersFile: resolve(cfg.partnersFile),
    retryDelaysMs: Object.freeze([...cfg.retryDelaysMs]),
    inspectionHsPrefixes: Object.freeze([...cfg.inspectionHsPrefixes]),
    sealRetiredChainFiles: Object.freeze(cfg.sealRetiredChainFiles.map((f) => resolve(f))),
    ...(cfg.trustFile ? { trustFile: resolve(cfg.trustFile) } : {}),
  });
}

function stripUndefined(o: object): Record<string, unknown> {
  return Object.fromEntries(Object.entries(o).filter(([, v]) => v !== undefined));
}

function describeAllowed(params: Record<string, unknown>): string {
  const allowed = params["allowedValues"];
  return Array.isArray(allowed) ? ` (${allowed.join(", ")})` : "";
}
