import { useEffect, useState } from "preact/hooks";
import { finishSignIn, signedIn, signOut } from "./auth";
import { LANGUAGES, setLanguage, t, useLanguage } from "./i18n";
import { follow, navigate, usePath } from "./router";
import { Home } from "./screens/Home";
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
          onClick={() => void signOut().then(() => navigate("/", true))}
        >
          {t("sign_out")}
        </button>
      )}
    </header>
  );
}

function Screen({ path }: { path: string }) {
  if (path === "/callback") return <Callback />;
  if (!signedIn()) return <SignIn />;
  if (path === "/deals/new") return <NewDeal />;
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
      <main id="main">
        <Screen path={path} />
      </main>
    </>
  );
}
