import type { QueuedAction } from "@dealreg/client";
import { t } from "../i18n";
import { outbox } from "../offline";

/** Actions of the outbox not yet taken by the server: waiting for the network, or refused (with
 * the server's reason, and a way to let go of them). */
export function Pending({ actions }: { actions: QueuedAction[] }) {
  if (actions.length === 0) return null;
  return (
    <ul class="pending" aria-label={t("pending.title")}>
      {actions.map((action) =>
        action.status === "failed" ? (
          <li key={action.id} class="error">
            {t("pending.failed", { what: action.label })} {action.problem?.detail}
            <button type="button" onClick={() => void outbox.forget(action.id)}>
              {t("pending.dismiss")}
            </button>
          </li>
        ) : (
          <li key={action.id} class="waiting">
            {t("pending.waiting", { what: action.label })}
          </li>
        ),
      )}
    </ul>
  );
}
