/**
 * One registration: where it stands, its approval clock told in the vendor's business time
 * ("decision due Tue 14:00 CET, Oslo time; paused while you answer"), its history as a
 * timeline, what it earned, and what the rep can do now: answer the vendor's question
 * (resubmit), ask for an extension, or report the sales stage, each sent with the ETag it was
 * read at (If-Match) and an Idempotency-Key. The stage goes through the outbox: reported
 * offline, it is shown pending and sent once the network is back. Offline, the registration is
 * read from the phone's synced copy.
 */
import { useEffect, useState } from "preact/hooks";
import { api, idempotencyKey, type Problem, type Schemas } from "../api";
import { instant, money } from "../format";
import { t } from "../i18n";
import { offline, useLoad } from "../load";
import { outbox, queue, type Row, useOutbox, useSynced } from "../offline";
import { Field } from "./Field";
import { Pending } from "./Pending";
import { ProblemNote } from "./ProblemNote";
import { DealEarnings, ExtensionForm } from "./RegistrationParts";

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
  const kept = useSynced("registrations").items.find((row: Row) => row.id === id);
  const pending = useOutbox(`/v1/registrations/${id}/`).filter((a) => a.status !== "sent");
  const [reply, setReply] = useState("");
  const [stage, setStage] = useState<Stage | "">("");
  const [problem, setProblem] = useState<Problem>();
  const [done, setDone] = useState("");
  const r = registration.data ?? kept;
  // The stages still ahead: after the one reached, or the last one waiting to be sent.
  const queuedStage = (pending.at(-1)?.body as { stage?: Stage } | undefined)?.stage;
  const reached = queuedStage ?? r?.stage;
  const ahead = reached?.startsWith("closed") ? [] : STAGES.slice(reached ? STAGES.indexOf(reached) + 1 : 0);
  const reload = () => {
    registration.reload();
    clock.reload();
    history.reload();
  };
  // A stage the server has taken from the outbox: read the registration again.
  useEffect(() => outbox.subscribe((actions) => actions.some((a) => a.status === "sent") && reload()), [id]);

  async function resubmit(event: Event) {
    event.preventDefault();
    if (!r) return;
    setProblem(undefined);
    const header = { "If-Match": `"${r.version}"`, "Idempotency-Key": idempotencyKey() };
    try {
      const answer = await api.POST("/v1/registrations/{registration_id}/resubmit", {
        params: { path, header },
        body: { reply },
      });
      if (answer.error) setProblem(answer.error as Problem);
      else {
        setDone(t("registration.answered"));
        reload();
      }
    } catch {
      setProblem(offline());
    }
  }

  async function reportStage(event: Event) {
    event.preventDefault();
    if (!r || !stage) return;
    setStage("");
    await queue({
      method: "POST",
      path: `/v1/registrations/${id}/stage`,
      headers: { "If-Match": `"${r.version}"` },
      body: { stage },
      label: t(`stage.${stage}`),
    });
  }

  return (
    <>
      <ProblemNote problem={r ? problem : (registration.problem ?? problem)} />
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
            <form class="card" onSubmit={(e) => void resubmit(e)}>
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
          {r.status === "approved" && (ahead.length > 0 || pending.length > 0) && (
            <section class="card" aria-labelledby="stage-heading">
              <h2 id="stage-heading">{t("registration.stage")}</h2>
              <Pending actions={pending} />
              {ahead.length > 0 && (
                <form onSubmit={(e) => void reportStage(e)}>
                  <Field label={t("registration.new_stage")}>
                    {(props) => (
                      <select
                        {...props}
                        required
                        value={stage}
                        onChange={(e) => setStage((e.currentTarget as HTMLSelectElement).value as Stage)}
                      >
                        <option value="">{t("deal.choose")}</option>
                        {ahead.map((s) => (
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
            </section>
          )}
          {r.status === "approved" && <ExtensionForm registration={r} done={reload} />}
          <DealEarnings id={id} />
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
