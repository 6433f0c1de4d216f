type Obj = Record<string, unknown>;

/** An object without its absent parts: undefined values, empty lists, empty objects (the canonical model leaves them out). */
export function compact<T extends Obj>(o: T): T {
  return Object.fromEntries(
    Object.entries(o).filter(
      ([, v]) =>
        v !== undefined &&
        !(Array.isArray(v) && v.length === 0) &&
        !(typeof v === "object" && v !== null && !Array.isArray(v) && Object.keys(v).length === 0),
    ),
  ) as T;
}
