import { useState } from "preact/hooks";
import { ApiError, getJson, session, type Session } from "../api";

export function Login({ onLogin }: { onLogin: (s: Session) => void }) {
  const [key, setKey] = useState("");
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);
  const [who, setWho] = useState<Session | null>(null);

  const submit = async (e: Event) => {
    e.preventDefault();
    setBusy(true);
    setError(null);
    session.set(key.trim());
    try {
      const s = await getJson<Session>("/v1/console/session");
      setWho(s);
    } catch (err) {
      session.clear();
      setError(err instanceof ApiError && err.status === 401 ? "That API key is not valid." : String(err));
    } finally {
      setBusy(false);
    }
  };

  return (
    <main id="main" class="login">
      <h1>Single Window gateway console</h1>
      {who ? (
        <section aria-labelledby="who-title">
          <h2 id="who-title">
            Signed in as {who.partyName} ({who.role})
          </h2>
          <p>With this key you may see:</p>
          <ul>
            {who.sees.map((s) => (
              <li key={s}>{s}</li>
            ))}
          </ul>
          <p class="muted">
            The key stays in this browser tab only (session storage) and is gone when you close it.
          </p>
          <button type="button" onClick={() => onLogin(who)} disabled={who.pages.length === 0}>
            Continue
          </button>
        </section>
      ) : (
        <form onSubmit={(e) => void submit(e)}>
          <label for="api-key">API key</label>
          <input
            id="api-key"
            name="api-key"
            type="password"
            autoComplete="off"
            required
            value={key}
            onInput={(e) => setKey(e.currentTarget.value)}
            aria-describedby="api-key-help"
          />
          <p id="api-key-help" class="muted">
            The key your gateway administrator issued to you (it starts with swg_).
          </p>
          <button type="submit" disabled={busy}>
            {busy ? "Checking…" : "Sign in"}
          </button>
          {error && (
            <p class="error" role="alert">
              {error}
            </p>
          )}
        </form>
      )}
    </main>
  );
}
