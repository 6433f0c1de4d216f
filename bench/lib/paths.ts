import { resolve } from "node:path";
import { fileURLToPath } from "node:url";

/** The repository root (bench/lib/../..). */
export const ROOT = resolve(fileURLToPath(new URL("../..", import.meta.url)));
export const RESULTS = resolve(ROOT, "bench/results");
export const PG_URL = process.env["SWG_BENCH_DATABASE_URL"] ?? "postgres://postgres@127.0.0.1:5432/test";
export const AMQP_URL = process.env["SWG_BENCH_AMQP_URL"] ?? "amqp://guest:guest@127.0.0.1:5672";
