import { useEffect, useState } from "preact/hooks";

/** Hash routes (#/search?ucr=…): the server serves one page, and links work without it. */
export interface Route {
  readonly path: readonly string[];
  readonly params: URLSearchParams;
}

function parse(): Route {
  const raw = location.hash.replace(/^#/, "") || "/search";
  const [p = "", query = ""] = raw.split("?", 2);
  return { path: p.split("/").filter(Boolean).map(decodeURIComponent), params: new URLSearchParams(query) };
}

export function useRoute(): Route {
  const [route, setRoute] = useState(parse);
  useEffect(() => {
    const on = () => setRoute(parse());
    window.addEventListener("hashchange", on);
    return () => window.removeEventListener("hashchange", on);
  }, []);
  return route;
}

export const href = (...parts: string[]): string => `#/${parts.map(encodeURIComponent).join("/")}`;

export function go(to: string): void {
  location.hash = to.replace(/^#/, "");
}
