/**
 * Sign-in through dealreg's authorization server (authorization code + PKCE, RFC 7636), the
 * tokens kept in this origin's localStorage, the access token refreshed (with rotation: each
 * refresh token is spent once) shortly before it lapses.
 *
 * The app is served by the API's own origin, so the server is `location.origin` and the app is
 * the first-party public client `dealreg-app`, whose redirect URI the server registers itself.
 * This stays until the SDK's hand-written sign-in lands (branch `sdk`), then that replaces it.
 */
export const CLIENT_ID = "dealreg-app";
const TOKENS = "dealreg.tokens";
const FLOW = "dealreg.flow";
// Refresh this long before expiry, so a request in flight never carries a lapsed token.
const EARLY_MS = 60_000;

interface Tokens {
  access: string;
  refresh: string;
  expiresAt: number;
}

interface Flow {
  state: string;
  verifier: string;
  back: string;
}

export const redirectUri = (): string => `${location.origin}/app/callback`;

function random(bytes: number): string {
  return base64url(crypto.getRandomValues(new Uint8Array(bytes)));
}

function base64url(bytes: Uint8Array): string {
  let text = "";
  for (const byte of bytes) text += String.fromCharCode(byte);
  return btoa(text).replace(/\+/g, "-").replace(/\//g, "_").replace(/=+$/, "");
}

function stored(): Tokens | null {
  const raw = localStorage.getItem(TOKENS);
  return raw ? (JSON.parse(raw) as Tokens) : null;
}

function keep(answer: { access_token: string; refresh_token: string; expires_in: number }): void {
  const tokens: Tokens = {
    access: answer.access_token,
    refresh: answer.refresh_token,
    expiresAt: Date.now() + answer.expires_in * 1000,
  };
  localStorage.setItem(TOKENS, JSON.stringify(tokens));
}

export const signedIn = (): boolean => stored() !== null;

/** Off to the sign-in page; `back` is the app's path to return to. */
export async function signIn(back: string): Promise<void> {
  const flow: Flow = { state: random(24), verifier: random(48), back };
  sessionStorage.setItem(FLOW, JSON.stringify(flow));
  const digest = await crypto.subtle.digest("SHA-256", new TextEncoder().encode(flow.verifier));
  const query = new URLSearchParams({
    response_type: "code",
    client_id: CLIENT_ID,
    redirect_uri: redirectUri(),
    code_challenge: base64url(new Uint8Array(digest)),
    code_challenge_method: "S256",
    state: flow.state,
  });
  location.assign(`/oauth/authorize?${query}`);
}

export class SignInFailed extends Error {}

/** At /app/callback: the code exchanged for tokens; answers the path to go back to. */
export async function finishSignIn(search: string): Promise<string> {
  const params = new URLSearchParams(search);
  const flow = JSON.parse(sessionStorage.getItem(FLOW) ?? "null") as Flow | null;
  sessionStorage.removeItem(FLOW);
  if (params.get("error")) throw new SignInFailed(params.get("error_description") ?? params.get("error") ?? "");
  const code = params.get("code");
  if (!flow || !code || params.get("state") !== flow.state) throw new SignInFailed("state");
  await token({
    grant_type: "authorization_code",
    client_id: CLIENT_ID,
    code,
    redirect_uri: redirectUri(),
    code_verifier: flow.verifier,
  });
  return flow.back;
}

async function token(form: Record<string, string>): Promise<void> {
  const response = await fetch("/v1/oauth/token", {
    method: "POST",
    headers: { "Content-Type": "application/x-www-form-urlencoded" },
    body: new URLSearchParams(form),
  });
  if (!response.ok) throw new SignInFailed(String(response.status));
  keep(await response.json());
}

let refreshing: Promise<void> | null = null;

/** The current access token, refreshed first when it is about to lapse (one refresh at a
 * time: two at once would spend the same refresh token twice, which ends the session). */
export async function accessToken(): Promise<string> {
  const tokens = stored();
  if (!tokens) throw new SignInFailed("signed out");
  if (tokens.expiresAt - EARLY_MS > Date.now()) return tokens.access;
  refreshing ??= token({
    grant_type: "refresh_token",
    client_id: CLIENT_ID,
    refresh_token: tokens.refresh,
  })
    .catch((error: unknown) => {
      // A refusal (spent, lapsed, revoked) signs out; a network error keeps the tokens to retry.
      if (error instanceof SignInFailed) localStorage.removeItem(TOKENS);
      throw error;
    })
    .finally(() => {
      refreshing = null;
    });
  await refreshing;
  return stored()?.access ?? "";
}

export async function signOut(): Promise<void> {
  const tokens = stored();
  localStorage.removeItem(TOKENS);
  if (tokens) {
    await fetch("/v1/oauth/revoke", {
      method: "POST",
      headers: { "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ token: tokens.refresh, client_id: CLIENT_ID }),
    }).catch(() => undefined);
  }
}
