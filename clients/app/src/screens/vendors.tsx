/** The vendors the rep's partner is enrolled with, each with its first active program and its
 * products, and an input for each of a program's extra fields (labels, help and choices as the
 * vendor wrote them): shared by the new deal and a lead's conversion. */
import { api, type Schemas } from "../api";
import { t } from "../i18n";
import { Field } from "./Field";

export type Program = Schemas["ProgramOut"];
export type Product = Schemas["ProductOut"];
export type ExtraField = Schemas["ExtraField"];
export type Answer = string | number | boolean;

export interface Vendor {
  id: string;
  name: string;
  program: Program;
  products: Product[];
}

export async function loadVendors(): Promise<Vendor[]> {
  const [partnerships, programs] = await Promise.all([
    api.GET("/v1/partnerships", { params: { query: { status: "active", limit: 200 } } }),
    api.GET("/v1/programs", { params: { query: { limit: 200 } } }),
  ]);
  const names = new Map((partnerships.data?.items ?? []).map((p) => [p.vendor_id, p.vendor_name]));
  const firstProgram = new Map<string, Program>();
  for (const program of programs.data?.items ?? []) {
    if (program.active && names.has(program.vendor_id) && !firstProgram.has(program.vendor_id)) {
      firstProgram.set(program.vendor_id, program);
    }
  }
  const vendors = await Promise.all(
    [...firstProgram.values()].map(async (program) => {
      const products = await api.GET("/v1/programs/{program_id}/products", {
        params: { path: { program_id: program.id }, query: { limit: 200 } },
      });
      return {
        id: program.vendor_id,
        name: names.get(program.vendor_id) ?? "",
        program,
        products: (products.data?.items ?? []).filter((p) => p.active),
      };
    }),
  );
  return vendors.sort((a, b) => a.name.localeCompare(b.name));
}

export const INPUT_TYPES = {
  number: { type: "number", inputMode: "decimal" },
  date: { type: "date" },
  text: { type: "text" },
  email: { type: "email", inputMode: "email" },
} as const;

const choices = (field: ExtraField) =>
  (field.choices ?? []).map((c) => (typeof c === "string" ? { value: c, label: c } : c));

export function ExtraInput({
  field,
  value,
  error,
  onChange,
}: {
  field: ExtraField;
  value: Answer | undefined;
  error?: string;
  onChange: (value: Answer | undefined) => void;
}) {
  const label = field.required ? field.label : `${field.label} ${t("deal.optional")}`;
  if (field.type === "boolean") {
    return (
      <div class={error ? "field check invalid" : "field check"}>
        <label>
          <input
            type="checkbox"
            checked={value === true}
            onChange={(e) => onChange((e.currentTarget as HTMLInputElement).checked)}
          />
          {label}
        </label>
        {field.help && <span class="hint">{field.help}</span>}
        {error && <span class="field-error">{error}</span>}
      </div>
    );
  }
  return (
    <Field label={label} hint={field.help || undefined} error={error}>
      {(props) =>
        field.type === "choice" ? (
          <select
            {...props}
            value={value === undefined ? "" : String(value)}
            onChange={(e) => onChange((e.currentTarget as HTMLSelectElement).value || undefined)}
          >
            <option value="">{t("deal.choose")}</option>
            {choices(field).map((c) => (
              <option key={c.value} value={c.value}>
                {c.label}
              </option>
            ))}
          </select>
        ) : (
          <input
            {...props}
            {...INPUT_TYPES[field.type === "number" || field.type === "date" ? field.type : "text"]}
            value={value === undefined ? "" : String(value)}
            onInput={(e) => {
              const raw = (e.currentTarget as HTMLInputElement).value;
              onChange(raw === "" ? undefined : field.type === "number" ? Number(raw) : raw);
            }}
          />
        )
      }
    </Field>
  );
}

