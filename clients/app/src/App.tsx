import { useEffect, useState } from "preact/hooks";
import { finishSignIn, signedIn, signOut } from "./auth";
import { LANGUAGES, setLanguage, t, useLanguage } from "./i18n";
import { forgetPhone } from "./offline";
import { follow, navigate, usePath } from "./router";
import { Convert } from "./screens/Convert";
import { Earnings } from "./screens/Earnings";
import { Home } from "./screens/Home";
import { Leads } from "./screens/Leads";
import { NewDeal } from "./screens/NewDeal";
import { Registration } from "./screens/Registration";
import { SignIn } from "./screens/SignIn";

function Callback() {
  const [failed, setFailed] = useState(false);
  useEffect(() => {
    finishSignIn().then(
      (back) => navigate(back, true),
      () => setFailed(true),
    );
  }, []);
  return failed ? <SignIn failed /> : <p class="status" role="status">{t("signing_in")}</p>;
}

function Header() {
  const language = useLanguage();
  return (
    <header class="bar">
      <a class="brand" href="/app/" onClick={(e) => follow(e, "/")}>
        dealreg
      </a>
      <label class="language">
        <span class="visually-hidden">{t("language")}</span>
        <select
          value={language}
          onChange={(e) => setLanguage((e.currentTarget as HTMLSelectElement).value as "en" | "ro")}
        >
          {LANGUAGES.map((code) => (
            <option key={code} value={code}>
              {code === "en" ? "English" : "Română"}
            </option>
          ))}
        </select>
      </label>
      {signedIn() && (
        <button
          type="button"
          class="quiet"
          onClick={() => void signOut().finally(() => void forgetPhone().then(() => navigate("/", true)))}
        >
          {t("sign_out")}
        </button>
      )}
    </header>
  );
}

const TABS = [
  ["/", "nav.home"],
  ["/leads", "nav.leads"],
  ["/earnings", "nav.earnings"],
] as const;

/** The three places a rep goes to, always in reach of a thumb. */
function Tabs({ path }: { path: string }) {
  return (
    <nav class="tabs" aria-label={t("nav.label")}>
      {TABS.map(([to, label]) => (
        <a
          key={to}
          href={`/app${to}`}
          aria-current={path === to ? "page" : undefined}
          onClick={(e) => follow(e, to)}
        >
          {t(label)}
        </a>
      ))}
    </nav>
  );
}

function Screen({ path }: { path: string }) {
  if (path === "/callback") return <Callback />;
  if (!signedIn()) return <SignIn />;
  if (path === "/deals/new") return <NewDeal />;
  if (path === "/leads") return <Leads />;
  if (path === "/earnings") return <Earnings />;
  const conversion = /^\/leads\/([0-9a-f-]{36})\/convert$/.exec(path);
  if (conversion?.[1]) return <Convert id={conversion[1]} />;
  const registration = /^\/registrations\/([0-9a-f-]{36})$/.exec(path);
  if (registration?.[1]) return <Registration id={registration[1]} />;
  return <Home />;
}

export function App() {
  const path = usePath();
  useLanguage();
  return (
    <>
      <Header />
      {signedIn() && path !== "/callback" && <Tabs path={path} />}
      <main id="main">
        <Screen path={path} />
      </main>
    </>
  );
}
