import { pino, type Logger } from "pino";

export function createLogger(level: string, name = "swg"): Logger {
  return pino({
    name,
    level,
    // Keys and secrets never reach the log, whatever object they ride on.
    redact: {
      paths: [
        "key",
        "*.key",
        "secret",
        "*.secret",
        "authorization",
        "*.authorization",
        "password",
        "*.password",
      ],
      censor: "[redacted]",
    },
  });
}
