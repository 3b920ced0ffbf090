/**
 * A lead waiting for the rep: accept it, or reject it with a reason (and words, for "other").
 * Each is sent with the version the lead was read at (If-Match) and an Idempotency-Key kept for
 * the action, so a retry after a lost answer acts once.
 */
import { useState } from "preact/hooks";
import { api, idempotencyKey, type Problem, type Schemas } from "../api";
import { instant } from "../format";
import { t } from "../i18n";
import { offline } from "../load";
import { Field } from "./Field";
import { ProblemNote } from "./ProblemNote";

type Lead = Schemas["LeadOut"];
type Reason = Schemas["LeadRejection"];
const REASONS: Reason[] = [
  "not_my_territory",
  "no_capacity",
  "not_qualified",
  "existing_customer",
  "duplicate",
  "other",
];

export function LeadRow({ lead, vendor, done }: { lead: Lead; vendor: string; done: () => void }) {
  const [rejecting, setRejecting] = useState(false);
  const [reason, setReason] = useState<Reason | "">("");
  const [note, setNote] = useState("");
  const [problem, setProblem] = useState<Problem>();
  const [key] = useState(idempotencyKey);
  const path = { lead_id: lead.id };
  const header = { "If-Match": `"${lead.version}"`, "Idempotency-Key": key };

  async function send(action: "accept" | "reject", event?: Event) {
    event?.preventDefault();
    setProblem(undefined);
    try {
      const answer =
        action === "accept"
          ? await api.POST("/v1/leads/{lead_id}/accept", { params: { path, header }, body: {} })
          : await api.POST("/v1/leads/{lead_id}/reject", {
              params: { path, header },
              body: { reason: reason as Reason, ...(note ? { note } : {}) },
            });
      if (answer.error) setProblem(answer.error as Problem);
      else done();
    } catch {
      setProblem(offline());
    }
  }

  return (
    <li class="row lead">
      <span class="row-title">
        {lead.customer.legal_name} · {vendor}
      </span>
      {lead.interest && <span>{lead.interest}</span>}
      {lead.accept_due_at && (
        <span class="row-meta">{t("home.accept_by", { when: instant(lead.accept_due_at) })}</span>
      )}
      <ProblemNote problem={problem} />
      {rejecting ? (
        <form onSubmit={(e) => void send("reject", e)}>
          <Field label={t("lead.reason")}>
            {(props) => (
              <select
                {...props}
                required
                value={reason}
                onChange={(e) => setReason((e.currentTarget as HTMLSelectElement).value as Reason)}
              >
                <option value="">{t("deal.choose")}</option>
                {REASONS.map((r) => (
                  <option key={r} value={r}>
                    {t(`lead.reasons.${r}`)}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {reason === "other" && (
            <Field label={t("lead.note")}>
              {(props) => (
                <textarea
                  {...props}
                  required
                  value={note}
                  onInput={(e) => setNote((e.currentTarget as HTMLTextAreaElement).value)}
                />
              )}
            </Field>
          )}
          <div class="pair">
            <button type="button" onClick={() => setRejecting(false)}>
              {t("lead.cancel")}
            </button>
            <button type="submit" class="primary">
              {t("lead.reject")}
            </button>
          </div>
        </form>
      ) : (
        <div class="pair">
          <button type="button" onClick={() => setRejecting(true)}>
            {t("lead.reject")}
          </button>
          <button type="button" class="primary" onClick={() => void send("accept")}>
            {t("lead.accept")}
          </button>
        </div>
      )}
    </li>
  );
}
