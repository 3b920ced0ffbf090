/**
 * Retries with backoff for a phone on a flaky network: a request that got no answer, a 409
 * "idempotency key in use" (the first attempt is still running), a 429 and a 503 are tried
 * again, after the answer's `Retry-After` when it gives one (plus a little jitter, so that
 * clients told the same second do not all come back at once), else after an exponential
 * backoff with full jitter.
 *
 * Only a request that is safe to repeat is retried: GET, HEAD, OPTIONS, PUT and DELETE, and a
 * POST or PATCH that carries an `Idempotency-Key` (the server answers its repeat with the first
 * answer). A POST without a key is never sent twice: its error goes back to the caller.
 * A `Retry-After` longer than `maxRetryAfterMs` is not waited for: the answer goes back (an app
 * keeps the action queued rather than hold a screen for minutes).
 */
import { NetworkError, retryAfterSeconds } from "./errors.js";

export interface RetryPolicy {
  /** Retries after the first attempt (default 4). */
  retries: number;
  /** The first backoff's ceiling; each retry doubles it (default 300 ms). */
  baseDelayMs: number;
  maxDelayMs: number;
  /** The longest `Retry-After` waited for (default 30 s). */
  maxRetryAfterMs: number;
  random: () => number;
  sleep: (ms: number, signal?: AbortSignal) => Promise<void>;
  onRetry?: (retry: RetryEvent) => void;
}

export interface RetryEvent {
  request: Request;
  /** 1 for the first retry. */
  attempt: number;
  /** The status that caused it, or "network" when no answer came. */
  cause: number | "network";
  delayMs: number;
  /** What the answer's Retry-After asked for, in ms. */
  retryAfterMs: number | null;
}

export const DEFAULT_RETRY_POLICY: RetryPolicy = {
  retries: 4,
  baseDelayMs: 300,
  maxDelayMs: 10_000,
  maxRetryAfterMs: 30_000,
  random: Math.random,
  sleep,
};

const IN_FLIGHT_TYPE = "https://dealreg.dev/problems/idempotency-key-in-use";
const REPEATABLE_METHODS = new Set(["GET", "HEAD", "OPTIONS", "PUT", "DELETE"]);

/** Whether sending `request` twice does what sending it once does. */
export function isRepeatable(request: Request): boolean {
  return REPEATABLE_METHODS.has(request.method) || request.headers.has("Idempotency-Key");
}

type Fetch = (request: Request) => Promise<Response>;

/**
 * `send` with retries by `policy`; `send` fails with a NetworkError when no answer came
 * (createTransport sees to it), and any other error is not retried.
 */
export function withRetries(send: Fetch, overrides: Partial<RetryPolicy> = {}): Fetch {
  const policy = { ...DEFAULT_RETRY_POLICY, ...overrides };
  return async (request) => {
    const repeatable = isRepeatable(request);
    for (let attempt = 0; ; attempt++) {
      const last = attempt >= policy.retries || !repeatable;
      let response: Response;
      try {
        response = await send(last ? request : request.clone());
      } catch (error) {
        // Only a request that got no answer is tried again (not a sign-in that is over).
        if (request.signal.aborted || last || !(error instanceof NetworkError)) {
          throw error;
        }
        const delayMs = backoff(policy, attempt);
        policy.onRetry?.({ request, attempt: attempt + 1, cause: "network", delayMs, retryAfterMs: null });
        await policy.sleep(delayMs, request.signal);
        continue;
      }
      if (last || !(await isTransient(response))) {
        return response;
      }
      const asked = retryAfterSeconds(response);
      const retryAfterMs = asked === null ? null : asked * 1000;
      if (retryAfterMs !== null && retryAfterMs > policy.maxRetryAfterMs) {
        return response;
      }
      const delayMs =
        retryAfterMs === null
          ? backoff(policy, attempt)
          : retryAfterMs + policy.random() * Math.min(1000, policy.baseDelayMs + retryAfterMs / 5);
      policy.onRetry?.({ request, attempt: attempt + 1, cause: response.status, delayMs, retryAfterMs });
      await response.body?.cancel();
      await policy.sleep(delayMs, request.signal);
    }
  };
}

async function isTransient(response: Response): Promise<boolean> {
  if (response.status === 429 || response.status === 503) {
    return true;
  }
  if (response.status !== 409) {
    return false;
  }
  // Only this 409 is transient: the others (an illegal transition, a duplicate) stay as they are.
  try {
    const problem = (await response.clone().json()) as { type?: unknown };
    return problem.type === IN_FLIGHT_TYPE;
  } catch {
    return false;
  }
}

/** Full jitter (AWS's "Exponential Backoff and Jitter"): uniform in [0, min(cap, base·2^n)]. */
function backoff(policy: RetryPolicy, attempt: number): number {
  return policy.random() * Math.min(policy.maxDelayMs, policy.baseDelayMs * 2 ** attempt);
}

function sleep(ms: number, signal?: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    if (signal?.aborted) {
      reject(signal.reason);
      return;
    }
    const timer = setTimeout(resolve, ms);
    signal?.addEventListener(
      "abort",
      () => {
        clearTimeout(timer);
        reject(signal.reason);
      },
      { once: true },
    );
  });
}
