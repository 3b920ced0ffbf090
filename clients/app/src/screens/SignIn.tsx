import { signIn } from "../auth";
import { t } from "../i18n";

export function SignIn({ failed = false }: { failed?: boolean }) {
  const back = location.pathname.startsWith("/app/callback")
    ? "/"
    : location.pathname.slice("/app".length) || "/";
  return (
    <section class="card sign-in">
      <h1>{t("sign_in.title")}</h1>
      <p>{t("sign_in.lead")}</p>
      {failed && (
        <p class="error" role="alert">
          {t("sign_in.failed")}
        </p>
      )}
      <button type="button" class="primary" onClick={() => void signIn(back)}>
        {t("sign_in.button")}
      </button>
    </section>
  );
}
