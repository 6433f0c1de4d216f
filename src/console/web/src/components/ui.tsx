import type { ComponentChildren } from "preact";
import { useCallback, useEffect, useState } from "preact/hooks";
import { ApiError } from "../api";

export type Loaded<T> =
  | { readonly state: "loading" }
  | { readonly state: "error"; readonly error: Error }
  | { readonly state: "ok"; readonly value: T };

/** Loads when `deps` (what `load` depends on) change; `reload` loads again after an action. */
export function useLoad<T>(load: () => Promise<T>, deps: readonly unknown[]): [Loaded<T>, () => void] {
  const [value, setValue] = useState<Loaded<T>>({ state: "loading" });
  const [tick, setTick] = useState(0);
  useEffect(() => {
    let live = true;
    setValue({ state: "loading" });
    load().then(
      (v) => live && setValue({ state: "ok", value: v }),
      (e: unknown) =>
        live && setValue({ state: "error", error: e instanceof Error ? e : new Error(String(e)) }),
    );
    return () => {
      live = false;
    };
  }, [...deps, tick]);
  const reload = useCallback(() => setTick((t) => t + 1), []);
  return [value, reload];
}

export function ErrorNote({ error, what }: { error: Error; what: string }) {
  if (error instanceof ApiError && error.missingRoute)
    return <p class="note">This gateway does not offer {what} yet.</p>;
  return (
    <p class="error" role="alert">
      Could not load {what}: {error.message}
    </p>
  );
}

export function Show<T>({
  loaded,
  what,
  children,
}: {
  loaded: Loaded<T>;
  what: string;
  children: (v: T) => ComponentChildren;
}) {
  if (loaded.state === "loading")
    return (
      <p class="muted" aria-live="polite">
        Loading {what}…
      </p>
    );
  if (loaded.state === "error") return <ErrorNote error={loaded.error} what={what} />;
  return <>{children(loaded.value)}</>;
}

/** A status word, coloured by what it means (never by colour alone: the word is there). */
export function tone(status: string | null | undefined): "ok" | "bad" | "warn" | "idle" {
  const s = (status ?? "").toLowerCase();
  if (/(rejected|dead|refused|fail|upheld|full|terminated|revoked|false|^high$)/.test(s)) return "bad";
  if (
    /(retrying|held|examination|documents-required|overdue|risk|open|partial|reminder|escalated|review|^medium$)/.test(
      s,
    )
  )
    return "warn";
  if (/(delivered|accepted|released|cleared|verified|ok|true|acknowledged|dismissed)/.test(s)) return "ok";
  return "idle";
}

export function Badge({ status }: { status: string | null | undefined }) {
  return <span class={`badge ${tone(status)}`}>{status ?? "—"}</span>;
}

export const when = (iso: string | null | undefined): string =>
  iso ? iso.replace("T", " ").replace(/\.\d+Z$/, "Z") : "—";
