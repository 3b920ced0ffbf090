/**
 * Signing a person in to dealreg's own authorization server: authorization code with PKCE
 * (S256) for the public client (`dealreg-app` on the demo), the tokens kept behind a small
 * store, refreshed with rotation, and revoked at sign-out.
 *
 * The protocol is oauth4webapi's (RFC 6749, 7636, 7009, 8414 and OAuth 2.1's rules, checked by
 * a library kept for exactly that): nothing here builds a PKCE pair or parses a redirect itself.
 * What is here is the part every app gets wrong:
 * - the refresh token is rotated on every use, and the old one presented again ends the whole
 *   session (reuse detection). So the new pair is saved in one `save` call, concurrent callers
 *   share one refresh, and a store shared between tabs can serialise refreshes with `withLock`
 *   (the tab that waited then finds the pair already rotated and uses it);
 * - a refresh refused (`invalid_grant`: expired, revoked, or the session ended by a reuse) signs
 *   the person out locally, once, and says so through `onSignedOut`;
 * - the token endpoint's errors are problems too (in `application/json`, as RFC 6749 §5.2 has
 *   it, with its `error` member): they become `ProblemError`s like every other answer of the API.
 *
 * The browser's redirect flow is `beginSignIn` (keep the returned `PendingSignIn`, e.g. in
 * sessionStorage, then go to its `url`) and `completeSignIn` on the callback page; the node
 * loopback flow is in loopback.ts.
 */
import * as oauth from "oauth4webapi";

import { problemFromResponse, ProblemError } from "./errors.js";

/** An authorization server's metadata (RFC 8414), as `discover` read it. */
export type AuthorizationServerMetadata = oauth.AuthorizationServer;

/** What a sign-in gives: kept by a `TokenStore` as one value. */
export interface TokenSet {
  accessToken: string;
  refreshToken: string | null;
  /** When the access token expires, in milliseconds since the epoch. */
  expiresAt: number;
  scope: string | null;
}

/**
 * Where the tokens live. `save` replaces the whole set at once (null: signed out), so a rotated
 * refresh token is never stored apart from its access token. A store shared by several tabs or
 * processes may give `withLock` (the Web Locks API's `navigator.locks.request` fits) so that one
 * refresh runs at a time across them.
 */
export interface TokenStore {
  load(): Promise<TokenSet | null>;
  save(tokens: TokenSet | null): Promise<void>;
  withLock?<T>(run: () => Promise<T>): Promise<T>;
}

/** Tokens in this process's memory: gone with the page or process. */
export class MemoryTokenStore implements TokenStore {
  private tokens: TokenSet | null = null;

  async load(): Promise<TokenSet | null> {
    return this.tokens;
  }

  async save(tokens: TokenSet | null): Promise<void> {
    this.tokens = tokens;
  }
}

/** A sign-in under way: kept between leaving for the authorization page and coming back. */
export interface PendingSignIn {
  url: string;
  redirectUri: string;
  state: string;
  codeVerifier: string;
}

export interface AuthOptions {
  /** The authorization server's issuer, e.g. `https://dealreg.example.com` (its metadata's). */
  issuer: string;
  /** The app's client id (`dealreg-app` on the demo). */
  clientId: string;
  store?: TokenStore;
  /** Refresh this long before the access token expires (default 30 s). */
  refreshMarginMs?: number;
  /** Called once when the session is over without a sign-out here (a refresh was refused). */
  onSignedOut?: (reason: ProblemError) => void;
  /** Allow `http:` (a demo on loopback); never in production. */
  allowHttp?: boolean;
  fetch?: typeof fetch;
}

/** The signed-in person's session, ended: sign in again. */
export class SignedOutError extends Error {
  constructor(message = "not signed in") {
    super(message);
    this.name = "SignedOutError";
  }
}

export class Auth {
  readonly store: TokenStore;
  private readonly client: oauth.Client;
  private readonly clientAuth = oauth.None();
  private readonly refreshMarginMs: number;
  private refreshing: Promise<TokenSet> | null = null;

  private constructor(
    private readonly server: oauth.AuthorizationServer,
    private readonly options: AuthOptions,
  ) {
    this.client = { client_id: options.clientId };
    this.store = options.store ?? new MemoryTokenStore();
    this.refreshMarginMs = options.refreshMarginMs ?? 30_000;
  }

  /** Reads the server's metadata (RFC 8414, `/.well-known/oauth-authorization-server`). */
  static async discover(options: AuthOptions): Promise<Auth> {
    const issuer = new URL(options.issuer);
    const response = await oauth.discoveryRequest(issuer, {
      algorithm: "oauth2",
      ...requestOptions(options),
    });
    if (!response.ok) {
      throw await problemFromResponse(response);
    }
    const server = await oauth.processDiscoveryResponse(issuer, response);
    return new Auth(server, options);
  }

  /**
   * From metadata `discover` read before (`auth.metadata`, kept as JSON): no request, so an app
   * opened offline still reads its kept tokens, and refreshes once the network is back.
   */
  static fromMetadata(metadata: AuthorizationServerMetadata, options: AuthOptions): Auth {
    if (new URL(metadata.issuer).href !== new URL(options.issuer).href) {
      throw new Error(`metadata of ${metadata.issuer}, not of ${options.issuer}`);
    }
    return new Auth(metadata, options);
  }

  /** The authorization server's metadata, to keep for `fromMetadata`. */
  get metadata(): AuthorizationServerMetadata {
    return this.server;
  }

