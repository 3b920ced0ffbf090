/** Parts of the registration screen: asking for an extension, and what this deal earned. */
import { useState } from "preact/hooks";
import { api, fieldErrors, idempotencyKey, type Problem } from "../api";
import { day } from "../format";
import { t } from "../i18n";
import { offline, useLoad } from "../load";
import type { Row } from "../offline";
import { EarningLine } from "./Earnings";
import { Field } from "./Field";
import { ProblemNote } from "./ProblemNote";

/** An approved registration's protection, and the request for more of it (one pending at a time;
 * the vendor decides). */
export function ExtensionForm({ registration, done }: {
  registration: Pick<Row, "id" | "version" | "expires_at" | "extension_pending">;
  done: () => void;
}) {
  const [days, setDays] = useState("30");
  const [reason, setReason] = useState("");
  const [problem, setProblem] = useState<Problem>();
  const [key, setKey] = useState(idempotencyKey);
  const [asked, setAsked] = useState(false);
  const errors = fieldErrors(problem);

  async function ask(event: Event) {
    event.preventDefault();
    setProblem(undefined);
    try {
      const answer = await api.POST("/v1/registrations/{registration_id}/extensions", {
        params: {
          path: { registration_id: registration.id },
          header: { "If-Match": `"${registration.version}"`, "Idempotency-Key": key },
        },
        body: { days: Number(days), reason },
      });
      if (answer.error) setProblem(answer.error as Problem);
      else {
        setAsked(true);
        done();
      }
    } catch {
      setProblem(offline());
    }
  }

  return (
    <section class="card" aria-labelledby="extension-heading">
      <h2 id="extension-heading">{t("extension.title")}</h2>
      {registration.expires_at && <p>{t("extension.until", { when: day(registration.expires_at.slice(0, 10)) })}</p>}
      {asked || registration.extension_pending ? (
        <p class="ok" role="status">
          {t("extension.pending")}
        </p>
      ) : (
        <form onSubmit={(e) => void ask(e)}>
          <ProblemNote problem={problem} />
          <Field label={t("extension.days")} error={errors.get("/days")}>
            {(props) => (
              <input
                {...props}
                type="number"
                inputMode="numeric"
                min="1"
                required
                value={days}
                onInput={(e) => {
                  setDays((e.currentTarget as HTMLInputElement).value);
                  setKey(idempotencyKey());
                }}
              />
            )}
          </Field>
          <Field label={t("extension.reason")} error={errors.get("/reason")}>
            {(props) => (
              <textarea
                {...props}
                required
                value={reason}
                onInput={(e) => {
                  setReason((e.currentTarget as HTMLTextAreaElement).value);
                  setKey(idempotencyKey());
                }}
              />
            )}
          </Field>
          <button type="submit">{t("extension.ask")}</button>
        </form>
      )}
    </section>
  );
}

export function DealEarnings({ id }: { id: string }) {
  const earnings = useLoad(
    () => api.GET("/v1/registrations/{registration_id}/earnings", { params: { path: { registration_id: id } } }),
    [id],
  );
  const items = earnings.data?.items ?? [];
  return (
    <section aria-labelledby="earned-heading">
      <h2 id="earned-heading">{t("registration.earned")}</h2>
      {items.length === 0 ? (
        <p class="empty">{t("registration.nothing_earned")}</p>
      ) : (
        <ul class="entries card">
          {items.map((entry) => (
            <EarningLine key={entry.id} entry={entry} />
          ))}
        </ul>
      )}
    </section>
  );
}
