/** Loading a screen's data: the answer, or the problem, or still waiting. */
import { useEffect, useState } from "preact/hooks";
import type { Problem } from "./api";
import { navigate } from "./router";

export type Loaded<T> = { data?: T; problem?: Problem; loading: boolean };

export function useLoad<T>(
  load: () => Promise<{ data?: T; error?: unknown; response: Response }>,
  deps: unknown[] = [],
): Loaded<T> & { reload: () => void } {
  const [state, setState] = useState<Loaded<T>>({ loading: true });
  const [round, setRound] = useState(0);
  useEffect(() => {
    let live = true;
    load().then(
      ({ data, error, response }) => {
        if (!live) return;
        if (response.status === 401) navigate("/", true);
        setState({ data, problem: error as Problem | undefined, loading: false });
      },
      () => live && setState({ loading: false, problem: offline() }),
    );
    return () => {
      live = false;
    };
  }, [...deps, round]);
  return { ...state, reload: () => setRound((n) => n + 1) };
}

export const offline = (): Problem => ({
  type: "about:blank",
  title: "offline",
  status: 0,
  detail: "",
});
