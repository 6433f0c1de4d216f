import { useEffect, useState } from "preact/hooks";
import { getJson, session, type Session } from "./api";
import { Complaints } from "./pages/complaints";
import { Consignment } from "./pages/consignment";
import { Deliveries } from "./pages/deliveries";
import { DocumentView } from "./pages/document";
import { Login } from "./pages/login";
import { Party } from "./pages/party";
import { Search } from "./pages/search";
import { Stats } from "./pages/stats";
import { href, useRoute } from "./router";

const NAV: readonly { readonly page: string; readonly label: string }[] = [
  { page: "search", label: "Search" },
  { page: "deliveries", label: "Deliveries" },
  { page: "party", label: "Parties" },
  { page: "complaints", label: "Complaints" },
  { page: "stats", label: "Statistics" },
];

export function App() {
  const route = useRoute();
  const [who, setWho] = useState<Session | null>(null);
  const [checked, setChecked] = useState(false);

  useEffect(() => {
    if (!session.key()) {
      setChecked(true);
      return;
    }
    getJson<Session>("/v1/console/session").then(
      (s) => {
        setWho(s);
        setChecked(true);
      },
      () => {
        session.clear();
        setChecked(true);
      },
    );
  }, []);

  // Each page names itself in the document title, so screen readers announce where they are.
  const page = route.path[0] ?? "search";
  useEffect(() => {
    document.title = `${page[0]!.toUpperCase()}${page.slice(1)} — Single Window console`;
  }, [page]);

  if (!checked) return <p class="muted">Loading…</p>;
  if (!who) return <Login onLogin={setWho} />;

  const logout = () => {
    session.clear();
    setWho(null);
  };
  const body = (() => {
    switch (page) {
      case "consignment":
        return <Consignment ucr={route.path[1] ?? ""} />;
      case "document":
        return <DocumentView id={route.path[1] ?? ""} who={who} />;
      case "deliveries":
        return <Deliveries />;
      case "party":
        return <Party id={route.path[1] ?? (who.role === "exporter" ? who.partyId : "")} />;
      case "complaints":
        return <Complaints />;
      case "stats":
        return <Stats />;
      default:
        return <Search params={route.params} who={who} />;
    }
  })();
  return (
    <>
      <a class="skip" href="#main">
        Skip to content
      </a>
      <header class="top">
        <p class="brand">Single Window gateway</p>
        <nav aria-label="Console">
          <ul>
            {NAV.filter((n) => who.pages.includes(n.page)).map((n) => (
              <li key={n.page}>
                <a href={href(n.page)} aria-current={page === n.page ? "page" : undefined}>
                  {n.label}
                </a>
              </li>
            ))}
          </ul>
        </nav>
        <div class="who">
          <span>
            {who.partyName} · <strong>{who.role}</strong>
          </span>
          <button type="button" class="link" onClick={logout}>
            Log out
          </button>
        </div>
      </header>
      <main id="main" tabIndex={-1}>
        {body}
      </main>
    </>
  );
}
