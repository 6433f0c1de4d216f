import { readFileSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import type { Command } from "commander";
import type { Config } from "../config/schema.js";
import { ChainValidator } from "../pki/chain.js";
import { FileKeyStore } from "../pki/file-keystore.js";
import { generateSealKey, rotateSealKey } from "../pki/rotation.js";
import { loadTrustConfig } from "../pki/trust-config.js";
import { formatVerdict, verifyFile } from "../pki/verify-file.js";

/**
 * `swg verify FILE` (a sealed canonical document, a receipt, a signed XML, or a CMS signature
 * with --content) and `swg keys rotate`.
 */
export function registerPkiCommands(program: Command, keys: Command, config: () => Config): void {
  program
    .command("verify <file>")
    .description(
      "verify a sealed document ({document, seal}), a receipt, a signed XML or a CMS signature, and print the verdict with its certificate chain",
    )
    .option("--content <file>", "the bytes a detached CMS signature covers")
    .option("--at <date>", "validation time (ISO 8601; default now)")
    .action(async (file: string, o: { content?: string; at?: string }) => {
      const cfg = config();
      const production = cfg.nodeEnv === "production";
      const ks = new FileKeyStore(
        { keyFile: cfg.sealKeyFile, chainFile: cfg.sealCertFile },
        cfg.sealRetiredChainFiles,
        { production },
      );
      const trust = new ChainValidator(loadTrustConfig(cfg.trustFile, cfg.certsDir, production));
      const verdict = await verifyFile(readFileSync(file), {
        keys: ks,
        trust,
        ...(o.content ? { content: readFileSync(o.content) } : {}),
        ...(o.at ? { at: new Date(o.at) } : {}),
      });
      console.log(formatVerdict(verdict));
      if (!verdict.verdict.ok) process.exitCode = 1;
    });

  keys
    .command("rotate")
    .description("make a new seal key the signing key; the old one stays to verify old seals")
    .option("--issuer-cert <file>", "issuing CA certificate (PEM) to certify a newly generated key")
    .option("--issuer-key <file>", "issuing CA private key (PKCS#8 PEM)")
    .option("--key <file>", "use this key instead of generating one")
    .option("--chain <file>", "its certificate chain, leaf first")
    .option("--out <dir>", "where to write a generated key (default: <data dir>/keys)")
    .action(
      async (o: { issuerCert?: string; issuerKey?: string; key?: string; chain?: string; out?: string }) => {
        const cfg = config();
        const now = new Date();
        const production = cfg.nodeEnv === "production";
        const next =
          o.key && o.chain
            ? { keyFile: o.key, chainFile: o.chain }
            : await generateSealKey({
                outDir: o.out ?? join(cfg.dataDir, "keys"),
                name: `gateway-seal-${now.toISOString().slice(0, 10)}-${now.getTime().toString(36)}`,
                commonName: "SWG Gateway Seal",
                issuerCertFile: o.issuerCert ?? join(cfg.certsDir, "issuing-ca.cert.pem"),
                issuerKeyFile: o.issuerKey ?? join(cfg.certsDir, "issuing-ca.key.pem"),
                now,
              });
        const state = rotateSealKey(
          {
            current: { keyFile: cfg.sealKeyFile, chainFile: cfg.sealCertFile },
            retired: cfg.sealRetiredChainFiles,
          },
          next,
          { production },
        );
        const env = [
          `SWG_SEAL_KEY_FILE=${state.current.keyFile}`,
          `SWG_SEAL_CERT_FILE=${state.current.chainFile}`,
          `SWG_SEAL_RETIRED_CHAIN_FILES=${state.retired.join(",")}`,
        ];
        const file = join(cfg.dataDir, "seal-keys.env");
        writeFileSync(file, env.map((l) => `export ${l}`).join("\n") + "\n", { mode: 0o600 });
        console.log(
          `new seal key ${new FileKeyStore(state.current, state.retired, { production }).current().kid}; set (also written to ${file}):`,
        );
        for (const l of env) console.log(`  ${l}`);
        console.log("then restart the gateway; seals made with the retired keys keep verifying.");
      },
    );
}
