/**
 * What every request of the SDK goes through, outermost first:
 * 1. an `Idempotency-Key` for a POST that has none: the call is one logical action, and every
 *    retry below reuses its key (an action queued for later carries its own: outbox.ts);
 * 2. the ETag cache (etags.ts): conditional GETs, the last ETag of each resource;
 * 3. retries (retry.ts);
 * 4. the bearer token, read for each attempt (so a retry after a refresh sends the new one);
 *    a 401 refreshes once through `Auth` and sends the request again.
 */
import { type Auth } from "./auth.js";
import { NetworkError } from "./errors.js";
import { type EtagCache } from "./etags.js";
import { type RetryPolicy, withRetries } from "./retry.js";

export type Fetch = (request: Request) => Promise<Response>;

export interface TransportOptions {
  /** The signed-in person's session: its access token, refreshed as needed. */
  auth?: Auth;
  /** Or a token as it is (a machine client's), or a function that gives the current one. */
  token?: string | (() => string | Promise<string>);
  etags?: EtagCache;
  /** Retry settings, or false for none. */
  retry?: Partial<RetryPolicy> | false;
  /** Give POSTs without an Idempotency-Key one of their own (default true). */
  idempotencyKeys?: boolean;
  /** `Accept-Language` for every request (problems and labels follow it). */
  language?: string;
  fetch?: (request: Request) => Promise<Response>;
}

export function createTransport(options: TransportOptions = {}): Fetch {
  const base: Fetch = options.fetch ?? ((request) => globalThis.fetch(request));
  let send = authorize(answered(base), options);
  if (options.retry !== false) {
    send = withRetries(send, options.retry);
  }
  if (options.etags !== undefined) {
    send = options.etags.wrap(send);
  }
  const next = send;
  return async (request) => {
    if (options.language !== undefined && !request.headers.has("Accept-Language")) {
      request.headers.set("Accept-Language", options.language);
    }
    if (
      options.idempotencyKeys !== false &&
      request.method === "POST" &&
      !request.headers.has("Idempotency-Key")
    ) {
      request.headers.set("Idempotency-Key", crypto.randomUUID());
    }
    return next(request);
  };
}

/** A request that got no answer fails with a NetworkError (an aborted one as it was). */
function answered(send: Fetch): Fetch {
  return async (request) => {
    try {
      return await send(request);
    } catch (error) {
      throw request.signal.aborted || error instanceof NetworkError ? error : new NetworkError(error);
    }
  };
}

function authorize(send: Fetch, { auth, token }: TransportOptions): Fetch {
  if (auth === undefined && token === undefined) {
    return send;
  }
  const current = async () => {
    if (auth !== undefined) {
      return auth.accessToken();
    }
    return typeof token === "string" ? token : (token as () => string | Promise<string>)();
  };
  return async (request) => {
    let bearer: string;
    try {
      bearer = await current();
    } catch (error) {
      // A refresh that got no answer (fetch fails with a TypeError) is the network's fault.
      throw error instanceof TypeError ? new NetworkError(error) : error;
    }
    const again = auth === undefined ? undefined : request.clone();
    request.headers.set("Authorization", `Bearer ${bearer}`);
    const response = await send(request);
    if (response.status !== 401 || auth === undefined || again === undefined) {
      await again?.body?.cancel();
      return response;
    }
    // The token may have been revoked or expired early: one refresh, one more try. A refresh
    // refused signs the person out (Auth's onSignedOut), and the 401 goes back as it was.
    let refreshed: string;
    try {
      refreshed = (await auth.refresh(bearer)).accessToken;
    } catch {
      await again.body?.cancel();
      return response;
    }
    await response.body?.cancel();
    again.headers.set("Authorization", `Bearer ${refreshed}`);
    return send(again);
  };
}
