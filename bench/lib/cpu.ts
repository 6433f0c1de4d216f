/**
 * CPU time per process group from /proc (Linux): what each part of a run (gateway processes,
 * PostgreSQL, RabbitMQ, the load generator, the partner stub) spent, to say what bounds a figure.
 */
import { execFileSync } from "node:child_process";
import { readFileSync } from "node:fs";

const TICK_MS = 1000 / Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim() || 100);

/** utime + stime of a process in ms (0 when it is gone). */
export function cpuMs(pid: number): number {
  try {
    const stat = readFileSync(`/proc/${pid}/stat`, "utf8");
    const f = stat.slice(stat.lastIndexOf(")") + 2).split(" ");
    return (Number(f[11]) + Number(f[12])) * TICK_MS;
  } catch {
    return 0;
  }
}

/** Every pid whose command line matches (pgrep -f). */
export function pidsOf(pattern: string): number[] {
  try {
    return execFileSync("pgrep", ["-f", pattern], { encoding: "utf8" })
      .split("\n")
      .filter(Boolean)
      .map(Number);
  } catch {
    return [];
  }
}

export type Groups = Record<string, () => number[]>;

/** Samples the CPU of named process groups now; `since()` gives each group's ms from then. */
export class CpuMeter {
  private readonly start = new Map<number, number>();
  private readonly t0 = Date.now();

  constructor(private readonly groups: Groups) {
    for (const pids of Object.values(groups)) for (const p of pids()) this.start.set(p, cpuMs(p));
  }

  /** CPU ms per group since construction, and the wall time. */
  since(): { wallMs: number; cpuMs: Record<string, number> } {
    const out: Record<string, number> = {};
    for (const [name, pids] of Object.entries(this.groups)) {
      let sum = 0;
      for (const p of pids()) sum += cpuMs(p) - (this.start.get(p) ?? 0);
      out[name] = Math.round(sum);
    }
    return { wallMs: Date.now() - this.t0, cpuMs: out };
  }
}

/** Peak resident set size of a process (VmHWM), in MB. */
export function peakRssMb(pid: number): number {
  try {
    const kb = Number(/VmHWM:\s+(\d+) kB/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1]);
    return Math.round((kb / 1024) * 10) / 10;
  } catch {
    return Number.NaN;
  }
}

/** The 1-minute load average and the machine's CPUs. */
export function loadAvg(): number {
  return Number(readFileSync("/proc/loadavg", "utf8").split(" ")[0]);
}
