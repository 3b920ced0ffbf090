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

/** A problem of a form: a 422 counts what to fix and lists the errors that name no field on the
 * screen (those that do are said on their field); any other problem as ProblemNote says it. */
export function FormProblem({ problem, shown }: { problem?: Problem; shown: Set<string> }) {
  if (problem?.status !== 422) return <ProblemNote problem={problem} />;
  const elsewhere = (problem.errors ?? []).filter((e) => !shown.has(e.pointer ?? ""));
  return (
    <div class="error" role="alert">
      <p>{t("deal.fix", { count: problem.errors?.length ?? 0 })}</p>
      {elsewhere.length > 0 && (
        <ul>
          {elsewhere.map((e) => (
            <li key={`${e.pointer}-${e.code}`}>{e.detail}</li>
          ))}
        </ul>
      )}
    </div>
  );
}
