/**
 * One deal for several vendors: the customer, the contact and the opportunity once; per vendor
 * chosen, its product, quantity and price, and its program's extra fields (labels, help and
 * choices as the vendor wrote them). "See what I earn" asks the incentive preview with the same
 * body; "Register" posts it with an Idempotency-Key kept for this draft, so a retry after a lost
 * answer registers it once. Every field error of a 422 is shown on its field (by its pointer);
 * one that names no field on the screen is listed at the top.
 */
import { useEffect, useMemo, useState } from "preact/hooks";
import { api, fieldErrors, idempotencyKey, type Problem, type Schemas } from "../api";
import { money, toMinor } from "../format";
import { t } from "../i18n";
import { offline } from "../load";
import { navigate } from "../router";
import { Field } from "./Field";
import { type Answer, ExtraInput, INPUT_TYPES, loadVendors, type Vendor } from "./vendors";
import { FormProblem } from "./ProblemNote";

interface Line {
  sku: string;
  quantity: string;
  price: string;
  answers: Record<string, Answer>;
}

const emptyLine = (): Line => ({ sku: "", quantity: "1", price: "", answers: {} });

export function NewDeal() {
  const [vendors, setVendors] = useState<Vendor[] | null>(null);
  const [chosen, setChosen] = useState<string[]>([]);
  const [lines, setLines] = useState<Record<string, Line>>({});
  const [form, setForm] = useState({
    legal_name: "",
    country: "",
    domain: "",
    contact_name: "",
    contact_email: "",
    title: "",
    close: "",
  });
  const [problem, setProblem] = useState<Problem>();
  const [preview, setPreview] = useState<Schemas["Preview"]>();
  const [busy, setBusy] = useState(false);
  // One key per draft: a retry of the same draft is the same action; any edit makes a new one.
  const [key, setKey] = useState(idempotencyKey);

  useEffect(() => {
    loadVendors().then(setVendors, () => setProblem(offline()));
  }, []);

  const selected = useMemo(
    () => (vendors ?? []).filter((v) => chosen.includes(v.id)),
    [vendors, chosen],
  );
  const currency = selected[0]?.program.currency ?? "EUR";
  const errors = fieldErrors(problem);
  const edit = () => {
    setKey(idempotencyKey());
    setPreview(undefined);
  };
  const set = (name: keyof typeof form) => (e: Event) => {
    setForm({ ...form, [name]: (e.currentTarget as HTMLInputElement).value });
    edit();
  };
  const setLine = (vendorId: string, change: Partial<Line>) => {
    setLines({ ...lines, [vendorId]: { ...(lines[vendorId] ?? emptyLine()), ...change } });
    edit();
  };
  const toggle = (vendorId: string, on: boolean) => {
    setChosen(on ? [...chosen, vendorId] : chosen.filter((id) => id !== vendorId));
    edit();
  };

  const body = (): Schemas["DealInput"] => ({
    customer: {
      legal_name: form.legal_name,
      country: form.country.toUpperCase(),
      ...(form.domain ? { domain: form.domain } : {}),
    },
    contact: { name: form.contact_name, ...(form.contact_email ? { email: form.contact_email } : {}) },
    opportunity: { title: form.title, currency, expected_close_date: form.close },
    lines: selected.map((vendor) => {
      const line = lines[vendor.id] ?? emptyLine();
      return {
        vendor_id: vendor.id,
        sku: line.sku,
        quantity: Number(line.quantity),
        unit_price: toMinor(line.price || "0", currency),
      };
    }),
    vendors: selected.map((vendor) => ({
      vendor_id: vendor.id,
      program_id: vendor.program.id,
      answers: lines[vendor.id]?.answers ?? {},
    })),
  });

  // Which pointers the screen shows, so the rest are listed at the top.
  const shown = new Set([
    "/customer/legal_name",
    "/customer/country",
    "/customer/domain",
    "/contact/name",
    "/contact/email",
    "/opportunity/title",
    "/opportunity/expected_close_date",
  ]);
  selected.forEach((vendor, index) => {
    for (const part of ["sku", "quantity", "unit_price"]) shown.add(`/lines/${index}/${part}`);
    for (const field of vendor.program.extra_fields) {
      shown.add(`/vendors/${index}/answers/${field.key}`);
    }
  });

  async function send(kind: "preview" | "submit", event?: Event) {
    event?.preventDefault();
    setBusy(true);
    setProblem(undefined);
    try {
      if (kind === "preview") {
        const answer = await api.POST("/v1/incentives/preview", { body: body() });
        if (answer.data) {
          setPreview(answer.data);
          // Shown below the form: brought into view, above the sticky buttons.
          requestAnimationFrame(() =>
            document.getElementById("preview")?.scrollIntoView({ block: "center" }),
          );
        }
        else setProblem(answer.error as Problem);
      } else {
        const answer = await api.POST("/v1/deals", {
          body: body(),
          params: { header: { "Idempotency-Key": key } },
        });
        if (answer.data) navigate("/");
        else setProblem(answer.error as Problem);
      }
    } catch {
      setProblem(offline());
    } finally {
      setBusy(false);
    }
    if (kind === "submit") document.querySelector<HTMLElement>("[aria-invalid=true]")?.focus();
  }

  const text = (
    name: keyof typeof form,
    label: string,
    pointer: string,
    type: "text" | "email" | "date" = "text",
  ) => (
    <Field label={label} error={errors.get(pointer)}>
      {(props) => (
        <input
          {...props}
          {...INPUT_TYPES[type]}
          value={form[name]}
          onInput={set(name)}
          autocomplete="off"
          maxLength={name === "country" ? 2 : undefined}
        />
      )}
    </Field>
  );

  return (
    <form class="deal" onSubmit={(e) => void send("submit", e)} noValidate>
      <h1>{t("deal.title")}</h1>
      <FormProblem problem={problem} shown={shown} />
      <fieldset>
        <legend>{t("deal.customer")}</legend>
        {text("legal_name", t("deal.legal_name"), "/customer/legal_name")}
        {text("country", t("deal.country"), "/customer/country")}
        {text("domain", `${t("deal.domain")} ${t("deal.optional")}`, "/customer/domain")}
      </fieldset>
      <fieldset>
        <legend>{t("deal.contact")}</legend>
        {text("contact_name", t("deal.contact_name"), "/contact/name")}
        {text("contact_email", `${t("deal.contact_email")} ${t("deal.optional")}`, "/contact/email", "email")}
      </fieldset>
      <fieldset>
        <legend>{t("deal.opportunity")}</legend>
        {text("title", t("deal.opportunity_title"), "/opportunity/title")}
        {text("close", t("deal.close"), "/opportunity/expected_close_date", "date")}
      </fieldset>
      <fieldset>
        <legend>{t("deal.vendors")}</legend>
        {vendors === null && !problem && <p role="status">{t("loading")}</p>}
        {vendors?.map((vendor) => (
          <div class="field check" key={vendor.id}>
            <label>
              <input
                type="checkbox"
                checked={chosen.includes(vendor.id)}
                onChange={(e) => toggle(vendor.id, (e.currentTarget as HTMLInputElement).checked)}
              />
              {vendor.name}
            </label>
          </div>
        ))}
      </fieldset>
      {selected.map((vendor, index) => {
        const line = lines[vendor.id] ?? emptyLine();
        return (
          <fieldset key={vendor.id} class="vendor">
            <legend>{vendor.name}</legend>
            <Field label={t("deal.product")} error={errors.get(`/lines/${index}/sku`)}>
              {(props) => (
                <select
                  {...props}
                  value={line.sku}
                  onChange={(e) => setLine(vendor.id, { sku: (e.currentTarget as HTMLSelectElement).value })}
                >
                  <option value="">{t("deal.choose")}</option>
                  {vendor.products.map((p) => (
                    <option key={p.sku} value={p.sku}>
                      {p.name} ({p.sku})
                    </option>
                  ))}
                </select>
              )}
            </Field>
            <div class="pair">
              <Field label={t("deal.quantity")} error={errors.get(`/lines/${index}/quantity`)}>
                {(props) => (
                  <input
                    {...props}
                    type="number"
                    inputMode="numeric"
                    min="1"
                    value={line.quantity}
                    onInput={(e) => setLine(vendor.id, { quantity: (e.currentTarget as HTMLInputElement).value })}
                  />
                )}
              </Field>
              <Field
                label={t("deal.unit_price", { currency })}
                error={errors.get(`/lines/${index}/unit_price`)}
              >
                {(props) => (
                  <input
                    {...props}
                    type="text"
                    inputMode="decimal"
                    value={line.price}
                    onInput={(e) => setLine(vendor.id, { price: (e.currentTarget as HTMLInputElement).value })}
                  />
                )}
              </Field>
            </div>
            {vendor.program.extra_fields.map((field) => (
              <ExtraInput
                key={field.key}
                field={field}
                value={line.answers[field.key]}
                error={errors.get(`/vendors/${index}/answers/${field.key}`)}
                onChange={(value) => {
                  const answers = { ...line.answers };
                  if (value === undefined) delete answers[field.key];
                  else answers[field.key] = value;
                  setLine(vendor.id, { answers });
                }}
              />
            ))}
          </fieldset>
        );
      })}
      {preview && (
        <section class="card preview" id="preview" aria-live="polite">
          <h2>{t("deal.preview")}</h2>
          <ul>
            {preview.vendors.map((v) => (
              <li key={v.vendor_id}>
                {v.vendor_name}: <strong>{money(v.total, v.currency)}</strong>
              </li>
            ))}
          </ul>
        </section>
      )}
      <div class="actions">
        <button type="button" disabled={busy || selected.length === 0} onClick={() => void send("preview")}>
          {t("deal.see_earnings")}
        </button>
        <button type="submit" class="primary" disabled={busy || selected.length === 0}>
          {t("deal.register")}
        </button>
      </div>
    </form>
  );
}
