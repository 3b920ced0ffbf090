/**
 * Signing in through the SDK (clients/typescript: oauth4webapi's code + PKCE, rotation, reuse
 * detection, revocation): the app is the first-party public client `dealreg-app` on the origin
 * that serves it, which is the API's and the issuer's (the server registers its callback).
 *
 * The tokens live in this origin's localStorage (the SDK's WebStorageTokenStore) so a phone
 * stays signed in across restarts of the installed app, refreshes serialised across tabs by Web
 * Locks. The server's metadata is kept beside them once read, so an app opened offline still
 * has its session without reading it again.
 */
import {
  Auth,
  completeRedirectSignIn,
  signInWithRedirect,
  WebStorageTokenStore,
  type AuthorizationServerMetadata,
} from "@dealreg/client";

export const CLIENT_ID = "dealreg-app";
const METADATA = "dealreg.issuer";
const BACK = "dealreg.back";

export const tokens = new WebStorageTokenStore();

export const redirectUri = (): string => `${location.origin}/app/callback`;

let discovered: Promise<Auth> | null = null;

/** The session's Auth: from the kept metadata, else read on first need (not at start: offline,
 * the app still opens), once per page. */
export function authority(): Promise<Auth> {
  if (discovered) return discovered;
  const options = {
    issuer: location.origin,
    clientId: CLIENT_ID,
    store: tokens,
    // Plain http only where browsers allow the app at all: loopback (a phone needs https).
    allowHttp: location.protocol === "http:",
  };
  const kept = localStorage.getItem(METADATA);
  if (kept !== null) {
    try {
      discovered = Promise.resolve(Auth.fromMetadata(JSON.parse(kept) as AuthorizationServerMetadata, options));
      return discovered;
    } catch {
      localStorage.removeItem(METADATA);
    }
  }
  const discovering = Auth.discover(options).then(
    (auth) => {
      localStorage.setItem(METADATA, JSON.stringify(auth.metadata));
      return auth;
    },
    (error: unknown) => {
      discovered = null;
      throw error;
    },
  );
  discovered = discovering;
  return discovering;
}

export const signedIn = (): boolean => tokens.peek() !== null;

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
  const kept = tokens.peek();
  if (kept && kept.expiresAt - FRESH_MS > Date.now()) return kept.accessToken;
  return (await authority()).accessToken();
}

export async function signOut(): Promise<void> {
  try {
    await (await authority()).signOut();
  } finally {
    await tokens.save(null);
  }
}
