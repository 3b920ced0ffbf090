import type { Problem } from "../api";
import { t } from "../i18n";

/** A problem the server (or the network) answered, said once at the top of a screen. */
export function ProblemNote({ problem }: { problem?: Problem }) {
  if (!problem) return null;
  return (
    <p class="error" role="alert">
      {problem.status === 0 ? t("offline") : `${problem.title}. ${problem.detail}`}
    </p>
  );
}
