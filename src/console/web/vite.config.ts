import { fileURLToPath } from "node:url";
import { defineConfig } from "vite";

/**
 * The console builds offline into dist/console, which the gateway serves at /console. Output is
 * flat (assetsDir "") so the server only ever serves one path segment, and nothing is inlined:
 * the CSP allows scripts from 'self' only.
 */
export default defineConfig({
  root: fileURLToPath(new URL(".", import.meta.url)),
  base: "/console/",
  logLevel: "warn",
  build: {
    outDir: fileURLToPath(new URL("../../../dist/console", import.meta.url)),
    emptyOutDir: true,
    assetsDir: "",
    assetsInlineLimit: 0,
    modulePreload: { polyfill: false },
    sourcemap: false,
  },
});
