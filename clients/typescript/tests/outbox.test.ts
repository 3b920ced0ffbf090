import assert from "node:assert/strict";
import { before, test } from "node:test";

import { type Auth, createTransport, MemoryOutboxStore, Outbox, type QueuedAction } from "../src/index.js";
import { signInWithLoopback } from "../src/loopback.js";
import {
  BASE_URL,
  dispositionsOf,
  leadOf,
  losingAnswers,
  offline,
  REP,
  signedIn,
  signInAsBrowser,
} from "./live.js";

let auth: Auth;
before(async () => {
  auth = await signedIn();
});

function disposition(lead: string, type: string) {
  return {
    method: "POST" as const,
    path: `/v1/leads/${lead}/dispositions`,
    body: { type },
    label: type,
  };
}

test("actions made offline stay pending, and after a lost answer and a reload each is done once, in order", async () => {
  const lead = await leadOf(auth, "A. Datum"); // accepted, nothing reported yet
  const store = new MemoryOutboxStore();
  const seen: string[][] = [];
  const phone = new Outbox({ baseUrl: BASE_URL, store, send: createTransport({ auth, fetch: offline }) });
  phone.subscribe((actions) => seen.push(actions.map((action) => action.status)));
  for (const type of ["first_touch", "follow_up", "follow_up"]) {
    await phone.enqueue(disposition(lead, type));
  }
  assert.deepEqual(await phone.flush(), { sent: 0, failed: 0, pending: 3 });
  const queued = await phone.list();
  assert.deepEqual(queued.map((action) => action.status), ["pending", "pending", "pending"]);
  assert.equal(new Set(queued.map((action) => action.idempotencyKey)).size, 3);
  assert.deepEqual(await dispositionsOf(auth, lead), []);

  // Back online, but the first answer is lost on the way: the server did it, the phone cannot
  // know, and the page is reloaded before any retry.
  const lossy = new Outbox({
    baseUrl: BASE_URL,
    store,
    send: createTransport({ auth, fetch: losingAnswers(1), retry: false }),
  });
  assert.deepEqual(await lossy.flush(), { sent: 0, failed: 0, pending: 3 });
  assert.deepEqual(await dispositionsOf(auth, lead), ["first_touch"]);

  const reloaded = new Outbox({ baseUrl: BASE_URL, store, send: createTransport({ auth }) });
  assert.deepEqual(await reloaded.flush(), { sent: 3, failed: 0, pending: 0 });
  const sent = await reloaded.list();
  assert.deepEqual(sent.map((action) => action.status), ["sent", "sent", "sent"]);
  assert.deepEqual(
    sent.map((action) => action.idempotencyKey),
    queued.map((action) => action.idempotencyKey),
  );
  // Sending stops at the first action that cannot go: the others waited their turn.
  assert.deepEqual(sent.map((action) => action.attempts), [3, 1, 1]);
  assert.deepEqual(await dispositionsOf(auth, lead), ["first_touch", "follow_up", "follow_up"]);
  assert.deepEqual(seen.at(-1), ["pending", "pending", "pending"]);

  // Sending again sends nothing: each action went once.
  assert.deepEqual(await reloaded.flush(), { sent: 0, failed: 0, pending: 0 });
  assert.equal((await dispositionsOf(auth, lead)).length, 3);
  await reloaded.clear();
  assert.deepEqual(await reloaded.list(), []);
});

test("an action the server refuses for good is failed with its problem, and the next one is still sent", async () => {
  const lead = await leadOf(auth, "Jolly Logistics"); // accepted, touched, qualified
  const before = await dispositionsOf(auth, lead);
  const outbox = new Outbox({ baseUrl: BASE_URL, send: createTransport({ auth }) });
  const statuses: string[][] = [];
  outbox.subscribe((actions) => statuses.push(actions.map((action) => action.status)));
  await outbox.enqueue(disposition(lead, "first_touch")); // a second first touch: out of order
  await outbox.enqueue(disposition(lead, "no_decision"));
  assert.deepEqual(await outbox.flush(), { sent: 1, failed: 1, pending: 0 });
  const [refused, done] = (await outbox.list()) as [QueuedAction, QueuedAction];
  assert.equal(refused.status, "failed");
  assert.equal(refused.answerStatus, 409);
  assert.equal(refused.problem?.type, "https://dealreg.dev/problems/disposition-out-of-order");
  assert.equal(done.status, "sent");
  assert.equal(done.answerStatus, 201);
  assert.deepEqual(await dispositionsOf(auth, lead), [...before, "no_decision"]);
  assert.deepEqual(statuses, [["pending"], ["pending", "pending"], ["failed", "pending"], ["failed", "sent"]]);
});

test("coming online flushes the queue, and flushes at once share one run", async () => {
  const lead = await leadOf(auth, "Ivy Trading");
  const before = (await dispositionsOf(auth, lead)).length;
  const outbox = new Outbox({ baseUrl: BASE_URL, send: createTransport({ auth }) });
  await outbox.enqueue(disposition(lead, "follow_up"));
  const network = new EventTarget();
  const stop = outbox.flushWhenOnline(network);
  network.dispatchEvent(new Event("online"));
  stop();
  // The run the event started is under way: these share it rather than send again.
  const [first, second] = await Promise.all([outbox.flush(), outbox.flush()]);
  assert.deepEqual(first, { sent: 1, failed: 0, pending: 0 });
  assert.equal(first, second);
  assert.deepEqual(await outbox.flush(), { sent: 0, failed: 0, pending: 0 });
  assert.equal((await dispositionsOf(auth, lead)).length, before + 1);
});

test("signed out, actions wait; signed in again, they go", async () => {
  const lead = await leadOf(auth, "Ivy Trading");
  const before = (await dispositionsOf(auth, lead)).length;
  const person = await signedIn();
  await person.signOut();
  const outbox = new Outbox({ baseUrl: BASE_URL, send: createTransport({ auth: person }) });
  await outbox.enqueue(disposition(lead, "follow_up"));
  assert.deepEqual(await outbox.flush(), { sent: 0, failed: 0, pending: 1 });
  assert.equal((await outbox.list())[0]?.status, "pending");

  await signInWithLoopback(person, { open: (address) => signInAsBrowser(address, REP) });
  assert.deepEqual(await outbox.flush(), { sent: 1, failed: 0, pending: 0 });
  assert.equal((await dispositionsOf(auth, lead)).length, before + 1);
});
