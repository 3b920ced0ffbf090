/**
 * The dealreg API for TypeScript: `paths` and `components` are generated from
 * openapi/openapi.json by openapi-typescript (`npm run generate`, its default options), and
 * calls go through openapi-fetch, typed by them, over the SDK's transport (transport.ts):
 * the bearer token and its refresh, retries, idempotency keys and the ETag cache.
 */
import createClient, { type Client, type ClientOptions } from "openapi-fetch";
import type { components, paths } from "./schema";
import { createTransport, type TransportOptions } from "./transport.js";

export type { components, operations, paths } from "./schema";

/** The API's schemas by name: `Schemas["DealInput"]` is what `POST /v1/deals` takes. */
export type Schemas = components["schemas"];

/** An RFC 9457 problem, the body of every error answer. */
export type Problem = Schemas["Problem"];

export type DealregClient = Client<paths>;

export interface DealregClientOptions extends Omit<ClientOptions, "fetch">, TransportOptions {
  /** Where the API is, e.g. `https://dealreg.example.com`. */
  baseUrl: string;
}

/**
 * A client for the dealreg API. With `auth` (a signed-in person) or `token` (a string, or a
 * function called for every request) it sends `Authorization: Bearer <token>` on every call.
 */
export function createDealregClient(options: DealregClientOptions): DealregClient {
  const { auth, token, etags, retry, idempotencyKeys, language, fetch, ...rest } = options;
  const transport = createTransport({ auth, token, etags, retry, idempotencyKeys, language, fetch });
  return createClient<paths>({ ...rest, fetch: transport });
}

export {
  NetworkError,
  PROBLEM_TYPE_PREFIX,
  ProblemError,
  ok,
  problemFromBody,
  problemFromResponse,
  retryAfterSeconds,
  type FieldIssue,
  type ProblemBody,
} from "./errors.js";
export {
  Auth,
  MemoryTokenStore,
  SignedOutError,
  type AuthOptions,
  type AuthorizationServerMetadata,
  type PendingSignIn,
  type TokenSet,
  type TokenStore,
} from "./auth.js";
export {
  WebStorageOutboxStore,
  WebStorageSyncStore,
  WebStorageTokenStore,
  type KeyValueStorage,
  type LockManagerLike,
} from "./browser.js";
export {
  completeRedirectSignIn,
  sessionPendingStore,
  signInWithRedirect,
  type PendingStore,
} from "./redirect.js";
export {
  DEFAULT_RETRY_POLICY,
  isRepeatable,
  withRetries,
  type RetryEvent,
  type RetryPolicy,
} from "./retry.js";
export { EtagCache, MemoryEtagStore, type CachedAnswer, type EtagStore } from "./etags.js";
export { createTransport, type Fetch, type TransportOptions } from "./transport.js";
export {
  MemoryOutboxStore,
  Outbox,
  type ActionInput,
  type ActionStatus,
  type FlushResult,
  type OutboxOptions,
  type OutboxStore,
  type QueuedAction,
} from "./outbox.js";
export {
  BEGINNING,
  MemorySyncStore,
  deltaSync,
  type SyncItem,
  type SyncOptions,
  type SyncResult,
  type SyncStore,
} from "./sync.js";
