import { readFileSync } from "node:fs";
import type { Command } from "commander";
import { readCerts } from "../pki/cert.js";
import { readBundle } from "../trace/evidence/container.js";
import { verifyEvidence, type EvidenceVerdict } from "../trace/evidence/verify.js";

/** The verdict in words: each thing proved, each thing that failed with the files it is about. */
export function describeVerdict(v: EvidenceVerdict, files: number): string {
  const lines: string[] = [];
  lines.push(
    `Evidence bundle for consignment ${v.ucr ?? "(unknown)"}: ${files} files, ${v.checks.length} checks.`,
  );
  if (v.anchorSource === "bundle")
    lines.push(
      `Certificates were checked against the bundle's own trust anchor(s), SHA-256 ${v.anchors.join(", ")}:`,
      "compare with the anchor you trust, or pass --anchor <pem> to pin your own.",
    );
  else if (v.anchorSource === "pinned")
    lines.push(`Certificates were checked against your pinned anchor(s), SHA-256 ${v.anchors.join(", ")}.`);
  else lines.push("No trust anchor was available: certificate chains could not be checked.");
  const passed = v.checks.filter((c) => c.ok);
  const failed = v.checks.filter((c) => !c.ok);
  lines.push("", `Proved (${passed.length}):`);
  for (const c of passed) lines.push(`  ok    ${c.what}`);
  if (failed.length > 0) {
    lines.push("", `FAILED (${failed.length}):`);
    for (const c of failed)
      lines.push(
        `  FAIL  ${c.what}${c.detail ? ` — ${c.detail}` : ""}`,
        `        files: ${c.files.join(", ")}`,
      );
    lines.push("", `NOT VERIFIED. Files involved in a failure: ${v.failedFiles.join(", ")}`);
  } else {
    lines.push("", "VERIFIED: every file is accounted for and every check above holds.");
  }
  return lines.join("\n");
}

export function registerEvidenceCommands(program: Command): void {
  program
    .command("verify-evidence")
    .description("check an evidence bundle (zip or JSON) offline and say exactly what it proves")
    .argument("<bundle>", "the file GET /v1/consignments/{ucr}/evidence returned")
    .option("--anchor <pem...>", "trust anchor certificate(s) to check the gateway's certificates against")
    .option("--json", "print the verdict as JSON")
    .action(async (file: string, o: { anchor?: string[]; json?: boolean }) => {
      let files;
      try {
        files = readBundle(readFileSync(file));
      } catch (e) {
        console.error(`${file}: not an evidence bundle: ${(e as Error).message}`);
        process.exit(2);
      }
      const anchors = (o.anchor ?? []).flatMap((f) => readCerts(f));
      const v = await verifyEvidence(files, { anchors });
      console.log(o.json ? JSON.stringify(v, null, 2) : describeVerdict(v, files.size));
      process.exitCode = v.ok ? 0 : 1;
    });
}
