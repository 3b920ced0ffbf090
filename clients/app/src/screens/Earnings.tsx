/** What the rep earned: totals by status, then by deal, each entry with its milestone and status. */
import { api, type Schemas } from "../api";
import { day, money } from "../format";
import { t } from "../i18n";
import { useLoad } from "../load";
import { follow } from "../router";
import { ProblemNote } from "./ProblemNote";

/** Totals by status and currency, as the home screen and this one show them. */
export function Totals({ totals }: { totals: Schemas["Total"][] }) {
  return (
    <dl class="totals">
      {totals.map((total) => (
        <div key={`${total.status}-${total.currency}`}>
          <dt>{t(`earning.${total.status}`)}</dt>
          <dd>{money(total.amount, total.currency)}</dd>
        </div>
      ))}
    </dl>
  );
}

/** One earning: the milestone, when, how much, and where the money is. */
export function EarningLine({ entry }: { entry: Schemas["EarningView"] }) {
  return (
    <li>
      <span>
        {t(`milestone.${entry.milestone}`)}
        {entry.entry === "reversal" && ` (${t("earning.reversed")})`}
      </span>
      <span class="amount">{money(entry.amount, entry.currency)}</span>
      <span class="row-meta">
        {day(entry.earned_at.slice(0, 10))} · {t(`earning.${entry.status}`)}
      </span>
    </li>
  );
}

export function Earnings() {
  const mine = useLoad(() => api.GET("/v1/me/earnings", { params: { query: { limit: 50 } } }));
  const data = mine.data;
  return (
    <>
      <h1>{t("earnings.title")}</h1>
      <ProblemNote problem={mine.problem} />
      {mine.loading && <p role="status">{t("loading")}</p>}
      {data && (
        <>
          {data.totals.length === 0 ? <p class="empty">{t("earnings.none")}</p> : <Totals totals={data.totals} />}
          <h2>{t("earnings.by_deal")}</h2>
          <ul class="rows">
            {data.deals.map((deal) => (
              <li key={deal.deal_id} class="row">
                {deal.entries[0] ? (
                  <a
                    class="row-title row-link"
                    href={`/app/registrations/${deal.entries[0].registration_id}`}
                    onClick={(e) => follow(e, `/registrations/${deal.entries[0]!.registration_id}`)}
                  >
                    {deal.customer_name}
                  </a>
                ) : (
                  <span class="row-title">{deal.customer_name}</span>
                )}
                <span class="row-meta">
                  {t("earnings.deal_earned", {
                    title: deal.title,
                    amount: deal.net.map((n) => money(n.amount, n.currency)).join(" + "),
                  })}
                </span>
                <ul class="entries">
                  {deal.entries.map((entry) => (
                    <EarningLine key={entry.id} entry={entry} />
                  ))}
                </ul>
              </li>
            ))}
          </ul>
        </>
      )}
    </>
  );
}
