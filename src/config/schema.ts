/**
 * The configuration schema. Every key maps to one SWG_* environment variable (see ENV_NAMES);
 * docs/configuration.md is checked against this list by a test.
 */
export const configSchema = {
  $id: "swg:config",
  type: "object",
  additionalProperties: false,
  required: ["mode", "role", "host", "port", "dataDir", "logLevel", "nodeEnv"],
  properties: {
    nodeEnv: { type: "string", enum: ["development", "test", "production"], default: "development" },
    mode: { type: "string", enum: ["embedded", "distributed"], default: "embedded" },
    role: { type: "string", enum: ["api", "worker", "all"], default: "all" },
    host: { type: "string", minLength: 1, default: "127.0.0.1" },
    port: { type: "integer", minimum: 0, maximum: 65535, default: 8080 },
    dataDir: { type: "string", minLength: 1, default: "./var" },
    sqliteFile: { type: "string", minLength: 1 },
    databaseUrl: { type: "string", pattern: "^postgres(ql)?://" },
    databaseSchema: { type: "string", pattern: "^[a-z_][a-z0-9_]{0,62}$", default: "public" },
    databasePoolSize: { type: "integer", minimum: 1, maximum: 200, default: 8 },
    amqpUrl: { type: "string", pattern: "^amqps?://" },
    amqpPrefix: { type: "string", pattern: "^[a-z0-9_.-]{1,64}$", default: "swg" },
    logLevel: {
      type: "string",
      enum: ["fatal", "error", "warn", "info", "debug", "trace", "silent"],
      default: "info",
    },
    certsDir: { type: "string", minLength: 1, default: "./certs-sample" },
    sealKeyFile: { type: "string", minLength: 1 },
    sealCertFile: { type: "string", minLength: 1 },
    sealRetiredChainFiles: {
      type: "array",
      items: { type: "string", minLength: 1 },
      maxItems: 100,
      default: [],
    },
    trustFile: { type: "string", minLength: 1 },
    routingFile: { type: "string", minLength: 1, default: "./config/routing.json" },
    partnersFile: { type: "string", minLength: 1, default: "./config/partners.json" },
    demo: { type: "boolean", default: false },
    requireVerifiedParty: { type: "boolean", default: false },
    groupCommitMax: { type: "integer", minimum: 1, maximum: 10000, default: 128 },
    checkpointIntervalMs: { type: "integer", minimum: 1000, default: 60000 },
    retryDelaysMs: {
      type: "array",
      items: { type: "integer", minimum: 10 },
      minItems: 1,
      maxItems: 20,
      default: [1000, 5000, 30000, 120000, 600000],
    },
    relayBatchSize: { type: "integer", minimum: 1, maximum: 5000, default: 256 },
    relayIdleMs: { type: "integer", minimum: 5, maximum: 60000, default: 50 },
    overdueCheckMs: { type: "integer", minimum: 10, maximum: 3600000, default: 60000 },
    workerConcurrency: { type: "integer", minimum: 1, maximum: 1024, default: 64 },
    maxBodyBytes: { type: "integer", minimum: 1024, maximum: 1073741824, default: 10485760 },
    idempotencyWindowHours: { type: "integer", minimum: 1, default: 72 },
    derive: { type: "boolean", default: true },
    inspectionHsPrefixes: {
      type: "array",
      items: { type: "string", pattern: "^[0-9]{2,10}$" },
      maxItems: 10000,
      default: [],
    },
    registrationValidityDays: { type: "integer", minimum: 1, maximum: 3650, default: 365 },
    registerCacheMs: { type: "integer", minimum: 0, maximum: 60000, default: 2000 },
    creditFormula: {
      type: "array",
      items: { type: "string", pattern: "^[a-z-]+=[0-9]+(\\.[0-9]+)?$" },
      default: [
        "rejection=1",
        "rejection-cap=20",
        "discrepancy=3",
        "complaint-upheld=10",
        "risk-escalated=8",
        "regulator-finding=20",
        "half-life-days=180",
      ],
    },
    riskListFile: { type: "string", minLength: 1 },
    riskNameThreshold: { type: "number", minimum: 0.5, maximum: 1, default: 0.88 },
    riskOutlierZ: { type: "number", minimum: 1, maximum: 100, default: 3.5 },
    riskMinSamples: { type: "integer", minimum: 3, maximum: 100000, default: 20 },
    riskValueTolerance: { type: "number", minimum: 0, maximum: 1, default: 0.1 },
    complaintReviewDays: { type: "integer", minimum: 1, maximum: 365, default: 3 },
    complaintDecisionDays: { type: "integer", minimum: 1, maximum: 730, default: 30 },
  },
} as const;

