/** Architecture rules checked by `npm test` (DESIGN §7.6): the core sees ports, never drivers. */
const DRIVERS = "^(node_modules/)?(amqplib|pg|pg-[a-z-]+|better-sqlite3|kysely)(/|$)";

module.exports = {
  forbidden: [
    {
      name: "drivers-only-in-infra",
      severity: "error",
      comment:
        "Only src/infra/ may import database or broker drivers; everything else uses the ports in src/ports/.",
      from: { path: "^(src|adapters)/", pathNot: "^src/infra/" },
      to: { path: DRIVERS },
    },
    {
      name: "adapters-see-ports-not-infra",
      severity: "error",
      comment: "Adapters render and parse; they reach storage and transport only through ports.",
      from: { path: "^adapters/" },
      to: { path: "^src/(infra|http|delivery)/" },
    },
    {
      name: "no-circular",
      severity: "error",
      comment:
        "Circular imports make initialisation order fragile (type-only cycles vanish at compile time).",
      from: { path: "^(src|adapters)/" },
      to: { circular: true, viaOnly: { dependencyTypesNot: ["type-only"] } },
    },
  ],
  options: {
    doNotFollow: { path: "node_modules" },
    tsPreCompilationDeps: true,
    tsConfig: { fileName: "tsconfig.json" },
    enhancedResolveOptions: {
      exportsFields: ["exports"],
      conditionNames: ["import", "require", "node", "default"],
    },
    exclude: { path: "(^dist/|\\.test\\.ts$)" },
  },
};
