import { api, type Schemas } from "../api";
import { money, instant } from "../format";
import { t } from "../i18n";
import { useLoad } from "../load";
import { keepHome, keptHome } from "../offline";
import { follow } from "../router";
import { keepVendorNames } from "../vendorNames";
import { Totals } from "./Earnings";
import { LeadRow } from "./LeadRow";
import { ProblemNote } from "./ProblemNote";

type Row = Schemas["RegistrationRow"];

export function SlaBadge({ row }: { row: Row }) {
  const state = row.sla?.state;
  if (!state) return <span class={`badge status-${row.status}`}>{t(`status.${row.status}`)}</span>;
  return (
    <span class={`badge sla-${state}`}>
      {t(`sla.${state}`)}
      {row.sla?.next_due_at && state !== "paused" && state !== "stopped" && (
        <span class="due"> · {t("sla.due", { when: instant(row.sla.next_due_at) })}</span>
      )}
    </span>
  );
}

export function Home() {
  const home = useLoad(() => api.GET("/v1/me/home"));
  // Offline, the last answer this phone kept, said to be so.
  const stale = !home.data && home.problem?.status === 0 ? keptHome() : null;
  const data = home.data ?? stale;
  if (home.data) keepHome(home.data);
  const vendor = new Map((data?.vendors ?? []).map((v) => [v.id, v.name]));
  if (data) keepVendorNames(data.vendors);
  return (
    <>
      <div class="heading">
        <h1>{t("home.title")}</h1>
        <a class="button primary" href="/app/deals/new" onClick={(e) => follow(e, "/deals/new")}>
          {t("home.new_deal")}
        </a>
      </div>
      {stale ? (
        <p class="note" role="status">
          {t("saved_copy")}
        </p>
      ) : (
        <ProblemNote problem={home.problem} />
      )}
      {home.loading && <p role="status">{t("loading")}</p>}
      {data && (
        <>
          <section aria-labelledby="open-heading">
            <h2 id="open-heading">{t("home.open", { count: data.registrations.length })}</h2>
            {data.registrations.length === 0 ? (
              <p class="empty">{t("home.no_open")}</p>
            ) : (
              <ul class="rows">
                {data.registrations.map((row) => (
                  <li key={row.id}>
                    <a
                      class="row"
                      href={`/app/registrations/${row.id}`}
                      onClick={(e) => follow(e, `/registrations/${row.id}`)}
                    >
                      <span class="row-title">
                        {row.customer_name} · {vendor.get(row.vendor_id) ?? ""}
                      </span>
                      <span class="row-meta">
                        {row.number} · {money(row.amount, row.currency)}
                      </span>
                      <SlaBadge row={row} />
                      {row.open_question && <span class="question">{t("home.question")}</span>}
                    </a>
                  </li>
                ))}
              </ul>
            )}
          </section>
          <section aria-labelledby="leads-heading">
            <h2 id="leads-heading">{t("home.leads", { count: data.leads.length })}</h2>
            {data.leads.length === 0 ? (
              <p class="empty">{t("home.no_leads")}</p>
            ) : (
              <ul class="rows">
                {data.leads.map((lead) => (
                  <LeadRow
                    key={lead.id}
                    lead={lead}
                    vendor={vendor.get(lead.vendor_id) ?? ""}
                    done={home.reload}
                  />
                ))}
              </ul>
            )}
          </section>
          <section aria-labelledby="earnings-heading">
            <h2 id="earnings-heading">{t("home.earnings")}</h2>
            {data.earnings.length === 0 ? (
              <p class="empty">{t("home.no_earnings")}</p>
            ) : (
              <Totals totals={data.earnings} />
            )}
          </section>
        </>
      )}
    </>
  );
}
