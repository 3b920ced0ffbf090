/**
 * Signing in through the SDK (clients/typescript: oauth4webapi's code + PKCE, rotation, reuse
 * detection, revocation): the app is the first-party public client `dealreg-app` on the origin
 * that serves it, which is the API's and the issuer's (the server registers its callback).
 *
 * The tokens live in this origin's localStorage so a phone stays signed in across restarts of
 * the installed app; refreshes are serialised across tabs with the Web Locks API, as a rotated
 * refresh token presented twice would end the session.
 */
import {
  Auth,
  completeRedirectSignIn,
  signInWithRedirect,
  type TokenSet,
  type TokenStore,
} from "@dealreg/client";

export const CLIENT_ID = "dealreg-app";
const TOKENS = "dealreg.tokens";
const BACK = "dealreg.back";

export const redirectUri = (): string => `${location.origin}/app/callback`;

class LocalTokenStore implements TokenStore {
  async load(): Promise<TokenSet | null> {
    const kept = localStorage.getItem(TOKENS);
    return kept === null ? null : (JSON.parse(kept) as TokenSet);
  }

  async save(tokens: TokenSet | null): Promise<void> {
    if (tokens === null) localStorage.removeItem(TOKENS);
    else localStorage.setItem(TOKENS, JSON.stringify(tokens));
  }

  withLock<T>(run: () => Promise<T>): Promise<T> {
    // `request` resolves to what the callback's promise resolves to; its type says Promise<T>.
    return navigator.locks ? (navigator.locks.request(TOKENS, run) as unknown as Promise<T>) : run();
  }
}

let discovered: Promise<Auth> | null = null;

/** The authorization server's metadata is read on first need (not at start: offline, the app
 * still opens), once per page. */
export function authority(): Promise<Auth> {
  if (discovered) return discovered;
  const discovering = Auth.discover({
    issuer: location.origin,
    clientId: CLIENT_ID,
    store: new LocalTokenStore(),
    // Plain http only where browsers allow the app at all: loopback (a phone needs https).
    allowHttp: location.protocol === "http:",
  }).catch((error: unknown) => {
    discovered = null;
    throw error;
  });
  discovered = discovering;
  return discovering;
}

export const signedIn = (): boolean => localStorage.getItem(TOKENS) !== null;

/** Off to the sign-in page; `back` is the app's path to return to. */
export async function signIn(back: string): Promise<void> {
  sessionStorage.setItem(BACK, back);
  await signInWithRedirect(await authority(), redirectUri());
}

/** At /app/callback: the code exchanged for tokens; answers the path to go back to. */
export async function finishSignIn(): Promise<string> {
  await completeRedirectSignIn(await authority());
  const back = sessionStorage.getItem(BACK) ?? "/";
  sessionStorage.removeItem(BACK);
  return back;
}

// A kept access token this far from its expiry is used as it is, without reading the server's
// metadata first: a screen then costs only its own requests (the home screen one).
const FRESH_MS = 60_000;

export async function accessToken(): Promise<string> {
  const kept = localStorage.getItem(TOKENS);
  const tokens = kept === null ? null : (JSON.parse(kept) as TokenSet);
  if (tokens && tokens.expiresAt - FRESH_MS > Date.now()) return tokens.accessToken;
  return (await authority()).accessToken();
}

export async function signOut(): Promise<void> {
  try {
    await (await authority()).signOut();
  } finally {
    localStorage.removeItem(TOKENS);
  }
}
