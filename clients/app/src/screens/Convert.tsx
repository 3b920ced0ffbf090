/**
 * A lead turned into a deal registration with its vendor: the customer and contact come from the
 * lead; the rep gives the opportunity, the line (the lead's product first) and the vendor's extra
 * fields. Sent once with the lead's version (If-Match) and an Idempotency-Key kept for the draft;
 * every 422 error is shown on its field.
 */
import { useEffect, useState } from "preact/hooks";
import { api, fieldErrors, idempotencyKey, type Problem } from "../api";
import { toMinor } from "../format";
import { t } from "../i18n";
import { offline } from "../load";
import { type Lead, synced } from "../offline";
import { navigate } from "../router";
import { Field } from "./Field";
import { FormProblem } from "./ProblemNote";
import { type Answer, ExtraInput, INPUT_TYPES, loadVendors, type Vendor } from "./vendors";

export function Convert({ id }: { id: string }) {
  const lead = (synced.items("leads") as Lead[]).find((l) => l.id === id);
  const [vendor, setVendor] = useState<Vendor>();
  const [form, setForm] = useState({ title: "", close: "", sku: lead?.skus[0] ?? "", quantity: "1", price: "" });
  const [answers, setAnswers] = useState<Record<string, Answer>>({});
  const [problem, setProblem] = useState<Problem>();
  const [key, setKey] = useState(idempotencyKey);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    loadVendors().then(
      (vendors) => setVendor(vendors.find((v) => v.id === lead?.vendor_id)),
      () => setProblem(offline()),
    );
  }, [id]);

  if (!lead) return <p class="empty">{t("leads.gone")}</p>;
  const currency = vendor?.program.currency ?? "USD";
  const errors = fieldErrors(problem);
  const set = (name: keyof typeof form) => (e: Event) => {
    setForm({ ...form, [name]: (e.currentTarget as HTMLInputElement).value });
    setKey(idempotencyKey());
  };

  async function convert(event: Event) {
    event.preventDefault();
    if (!lead || !vendor) return;
    setBusy(true);
    setProblem(undefined);
    try {
      const answer = await api.POST("/v1/leads/{lead_id}/convert", {
        params: { path: { lead_id: lead.id }, header: { "If-Match": `"${lead.version}"`, "Idempotency-Key": key } },
        body: {
          program_id: vendor.program.id,
          opportunity: { title: form.title, currency, expected_close_date: form.close },
          lines: [{ sku: form.sku, quantity: Number(form.quantity), unit_price: toMinor(form.price || "0", currency) }],
          answers,
        },
      });
      const registration = answer.data?.deal.registrations[0];
      if (registration) navigate(`/registrations/${registration.id}`, true);
      else setProblem(answer.error as Problem);
    } catch {
      setProblem(offline());
    } finally {
      setBusy(false);
    }
    // The refusal is said at the top, or on its field: brought into view either way.
    (document.querySelector<HTMLElement>("[aria-invalid=true]") ?? document.querySelector("[role=alert]"))?.scrollIntoView({ block: "center" });
  }

  const input = (
    name: keyof typeof form,
    label: string,
    pointer: string,
    type: "text" | "number" | "date" = "text",
    hint?: string,
  ) => (
    <Field label={label} error={errors.get(pointer)} hint={hint}>
      {(props) => (
        <input
          {...props}
          {...INPUT_TYPES[type]}
          required
          value={form[name]}
          onInput={set(name)}
        />
      )}
    </Field>
  );

  return (
    <form onSubmit={(e) => void convert(e)}>
      <h1>{t("convert.title", { customer: lead.customer.legal_name })}</h1>
      <FormProblem
        problem={problem}
        shown={
          new Set([
            ...["/opportunity/title", "/opportunity/expected_close_date"],
            ...["/lines/0/sku", "/lines/0/quantity", "/lines/0/unit_price"],
            ...(vendor?.program.extra_fields ?? []).map((field) => `/answers/${field.key}`),
          ])
        }
      />
      <fieldset>
        <legend>{t("deal.opportunity")}</legend>
        {input("title", t("deal.opportunity_title"), "/opportunity/title", "text", lead.interest ? t("convert.interest", { interest: lead.interest }) : undefined)}
        {input("close", t("deal.close"), "/opportunity/expected_close_date", "date")}
      </fieldset>
      {vendor && (
        <fieldset>
          <legend>{vendor.name}</legend>
          <Field label={t("deal.product")} error={errors.get("/lines/0/sku")}>
            {(props) => (
              <select {...props} required value={form.sku} onChange={set("sku")}>
                <option value="">{t("deal.choose")}</option>
                {vendor.products.map((p) => (
                  <option key={p.sku} value={p.sku}>
                    {p.name}
                  </option>
                ))}
              </select>
            )}
          </Field>
          {input("quantity", t("deal.quantity"), "/lines/0/quantity", "number")}
          {input("price", t("deal.unit_price", { currency }), "/lines/0/unit_price", "number")}
          {vendor.program.extra_fields.map((field) => (
            <ExtraInput
              key={field.key}
              field={field}
              value={answers[field.key]}
              error={errors.get(`/answers/${field.key}`)}
              onChange={(value) => {
                const next = { ...answers };
                if (value === undefined) delete next[field.key];
                else next[field.key] = value;
                setAnswers(next);
                setKey(idempotencyKey());
              }}
            />
          ))}
        </fieldset>
      )}
      <button type="submit" class="primary wide" disabled={busy || !vendor}>
        {t("convert.submit")}
      </button>
    </form>
  );
}
