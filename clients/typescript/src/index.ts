/**
 * The dealreg API for TypeScript: `paths` and `components` are generated from
 * openapi/openapi.json by openapi-typescript (`npm run generate`, its default options), and
 * calls go through openapi-fetch, typed by them.
 */
import createClient, { type Client, type ClientOptions, type Middleware } from "openapi-fetch";
import type { components, paths } from "./schema";

export type { components, operations, paths } from "./schema";

/** The API's schemas by name: `Schemas["DealInput"]` is what `POST /v1/deals` takes. */
export type Schemas = components["schemas"];

/** An RFC 9457 problem, the body of every error answer. */
export type Problem = Schemas["Problem"];

export interface DealregClientOptions extends ClientOptions {
  /** Where the API is, e.g. `https://dealreg.example.com`. */
  baseUrl: string;
  /**
   * The access token (a JWT from the sign-in flow or `POST /v1/oauth/token`), or a function
   * that gives the current one: it is called for every request, so a refreshed token is used
   * as soon as there is one.
   */
  token?: string | (() => string | Promise<string>);
}

/** A client for the dealreg API that sends `Authorization: Bearer <token>` on every call. */
export function createDealregClient({ token, ...options }: DealregClientOptions): Client<paths> {
  const client = createClient<paths>(options);
  if (token !== undefined) {
    const bearer: Middleware = {
      async onRequest({ request }) {
        const current = typeof token === "string" ? token : await token();
        request.headers.set("Authorization", `Bearer ${current}`);
        return request;
      },
    };
    client.use(bearer);
  }
  return client;
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
  type PendingSignIn,
  type TokenSet,
  type TokenStore,
} from "./auth.js";
export {
  completeRedirectSignIn,
  sessionPendingStore,
  signInWithRedirect,
  type PendingStore,
} from "./redirect.js";
