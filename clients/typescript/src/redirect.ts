/**
 * The browser's sign-in by redirect: the page leaves for the authorization server and comes
 * back to a callback URL of the app. What must survive the trip (the PKCE verifier and the
 * state) is kept in a `PendingStore`: sessionStorage by default, which is per tab, so two tabs
 * signing in at once do not mix their verifiers.
 */
import type { Auth, PendingSignIn, TokenSet } from "./auth.js";

export interface PendingStore {
  load(): PendingSignIn | null;
  save(pending: PendingSignIn | null): void;
}

const PENDING_KEY = "dealreg.sign-in";

/** The pending sign-in in the tab's sessionStorage. */
export function sessionPendingStore(storage: Storage = sessionStorage): PendingStore {
  return {
    load() {
      const kept = storage.getItem(PENDING_KEY);
      return kept === null ? null : (JSON.parse(kept) as PendingSignIn);
    },
    save(pending) {
      if (pending === null) {
        storage.removeItem(PENDING_KEY);
      } else {
        storage.setItem(PENDING_KEY, JSON.stringify(pending));
      }
    },
  };
}

/** Leaves for the sign-in page; the browser comes back to `redirectUri`. */
export async function signInWithRedirect(
  auth: Auth,
  redirectUri: string,
  options: { scope?: string; pending?: PendingStore; go?: (url: string) => void } = {},
): Promise<void> {
  const pending = await auth.beginSignIn(redirectUri, options.scope);
  (options.pending ?? sessionPendingStore()).save(pending);
  (options.go ?? ((url) => window.location.assign(url)))(pending.url);
}

/**
 * On the callback page: finishes the sign-in that `signInWithRedirect` began in this tab. The
 * pending sign-in is forgotten first, so a reload of the callback page cannot present the
 * code twice.
 */
export async function completeRedirectSignIn(
  auth: Auth,
  options: { url?: string; pending?: PendingStore } = {},
): Promise<TokenSet> {
  const store = options.pending ?? sessionPendingStore();
  const pending = store.load();
  if (pending === null) {
    throw new Error("no sign-in was begun in this tab");
  }
  store.save(null);
  return auth.completeSignIn(options.url ?? window.location.href, pending);
}