/** The environment variable behind each config key. */
export const ENV_NAMES = {
  nodeEnv: "NODE_ENV",
  mode: "SWG_MODE",
  role: "SWG_ROLE",
  host: "SWG_HOST",
  port: "SWG_PORT",
  dataDir: "SWG_DATA_DIR",
  sqliteFile: "SWG_SQLITE_FILE",
  databaseUrl: "SWG_DATABASE_URL",
  databaseSchema: "SWG_DATABASE_SCHEMA",
  databasePoolSize: "SWG_DATABASE_POOL_SIZE",
  amqpUrl: "SWG_AMQP_URL",
  amqpPrefix: "SWG_AMQP_PREFIX",
  logLevel: "SWG_LOG_LEVEL",
  certsDir: "SWG_CERTS_DIR",
  sealKeyFile: "SWG_SEAL_KEY_FILE",
  sealCertFile: "SWG_SEAL_CERT_FILE",
  sealRetiredChainFiles: "SWG_SEAL_RETIRED_CHAIN_FILES",
  trustFile: "SWG_TRUST_FILE",
  routingFile: "SWG_ROUTING_FILE",
  partnersFile: "SWG_PARTNERS_FILE",
  demo: "SWG_DEMO",
  requireVerifiedParty: "SWG_REQUIRE_VERIFIED_PARTY",
  groupCommitMax: "SWG_GROUP_COMMIT_MAX",
  checkpointIntervalMs: "SWG_CHECKPOINT_INTERVAL_MS",
  retryDelaysMs: "SWG_RETRY_DELAYS_MS",
  relayBatchSize: "SWG_RELAY_BATCH_SIZE",
  relayIdleMs: "SWG_RELAY_IDLE_MS",
  overdueCheckMs: "SWG_OVERDUE_CHECK_MS",
  workerConcurrency: "SWG_WORKER_CONCURRENCY",
  maxBodyBytes: "SWG_MAX_BODY_BYTES",
  idempotencyWindowHours: "SWG_IDEMPOTENCY_WINDOW_HOURS",
  derive: "SWG_DERIVE",
  inspectionHsPrefixes: "SWG_INSPECTION_HS_PREFIXES",
  registrationValidityDays: "SWG_REGISTRATION_VALIDITY_DAYS",
  registerCacheMs: "SWG_REGISTER_CACHE_MS",
  creditFormula: "SWG_CREDIT_FORMULA",
  riskListFile: "SWG_RISK_LIST_FILE",
  riskNameThreshold: "SWG_RISK_NAME_THRESHOLD",
  riskOutlierZ: "SWG_RISK_OUTLIER_Z",
  riskMinSamples: "SWG_RISK_MIN_SAMPLES",
  riskValueTolerance: "SWG_RISK_VALUE_TOLERANCE",
  complaintReviewDays: "SWG_COMPLAINT_REVIEW_DAYS",
  complaintDecisionDays: "SWG_COMPLAINT_DECISION_DAYS",
} as const satisfies Record<keyof typeof configSchema.properties, string>;

export interface Config {
  readonly nodeEnv: "development" | "test" | "production";
  readonly mode: "embedded" | "distributed";
  readonly role: "api" | "worker" | "all";
  readonly host: string;
  readonly port: number;
  readonly dataDir: string;
  readonly sqliteFile: string;
  readonly databaseUrl?: string;
  readonly databaseSchema: string;
  readonly databasePoolSize: number;
  readonly amqpUrl?: string;
  readonly amqpPrefix: string;
  readonly logLevel: "fatal" | "error" | "warn" | "info" | "debug" | "trace" | "silent";
  readonly certsDir: string;
  readonly sealKeyFile: string;
  readonly sealCertFile: string;
  readonly sealRetiredChainFiles: readonly string[];
  /** JSON {anchors: {<kind>: [pem files]}, intermediates, crls}; absent: the sample PKI's (refused in production). */
  readonly trustFile?: string;
  readonly routingFile: string;
  readonly partnersFile: string;
  readonly demo: boolean;
  readonly requireVerifiedParty: boolean;
  readonly groupCommitMax: number;
  readonly checkpointIntervalMs: number;
  readonly retryDelaysMs: readonly number[];
  readonly relayBatchSize: number;
  readonly relayIdleMs: number;
  /** How often workers look for deliveries past their response deadline. */
  readonly overdueCheckMs: number;
  readonly workerConcurrency: number;
  readonly maxBodyBytes: number;
  readonly idempotencyWindowHours: number;
  readonly derive: boolean;
  readonly inspectionHsPrefixes: readonly string[];
  readonly registrationValidityDays: number;
  readonly registerCacheMs: number;
  readonly creditFormula: readonly string[];
  readonly riskListFile?: string;
  readonly riskNameThreshold: number;
  readonly riskOutlierZ: number;
  readonly riskMinSamples: number;
  readonly riskValueTolerance: number;
  readonly complaintReviewDays: number;
  readonly complaintDecisionDays: number;
}