  /** Where to send the browser to sign in, with what to keep until it comes back. */
  async beginSignIn(redirectUri: string, scope?: string): Promise<PendingSignIn> {
    const codeVerifier = oauth.generateRandomCodeVerifier();
    const state = oauth.generateRandomState();
    const endpoint = this.server.authorization_endpoint;
    if (endpoint === undefined) {
      throw new Error("the authorization server has no authorization endpoint");
    }
    const url = new URL(endpoint);
    url.searchParams.set("response_type", "code");
    url.searchParams.set("client_id", this.client.client_id);
    url.searchParams.set("redirect_uri", redirectUri);
    url.searchParams.set("code_challenge", await oauth.calculatePKCECodeChallenge(codeVerifier));
    url.searchParams.set("code_challenge_method", "S256");
    url.searchParams.set("state", state);
    if (scope !== undefined) {
      url.searchParams.set("scope", scope);
    }
    return { url: url.href, redirectUri, state, codeVerifier };
  }

  /**
   * The callback: checks its `state` (and an `error` the server sent back), trades the code for
   * tokens and saves them.
   */
  async completeSignIn(callbackUrl: string | URL, pending: PendingSignIn): Promise<TokenSet> {
    const params = oauth.validateAuthResponse(
      this.server,
      this.client,
      new URL(callbackUrl),
      pending.state,
    );
    const response = await oauth.authorizationCodeGrantRequest(
      this.server,
      this.client,
      this.clientAuth,
      params,
      pending.redirectUri,
      pending.codeVerifier,
      requestOptions(this.options),
    );
    const tokens = tokenSet(
      await this.processTokens(response, oauth.processAuthorizationCodeResponse),
    );
    await this.store.save(tokens);
    return tokens;
  }

  /** The current access token, refreshed first when it is about to expire. */
  async accessToken(): Promise<string> {
    const tokens = await this.store.load();
    if (tokens === null) {
      throw new SignedOutError();
    }
    if (tokens.expiresAt - this.refreshMarginMs > Date.now()) {
      return tokens.accessToken;
    }
    return (await this.refresh(tokens.accessToken)).accessToken;
  }

  /**
   * New tokens for the refresh token kept. Callers at the same time share one request; `stale`
   * (the access token a caller saw refused or expiring) lets a caller that comes after another's
   * refresh take the new tokens instead of rotating again.
   */
  refresh(stale?: string): Promise<TokenSet> {
    this.refreshing ??= this.locked(() => this.rotate(stale)).finally(() => {
      this.refreshing = null;
    });
    return this.refreshing;
  }

  /** Revokes the refresh token (which ends the session's tokens) and forgets them here. */
  async signOut(): Promise<void> {
    const tokens = await this.store.load();
    await this.store.save(null);
    const token = tokens?.refreshToken ?? tokens?.accessToken;
    if (token === undefined) {
      return;
    }
    const response = await oauth.revocationRequest(
      this.server,
      this.client,
      this.clientAuth,
      token,
      requestOptions(this.options),
    );
    if (!response.ok) {
      throw await problemFromResponse(response);
    }
    await oauth.processRevocationResponse(response);
  }

  private locked<T>(run: () => Promise<T>): Promise<T> {
    return this.store.withLock ? this.store.withLock(run) : run();
  }

  private async rotate(stale: string | undefined): Promise<TokenSet> {
    // Read under the lock: another tab may have rotated the pair while this one waited.
    const tokens = await this.store.load();
    if (tokens === null) {
      throw new SignedOutError();
    }
    const rotatedElsewhere =
      stale !== undefined && tokens.accessToken !== stale && tokens.expiresAt > Date.now();
    if (rotatedElsewhere) {
      return tokens;
    }
    if (tokens.refreshToken === null) {
      await this.store.save(null);
      throw new SignedOutError("the session has expired and cannot be refreshed");
    }
    const response = await oauth.refreshTokenGrantRequest(
      this.server,
      this.client,
      this.clientAuth,
      tokens.refreshToken,
      requestOptions(this.options),
    );
    let answer: oauth.TokenEndpointResponse;
    try {
      answer = await this.processTokens(response, oauth.processRefreshTokenResponse);
    } catch (error) {
      if (error instanceof ProblemError && error.status === 400) {
        // invalid_grant: expired, revoked, or reused (the server has ended the session).
        await this.store.save(null);
        this.options.onSignedOut?.(error);
      }
      throw error;
    }
    const rotated = tokenSet(answer, tokens.refreshToken);
    await this.store.save(rotated);
    return rotated;
  }

  private async processTokens(
    response: Response,
    process: (
      server: oauth.AuthorizationServer,
      client: oauth.Client,
      response: Response,
    ) => Promise<oauth.TokenEndpointResponse>,
  ): Promise<oauth.TokenEndpointResponse> {
    // The server's errors are problems: read as every other answer of the API, so that a caller
    // meets one kind of error (with RFC 6749's `error` among its members), not oauth4webapi's.
    if (!response.ok) {
      throw await problemFromResponse(response);
    }
    return process(this.server, this.client, response);
  }
}

function tokenSet(answer: oauth.TokenEndpointResponse, previousRefresh?: string): TokenSet {
  return {
    accessToken: answer.access_token,
    // A server that does not rotate keeps the refresh token it was given.
    refreshToken: answer.refresh_token ?? previousRefresh ?? null,
    expiresAt: Date.now() + (answer.expires_in ?? 0) * 1000,
    scope: answer.scope ?? null,
  };
}

interface RequestOptions {
  [oauth.allowInsecureRequests]?: boolean;
  [oauth.customFetch]?: (url: string, init: RequestInit) => Promise<Response>;
}

function requestOptions(options: AuthOptions): RequestOptions {
  const custom = options.fetch;
  return {
    ...(options.allowHttp ? { [oauth.allowInsecureRequests]: true } : {}),
    ...(custom ? { [oauth.customFetch]: (url: string, init: RequestInit) => custom(url, init) } : {}),
  };
}
