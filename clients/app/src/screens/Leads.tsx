/**
 * The rep's leads, read from the phone (kept by delta sync: offline they are still there):
 * those waiting for an answer (accept, or reject with a reason), and the accepted ones, whose
 * dispositions are reported through the outbox (shown pending until the server has them, sent
 * once when the network is back) and which can be converted to a deal.
 */
import { useEffect, useState } from "preact/hooks";
import type { Schemas } from "../api";
import { day } from "../format";
import { t } from "../i18n";
import { type Lead, outbox, queue, useOutbox, useSynced } from "../offline";
import { follow } from "../router";
import { vendorName } from "../vendorNames";
import { Field } from "./Field";
import { LeadRow } from "./LeadRow";
import { Pending } from "./Pending";

type Disposition = Schemas["Disposition"];
const FINAL: Disposition[] = ["won", "lost", "no_decision"];

/** What may be reported next, after `last` (the lead's, or the last one still queued). */
function nextDispositions(last: Disposition | null, qualified: boolean): Disposition[] {
  if (last === null) return ["first_touch"];
  if (FINAL.includes(last) || last === "converted") return [];
  return ["follow_up", ...(qualified ? [] : (["qualified"] as Disposition[])), ...FINAL];
}

function Working({ lead }: { lead: Lead }) {
  const path = `/v1/leads/${lead.id}/dispositions`;
  const actions = useOutbox(path).filter((a) => a.status !== "sent");
  const queued = actions.map((a) => (a.body as Schemas["DispositionInput"]).type);
  const last = queued.at(-1) ?? lead.disposition;
  const qualified = lead.qualified_at !== null || queued.includes("qualified");
  const choices = nextDispositions(last, qualified);
  const [type, setType] = useState<Disposition | "">("");
  const [lostReason, setLostReason] = useState("");

  async function report(event: Event) {
    event.preventDefault();
    if (!type) return;
    const body: Schemas["DispositionInput"] = {
      type,
      // When it happened is now, not when the network came back.
      occurred_at: new Date().toISOString(),
      ...(type === "lost" ? { lost_reason: lostReason } : {}),
    };
    setType("");
    setLostReason("");
    await queue({ method: "POST", path, body, label: t(`disposition.${type}`) });
  }

  return (
    <li class="row lead">
      <span class="row-title">
        {lead.customer.legal_name} · {vendorName(lead.vendor_id)}
      </span>
      <span class="row-meta">
        {lead.disposition ? t(`disposition.${lead.disposition}`) : t("leads.untouched")}
        {lead.accepted_at && ` · ${t("leads.accepted_on", { when: day(lead.accepted_at.slice(0, 10)) })}`}
      </span>
      {lead.first_touch_overdue && !lead.first_touch_at && <span class="question">{t("leads.touch_overdue")}</span>}
      <Pending actions={actions} />
      {choices.length > 0 && (
        <form onSubmit={(e) => void report(e)}>
          <Field label={t("leads.what_happened")}>
            {(props) => (
              <select
                {...props}
                required
                value={type}
                onChange={(e) => setType((e.currentTarget as HTMLSelectElement).value as Disposition)}
              >
                <option value="">{t("deal.choose")}</option>
                {choices.map((d) => (
                  <option key={d} value={d}>
                    {t(`disposition.${d}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {type === "lost" && (
            <Field label={t("leads.lost_reason")}>
              {(props) => (
                <input
                  {...props}
                  required
                  value={lostReason}
                  onInput={(e) => setLostReason((e.currentTarget as HTMLInputElement).value)}
                />
              )}
            </Field>
          )}
          <div class="pair">
            {/* The server converts a lead only after its first touch (and once). */}
            {lead.first_touch_at !== null && lead.registration_id === null && !(last && FINAL.includes(last)) ? (
              <a
                class="button"
                href={`/app/leads/${lead.id}/convert`}
                onClick={(e) => follow(e, `/leads/${lead.id}/convert`)}
              >
                {t("leads.convert")}
              </a>
            ) : (
              <span />
            )}
            <button type="submit" class="primary">
              {t("leads.report")}
            </button>
          </div>
        </form>
      )}
      {lead.registration_id && (
        <a
          class="row-link"
          href={`/app/registrations/${lead.registration_id}`}
          onClick={(e) => follow(e, `/registrations/${lead.registration_id}`)}
        >
          {t("leads.registration")}
        </a>
      )}
    </li>
  );
}

export function Leads() {
  const { items, stale, refresh } = useSynced("leads");
  // A disposition the server has taken changes the lead: read it again.
  useEffect(() => outbox.subscribe((actions) => actions.some((a) => a.status === "sent") && refresh()), []);
  const byAge = (a: Lead, b: Lead) => a.created_at.localeCompare(b.created_at);
  const waiting = items.filter((lead) => lead.status === "forwarded").sort(byAge);
  const working = items.filter((lead) => lead.status === "accepted").sort(byAge);
  return (
    <>
      <h1>{t("leads.title")}</h1>
      {stale && (
        <p class="note" role="status">
          {t("saved_copy")}
        </p>
      )}
      <section aria-labelledby="waiting-heading">
        <h2 id="waiting-heading">{t("home.leads", { count: waiting.length })}</h2>
        {waiting.length === 0 ? (
          <p class="empty">{t("home.no_leads")}</p>
        ) : (
          <ul class="rows">
            {waiting.map((lead) => (
              <LeadRow key={lead.id} lead={lead} vendor={vendorName(lead.vendor_id)} done={refresh} />
            ))}
          </ul>
        )}
      </section>
      <section aria-labelledby="working-heading">
        <h2 id="working-heading">{t("leads.working", { count: working.length })}</h2>
        {working.length === 0 ? (
          <p class="empty">{t("leads.none_working")}</p>
        ) : (
          <ul class="rows">
            {working.map((lead) => (
              <Working key={lead.id} lead={lead} />
            ))}
          </ul>
        )}
      </section>
    </>
  );
}
