import assert from "node:assert/strict";
import { test } from "node:test";

import { Auth, createTransport, MemoryTokenStore, ProblemError, SignedOutError, type TokenSet } from "../src/index.js";
import { counted, discover, REP, signedIn, signInAsBrowser, url } from "./live.js";

/** The status of `GET /v1/me` with `token` (retried past the tests' 429s). */
async function me(token: string): Promise<number> {
  const response = await createTransport({ token })(new Request(url("/v1/me")));
  await response.body?.cancel();
  return response.status;
}

async function tokensOf(auth: Auth): Promise<TokenSet> {
  const tokens = await auth.store.load();
  assert.ok(tokens);
  return tokens;
}

test("a PKCE sign-in through the loopback gives tokens that call the API as the person", async () => {
  const auth = await signedIn(REP);
  const tokens = await tokensOf(auth);
  assert.ok(tokens.refreshToken);
  assert.ok(tokens.expiresAt > Date.now());
  const { send } = counted({ auth });
  const answer = await send(new Request(url("/v1/me")));
  assert.equal(answer.status, 200);
  assert.equal(((await answer.json()) as { email: string }).email, REP);
});

test("a wrong password gets no code and no tokens", async () => {
  const auth = await discover();
  const pending = await auth.beginSignIn("http://127.0.0.1:9/callback");
  await assert.rejects(signInAsBrowser(pending.url, REP, "not the password"), /sign-in refused: 40/);
  await assert.rejects(auth.accessToken(), SignedOutError);
});

test("a refresh rotates the refresh token and saves the new pair as one", async () => {
  const auth = await signedIn();
  const before = await tokensOf(auth);
  const after = await auth.refresh();
  assert.notEqual(after.refreshToken, before.refreshToken);
  assert.notEqual(after.accessToken, before.accessToken);
  assert.deepEqual(await tokensOf(auth), after);
  assert.equal(await me(after.accessToken), 200);
});

test("callers refreshing at once share one token request, and the session survives it", async () => {
  const tokenRequests: string[] = [];
  const auth = await signedIn(REP, {
    fetch: (input, init) => {
      tokenRequests.push(String(input));
      return fetch(input, init);
    },
  });
  tokenRequests.length = 0;
  const refreshed = await Promise.all(Array.from({ length: 5 }, () => auth.refresh()));
  assert.equal(tokenRequests.filter((address) => address.endsWith("/v1/oauth/token")).length, 1);
  assert.ok(refreshed.every((tokens) => tokens.accessToken === refreshed[0]?.accessToken));
  // Had two of them rotated the same refresh token, the server would have ended the session.
  const again = await auth.refresh();
  assert.equal(await me(again.accessToken), 200);
});

test("a reused refresh token ends the session: both copies are signed out", async () => {
  const signedOut: ProblemError[] = [];
  const auth = await signedIn(REP, { onSignedOut: (reason) => signedOut.push(reason) });
  const stolen = new MemoryTokenStore();
  await stolen.save(await tokensOf(auth));
  await auth.refresh(); // the refresh token the thief holds is now spent

  const thief = await discover({ store: stolen, onSignedOut: (reason) => signedOut.push(reason) });
  const reused = await thief.refresh().then(
    () => assert.fail("a spent refresh token was accepted"),
    (error: unknown) => error,
  );
  assert.ok(reused instanceof ProblemError, String(reused));
  assert.equal(reused.status, 400);
  assert.equal(reused.problem.error, "invalid_grant");
  assert.equal(await stolen.load(), null);

  // The server ended the whole session: the rightful holder's rotated token is refused too.
  const current = await tokensOf(auth);
  await assert.rejects(auth.refresh(current.accessToken), ProblemError);
  assert.equal(await auth.store.load(), null);
  assert.equal(signedOut.length, 2);
  assert.equal(await me(current.accessToken), 401);
});

test("a 401 refreshes once and the request goes through with the new token", async () => {
  const auth = await signedIn();
  const store = auth.store;
  const tokens = await tokensOf(auth);
  // A token the server does not know, as if it had been ended early: the next call refreshes.
  await store.save({ ...tokens, accessToken: `${tokens.accessToken}x` });
  const { send, sent } = counted({ auth });
  const answer = await send(new Request(url("/v1/me")));
  assert.equal(answer.status, 200);
  assert.deepEqual(sent, ["GET /v1/me", "GET /v1/me"]);
  assert.notEqual((await tokensOf(auth)).refreshToken, tokens.refreshToken);
});

test("sign-out revokes: the refresh token and the access token stop working", async () => {
  const auth = await signedIn();
  const tokens = await tokensOf(auth);
  await auth.signOut();
  assert.equal(await auth.store.load(), null);
  await assert.rejects(auth.accessToken(), SignedOutError);

  const kept = new MemoryTokenStore();
  await kept.save(tokens);
  const copy = await discover({ store: kept });
  await assert.rejects(copy.refresh(), (error: unknown) => {
    assert.ok(error instanceof ProblemError);
    assert.equal(error.status, 400);
    return true;
  });
  assert.equal(await me(tokens.accessToken), 401);
});
