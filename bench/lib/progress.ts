/**
 * One progress line on stderr: rewritten in place on a terminal; on a pipe (CI) a line per step
 * and at most one update every 10 s, so logs stay short.
 */
export class Progress {
  private step = "";
  private lastPrint = 0;
  private readonly started = Date.now();
  private readonly tty = process.stderr.isTTY;

  constructor(private readonly total: number) {}

  private done = 0;

  /** A new step (counted toward the total). */
  begin(step: string): void {
    this.done++;
    this.step = step;
    this.lastPrint = 0;
    this.update("");
  }

  update(detail: string): void {
    const now = Date.now();
    const line = `[${this.done}/${this.total} ${((now - this.started) / 1000).toFixed(0)}s] ${this.step}${detail ? `: ${detail}` : ""}`;
    if (this.tty) {
      process.stderr.write(`\r\x1b[2K${line.slice(0, (process.stderr.columns || 120) - 1)}`);
    } else if (this.lastPrint === 0 || now - this.lastPrint >= 10_000) {
      process.stderr.write(`${line}\n`);
      this.lastPrint = now;
    }
  }

  /** A message on its own line (the progress line is redrawn after it). */
  note(text: string): void {
    if (this.tty) process.stderr.write("\r\x1b[2K");
    process.stderr.write(`${text}\n`);
  }

  end(): void {
    if (this.tty) process.stderr.write("\r\x1b[2K");
  }
}
