import assert from "node:assert/strict";
import { before, test } from "node:test";

import { type Auth, createTransport, NetworkError, type RetryEvent } from "../src/index.js";
import { counted, dispositionsOf, leadOf, losingAnswers, signedIn, url } from "./live.js";

let auth: Auth;
let lead: string;
before(async () => {
  auth = await signedIn();
  lead = await leadOf(auth, "Ivy Trading"); // accepted, touched: follow-ups may come any time
});

function followUp(headers: Record<string, string> = {}): Request {
  return new Request(url(`/v1/leads/${lead}/dispositions`), {
    method: "POST",
    headers: { "Content-Type": "application/json", ...headers },
    body: JSON.stringify({ type: "follow_up", note: "called back" }),
  });
}

/**
 * The caller's quota (60 per 10-second window on the test's server) spent, as a real 429 says,
 * with at least 3 seconds of the window left: a request sent now is refused however loaded the
 * server is. Batches at once, not one by one: a slow server must not let the window run out first.
 */
async function spendQuota(): Promise<void> {
  const unretried = createTransport({ auth, retry: false });
  for (;;) {
    const answers = await Promise.all(
      Array.from({ length: 20 }, () => unretried(new Request(url("/v1/me")))),
    );
    await Promise.all(answers.map((answer) => answer.body?.cancel()));
    const refused = answers.find((answer) => answer.status === 429);
    if (refused !== undefined) {
      const seconds = Number(refused.headers.get("Retry-After"));
      if (seconds >= 3) {
        return;
      }
      await new Promise((resolve) => setTimeout(resolve, seconds * 1000 + 100));
    }
  }
}

async function overQuota(send: (request: Request) => Promise<Response>): Promise<Response[]> {
  await spendQuota();
  return Promise.all(Array.from({ length: 10 }, () => send(new Request(url("/v1/me")))));
}

test("a burst over the rate limit gets 429s, waits their Retry-After and all go through", async () => {
  const retries: RetryEvent[] = [];
  const { send } = counted({ auth, retry: { onRetry: (retry) => retries.push(retry) } });
  const answers = await overQuota(send);
  assert.deepEqual(new Set(answers.map((answer) => answer.status)), new Set([200]));
  const limited = retries.filter((retry) => retry.cause === 429);
  assert.ok(limited.length >= 10, `${limited.length} 429s for 10 requests over the quota`);
  for (const retry of limited) {
    assert.ok(retry.retryAfterMs !== null && retry.retryAfterMs >= 1000, String(retry.retryAfterMs));
    assert.ok(retry.delayMs >= retry.retryAfterMs);
  }
});

test("the same action sent at once: 409 in flight, retried after Retry-After, done once", async () => {
  const before = (await dispositionsOf(auth, lead)).length;
  const retries: RetryEvent[] = [];
  const { send } = counted({ auth, retry: { onRetry: (retry) => retries.push(retry) } });
  const key = crypto.randomUUID();
  const answers = await Promise.all(
    Array.from({ length: 5 }, () => send(followUp({ "Idempotency-Key": key }))),
  );
  const bodies = await Promise.all(answers.map((answer) => answer.json() as Promise<{ id: string }>));
  assert.deepEqual(new Set(answers.map((answer) => answer.status)), new Set([201]));
  assert.equal(new Set(bodies.map((body) => body.id)).size, 1);
  const inFlight = retries.filter((retry) => retry.cause === 409);
  assert.ok(inFlight.length >= 1, "no request found the first one in flight");
  assert.ok(inFlight.every((retry) => retry.retryAfterMs === 1000 && retry.delayMs >= 1000));
  assert.equal((await dispositionsOf(auth, lead)).length, before + 1);
});

test("an answer lost on the way back: retried with the same key, replayed, done once", async () => {
  const before = (await dispositionsOf(auth, lead)).length;
  const retries: RetryEvent[] = [];
  const { send, sent } = counted({
    auth,
    fetch: losingAnswers(1),
    retry: { onRetry: (retry) => retries.push(retry) },
  });
  const answer = await send(followUp());
  assert.equal(answer.status, 201);
  assert.equal(answer.headers.get("Idempotent-Replayed"), "true");
  assert.equal(sent.length, 2);
  assert.deepEqual(retries.map((retry) => retry.cause), ["network"]);
  assert.equal((await dispositionsOf(auth, lead)).length, before + 1);
});

test("a POST without an Idempotency-Key is never sent twice", async () => {
  const before = (await dispositionsOf(auth, lead)).length;
  const { send, sent } = counted({ auth, fetch: losingAnswers(1), idempotencyKeys: false });
  await assert.rejects(send(followUp()), NetworkError);
  assert.equal(sent.length, 1);
  // The server did it once; only a key would have let the client find out safely.
  assert.equal((await dispositionsOf(auth, lead)).length, before + 1);
});

test("a Retry-After longer than the cap is not waited for: the answer goes back", async () => {
  const retries: RetryEvent[] = [];
  const { send } = counted({
    auth,
    retry: { maxRetryAfterMs: 500, onRetry: (retry) => retries.push(retry) },
  });
  const answers = await overQuota(send);
  const refused = answers.filter((answer) => answer.status === 429);
  assert.equal(refused.length, 10);
  assert.ok(refused.every((answer) => Number(answer.headers.get("Retry-After")) >= 1));
  assert.equal(retries.filter((retry) => retry.cause === 429).length, 0);
});
