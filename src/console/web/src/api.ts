/** The gateway's API as the console uses it: the key from sessionStorage, problem+json errors. */
const KEY = "swg.apiKey";

export interface Problem {
  readonly title?: string;
  readonly detail?: string;
  readonly code?: string;
  readonly status?: number;
}

export class ApiError extends Error {
  constructor(
    readonly status: number,
    readonly problem: Problem,
  ) {
    super(problem.detail ?? problem.title ?? `HTTP ${status}`);
  }

  /** The route is not there at all (a feature this gateway does not offer yet). */
  get missingRoute(): boolean {
    return this.status === 404 && (this.problem.detail ?? "").startsWith("no route");
  }
}

export const session = {
  key: (): string | null => sessionStorage.getItem(KEY),
  set: (key: string): void => sessionStorage.setItem(KEY, key),
  clear: (): void => sessionStorage.removeItem(KEY),
};

async function call(path: string, init: RequestInit = {}): Promise<Response> {
  const key = session.key();
  const headers = new Headers(init.headers);
  if (key) headers.set("authorization", `Bearer ${key}`);
  const res = await fetch(path, { ...init, headers });
  if (!res.ok) {
    let problem: Problem = {};
    try {
      problem = (await res.json()) as Problem;
    } catch {
      problem = { title: res.statusText };
    }
    throw new ApiError(res.status, problem);
  }
  return res;
}

export async function getJson<T>(path: string): Promise<T> {
  return (await (await call(path)).json()) as T;
}

export async function getText(path: string): Promise<string> {
  return (await call(path)).text();
}

export async function postJson<T>(path: string, body: unknown): Promise<T> {
  const res = await call(path, {
    method: "POST",
    headers: { "content-type": "application/json" },
    body: JSON.stringify(body),
  });
  return (await res.json()) as T;
}

/** Downloads a file the API returns (the evidence bundle) under the name the server gives. */
export async function download(path: string, fallbackName: string): Promise<string> {
  const res = await call(path);
  const disposition = res.headers.get("content-disposition") ?? "";
  const name = /filename="([^"]+)"/.exec(disposition)?.[1] ?? fallbackName;
  const url = URL.createObjectURL(await res.blob());
  const a = document.createElement("a");
  a.href = url;
  a.download = name;
  document.body.append(a);
  a.click();
  a.remove();
  setTimeout(() => URL.revokeObjectURL(url), 10_000);
  return name;
}

export const q = (params: Record<string, string | undefined>): string => {
  const u = new URLSearchParams();
  for (const [k, v] of Object.entries(params)) if (v !== undefined && v !== "") u.set(k, v);
  const s = u.toString();
  return s ? `?${s}` : "";
};

export interface Session {
  readonly partyId: string;
  readonly partyName: string;
  readonly role: string;
  readonly sees: readonly string[];
  readonly pages: readonly string[];
}
