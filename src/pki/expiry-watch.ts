import type { Logger } from "pino";
import { Gauge, type Registry } from "prom-client";
import type { Clock } from "../ports/clock.js";
import type { KeyStore } from "../ports/keystore.js";
import { certificatesToWatch, expiringCertificates } from "./rotation.js";
import type { TrustStore } from "./trust.js";

const DAY_MS = 86_400_000;

/**
 * Warns 30 days before a seal or trust certificate expires: a log line per certificate and the
 * gauge swg_certificate_days_left (one series per watched certificate, a bounded set). Runs at
 * start and then daily.
 */
export function watchCertificateExpiry(opts: {
  keys: KeyStore;
  trust: TrustStore;
  clock: Clock;
  log: Logger;
  registry: Registry;
  withinDays?: number;
}): () => void {
  const gauge = new Gauge({
    name: "swg_certificate_days_left",
    help: "Days until a seal key or trust certificate expires (negative: expired)",
    labelNames: ["certificate"],
    registers: [opts.registry],
  });
  const check = () => {
    const now = opts.clock.now();
    const watched = certificatesToWatch(opts.keys, opts.trust);
    for (const w of watched)
      gauge.set({ certificate: w.label }, Math.floor((w.cert.notAfter.getTime() - now.getTime()) / DAY_MS));
    for (const w of expiringCertificates(watched, now, opts.withinDays ?? 30)) {
      opts.log.warn(
        {
          certificate: w.label,
          subject: w.cert.subject,
          notAfter: w.cert.notAfter.toISOString(),
          daysLeft: w.daysLeft,
        },
        w.expired ? "certificate expired" : "certificate expires soon",
      );
    }
  };
  check();
  const timer = setInterval(check, DAY_MS);
  timer.unref();
  return () => clearInterval(timer);
}
