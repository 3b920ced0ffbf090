/** The API client the screens use: the SDK's client on this origin (its transport retries with
 * backoff honouring Retry-After, gives each POST an Idempotency-Key unless the caller kept one),
 * with the current access token and the app's language on every request. */
import { createDealregClient, createTransport, type Fetch, type Problem, type Schemas } from "@dealreg/client";
import { accessToken } from "./auth";
import { i18n } from "./i18n";

export type { Problem, Schemas };

export const api = createDealregClient({ baseUrl: location.origin, token: accessToken });
api.use({
  onRequest({ request }) {
    request.headers.set("Accept-Language", i18n.language);
    return request;
  },
});

/** The same transport for the SDK's delta sync and outbox, which build their own requests. */
const transport = createTransport({ token: accessToken });
export const send: Fetch = (request) => {
  request.headers.set("Accept-Language", i18n.language);
  return transport(request);
};

/** A fresh Idempotency-Key for one logical action (kept by the caller across its retries). */
export const idempotencyKey = (): string => crypto.randomUUID();

/** A problem's field errors by JSON Pointer, `/opportunity/title` → its detail. */
export function fieldErrors(problem: Problem | undefined): Map<string, string> {
  const found = new Map<string, string>();
  for (const error of problem?.errors ?? []) {
    const pointer = error.pointer ?? "";
    const previous = found.get(pointer);
    found.set(pointer, previous ? `${previous} ${error.detail}` : error.detail);
  }
  return found;
}
