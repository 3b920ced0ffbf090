/**
 * One registration: where it stands, its approval clock told in the vendor's business time
 * ("decision due Tue 14:00 CET, Oslo time; paused while you answer"), its history as a
 * timeline, and what the rep can do now: answer the vendor's question (resubmit) or report the
 * sales stage, each sent with the ETag it was read at (If-Match) and an Idempotency-Key.
 */
import { useState } from "preact/hooks";
import { api, idempotencyKey, type Problem, type Schemas } from "../api";
import { instant, money } from "../format";
import { t } from "../i18n";
import { offline, useLoad } from "../load";
import { Field } from "./Field";
import { ProblemNote } from "./ProblemNote";

type Stage = Schemas["SalesStage"];
const STAGES: Stage[] = ["qualified", "proposal", "negotiation", "closed_won", "closed_lost"];

const city = (timeZone: string) => timeZone.split("/").pop()?.replace(/_/g, " ") ?? timeZone;

function Clock({ clock }: { clock: Schemas["ClockOut"] }) {
  const zone = clock.calendar.timezone;
  const where = city(zone);
  const lines: string[] = [];
  if (clock.state === "stopped") lines.push(t("clock.stopped"));
  else {
    if (clock.target_at) lines.push(t("clock.target", { when: instant(clock.target_at, zone), where }));
    if (clock.hard_limit_at) lines.push(t("clock.limit", { when: instant(clock.hard_limit_at, zone), where }));
    if (clock.state === "paused") lines.push(t("clock.paused"));
    lines.push(t("clock.business", { where }));
  }
  return (
    <section class="card" aria-labelledby="clock-heading">
      <h2 id="clock-heading">{t("clock.title")}</h2>
      <span class={`badge sla-${clock.summary_state}`}>{t(`sla.${clock.summary_state}`)}</span>
      {lines.map((line) => (
        <p key={line}>{line}</p>
      ))}
    </section>
  );
}

export function Registration({ id }: { id: string }) {
  const path = { registration_id: id };
  const registration = useLoad(() => api.GET("/v1/registrations/{registration_id}", { params: { path } }), [id]);
  const clock = useLoad(() => api.GET("/v1/registrations/{registration_id}/sla", { params: { path } }), [id]);
  const history = useLoad(() => api.GET("/v1/registrations/{registration_id}/history", { params: { path } }), [id]);
  const [reply, setReply] = useState("");
  const [stage, setStage] = useState<Stage | "">("");
  const [problem, setProblem] = useState<Problem>();
  const [done, setDone] = useState("");
  const r = registration.data;

  async function act(kind: "resubmit" | "stage", event: Event) {
    event.preventDefault();
    if (!r) return;
    setProblem(undefined);
    const header = { "If-Match": `"${r.version}"`, "Idempotency-Key": idempotencyKey() };
    try {
      const answer =
        kind === "resubmit"
          ? await api.POST("/v1/registrations/{registration_id}/resubmit", {
              params: { path, header },
              body: { reply },
            })
          : await api.POST("/v1/registrations/{registration_id}/stage", {
              params: { path, header },
              body: { stage: stage as Stage },
            });
      if (answer.error) setProblem(answer.error as Problem);
      else {
        setDone(t(kind === "resubmit" ? "registration.answered" : "registration.stage_reported"));
        registration.reload();
        clock.reload();
        history.reload();
      }
    } catch {
      setProblem(offline());
    }
  }

  return (
    <>
      <ProblemNote problem={registration.problem ?? problem} />
      {r && (
        <>
          <h1>{r.customer_name}</h1>
          <p class="row-meta">
            {r.number} · {money(r.amount, r.currency)} · {t(`status.${r.status}`)}
            {r.stage && ` · ${t(`stage.${r.stage}`)}`}
          </p>
          {done && (
            <p class="ok" role="status">
              {done}
            </p>
          )}
          {clock.data && <Clock clock={clock.data} />}
          {r.status === "info_requested" && (
            <form class="card" onSubmit={(e) => void act("resubmit", e)}>
              <h2>{t("registration.question")}</h2>
              <Field label={t("registration.reply")}>
                {(props) => (
                  <textarea {...props} required value={reply} onInput={(e) => setReply((e.currentTarget as HTMLTextAreaElement).value)} />
                )}
              </Field>
              <button type="submit" class="primary">
                {t("registration.send_answer")}
              </button>
            </form>
          )}
          {r.status === "approved" && (
            <form class="card" onSubmit={(e) => void act("stage", e)}>
              <h2>{t("registration.stage")}</h2>
              <Field label={t("registration.new_stage")}>
                {(props) => (
                  <select {...props} required value={stage} onChange={(e) => setStage((e.currentTarget as HTMLSelectElement).value as Stage)}>
                    <option value="">{t("deal.choose")}</option>
                    {STAGES.slice(r.stage ? STAGES.indexOf(r.stage) + 1 : 0).map((s) => (
                      <option key={s} value={s}>
                        {t(`stage.${s}`)}
                      </option>
                    ))}
                  </select>
                )}
              </Field>
              <button type="submit" class="primary">
                {t("registration.report_stage")}
              </button>
            </form>
          )}
          <section aria-labelledby="history-heading">
            <h2 id="history-heading">{t("registration.history")}</h2>
            <ol class="timeline">
              {(history.data?.items ?? []).map((entry) => (
                <li key={entry.id}>
                  <time dateTime={entry.at}>{instant(entry.at)}</time>
                  <span>
                    {entry.to_status ? t(`status.${entry.to_status}`) : entry.to_stage ? t(`stage.${entry.to_stage}`) : entry.action}
                  </span>
                  {entry.reason && <span class="row-meta">{entry.reason}</span>}
                </li>
              ))}
            </ol>
          </section>
        </>
      )}
    </>
  );
}
