import assert from "node:assert/strict";
import { test } from "node:test";

import {
  Auth,
  type AuthorizationServerMetadata,
  MemoryTokenStore,
  NetworkError,
  Outbox,
  WebStorageOutboxStore,
  WebStorageSyncStore,
  WebStorageTokenStore,
  type KeyValueStorage,
} from "../src/index.js";
import { BASE_URL, CLIENT_ID, offline, signedIn } from "./live.js";

/** localStorage's behaviour (strings in, strings out) without a browser. */
class MapStorage implements KeyValueStorage {
  readonly values = new Map<string, string>();
  getItem(key: string): string | null {
    return this.values.get(key) ?? null;
  }
  setItem(key: string, value: string): void {
    this.values.set(key, String(value));
  }
  removeItem(key: string): void {
    this.values.delete(key);
  }
}

test("the browser stores keep tokens, synced pages with their cursor, and queued actions across a reload", async () => {
  const storage = new MapStorage();
  const held: string[] = [];
  const locks = {
    request: async <T>(name: string, run: () => Promise<T>) => {
      held.push(name);
      return run();
    },
  };
  const tokens = new WebStorageTokenStore("t", storage, locks);
  const set = { accessToken: "a", refreshToken: "r", expiresAt: 1, scope: null };
  await tokens.save(set);
  assert.deepEqual(await new WebStorageTokenStore("t", storage).load(), set);
  assert.equal(await tokens.withLock(async () => 7), 7);
  assert.deepEqual(held, ["t"]);
  await tokens.save(null);
  assert.equal(tokens.peek(), null);

  const synced = new WebStorageSyncStore("s", storage);
  await synced.apply("leads", [{ id: "1" }, { id: "2" }], "c1");
  await synced.apply("leads", [{ id: "2", updated_at: "later" }], "c2");
  const reloaded = new WebStorageSyncStore("s", storage);
  assert.equal(await reloaded.cursor("leads"), "c2");
  assert.deepEqual(reloaded.items("leads"), [{ id: "1" }, { id: "2", updated_at: "later" }]);
  reloaded.forget("leads");
  assert.equal(await synced.cursor("leads"), null);

  const send = async () => offline();
  const before = new Outbox({ baseUrl: BASE_URL, send, store: new WebStorageOutboxStore("o", storage) });
  const queued = await before.enqueue({ method: "POST", path: "/v1/leads/x/dispositions", body: { type: "first_touch" } });
  const after = new Outbox({ baseUrl: BASE_URL, send, store: new WebStorageOutboxStore("o", storage) });
  const [kept] = await after.list();
  assert.equal(kept?.idempotencyKey, queued.idempotencyKey);
  await after.store.delete(queued.id);
  assert.deepEqual(await before.list(), []);
});

test("an Auth made from kept metadata needs no request to start, and refreshes once online", async () => {
  const online = await signedIn();
  const metadata = JSON.parse(JSON.stringify(online.metadata)) as AuthorizationServerMetadata;
  const store = new MemoryTokenStore();
  const tokens = await online.store.load();
  await store.save(tokens && { ...tokens, expiresAt: 0 });
  const requests: string[] = [];
  const phone = Auth.fromMetadata(metadata, {
    issuer: BASE_URL,
    clientId: CLIENT_ID,
    store,
    allowHttp: true,
    fetch: async (input, init) => {
      requests.push(String(input instanceof Request ? input.url : input));
      return fetch(input, init);
    },
  });
  assert.equal(requests.length, 0);
  assert.notEqual(await phone.accessToken(), tokens?.accessToken);
  assert.deepEqual(
    requests.map((sent) => new URL(sent).pathname),
    [new URL(metadata.token_endpoint ?? "").pathname],
  );
  assert.throws(() =>
    Auth.fromMetadata({ ...metadata, issuer: "https://elsewhere.example" }, { issuer: BASE_URL, clientId: CLIENT_ID }),
  );
});

test("the network back while a flush is giving up: one more flush sends the action; a refusal read is let go", async () => {
  let online = false;
  let sent = 0;
  let giveUp: () => void = () => undefined;
  let started: () => void = () => undefined;
  const attempting = new Promise<void>((resolve) => {
    started = resolve;
  });
  const send = async (request: Request): Promise<Response> => {
    if (!online) {
      started();
      // The attempt fails only once the test says so: the "online" event comes before that.
      await new Promise<void>((resolve) => {
        giveUp = resolve;
      });
      throw new NetworkError(new TypeError("fetch failed"));
    }
    sent++;
    const refused = request.url.endsWith("/refused");
    return new Response(JSON.stringify(refused ? { type: "about:blank", title: "No", status: 422, detail: "no" } : {}), {
      status: refused ? 422 : 201,
    });
  };
  const events = new EventTarget();
  const phone = new Outbox({ baseUrl: BASE_URL, send });
  const stop = phone.flushWhenOnline(events);
  await phone.enqueue({ method: "POST", path: "/v1/done" });
  await phone.enqueue({ method: "POST", path: "/v1/refused" });
  const first = phone.flush();
  await attempting;
  online = true;
  events.dispatchEvent(new Event("online"));
  giveUp();
  assert.deepEqual(await first, { sent: 0, failed: 0, pending: 2 });
  // Bounded: without the second flush the action would wait for good, and the test must say so.
  for (let wait = 0; wait < 300 && (await phone.list()).some((action) => action.status === "pending"); wait++) {
    await new Promise((resolve) => setTimeout(resolve, 10));
  }
  stop();
  assert.equal(sent, 2);
  const [done, refused] = await phone.list();
  assert.equal(done?.status, "sent");
  assert.equal(refused?.status, "failed");
  await phone.forget(refused?.id ?? "");
  assert.deepEqual((await phone.list()).map((action) => action.path), ["/v1/done"]);
});
