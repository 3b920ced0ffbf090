import assert from "node:assert/strict";
import { before, test } from "node:test";

import { type Auth, createDealregClient, deltaSync, EtagCache, MemorySyncStore, ok, type SyncItem } from "../src/index.js";
import { BASE_URL, counted, signedIn } from "./live.js";

let auth: Auth;
before(async () => {
  auth = await signedIn();
});

const PATH = "/v1/registrations";

/** A store that loses the connection after keeping `pages` pages, as a phone going offline. */
class InterruptedStore extends MemorySyncStore {
  constructor(private pages: number) {
    super();
  }

  override async apply(collection: string, items: SyncItem[], cursor: string): Promise<void> {
    if (this.pages-- <= 0) {
      throw new Error("interrupted");
    }
    await super.apply(collection, items, cursor);
  }

  resume(): void {
    this.pages = Number.POSITIVE_INFINITY;
  }
}

test("delta sync fills the store page by page, resumes after an interruption, then brings only what changed", async () => {
  const everything = new MemorySyncStore();
  const full = await deltaSync({ baseUrl: BASE_URL, send: counted({ auth }).send, store: everything, path: PATH, limit: 3 });
  const ids = everything.items(PATH).map((item) => item.id).sort();
  assert.ok(ids.length > 6, `only ${ids.length} registrations`);
  assert.equal(full.items, ids.length);

  const store = new InterruptedStore(2);
  const first = counted({ auth });
  await assert.rejects(
    deltaSync({ baseUrl: BASE_URL, send: first.send, store, path: PATH, limit: 3 }),
    /interrupted/,
  );
  assert.equal(store.items(PATH).length, 6);
  assert.match(first.sent[0] ?? "", /updated_since=/);

  store.resume();
  const second = counted({ auth });
  const resumed = await deltaSync({ baseUrl: BASE_URL, send: second.send, store, path: PATH, limit: 3 });
  // It started from the kept cursor (the third page was fetched again, its keeping had failed),
  // not from the beginning.
  assert.match(second.sent[0] ?? "", /cursor=/);
  assert.ok(second.sent.every((sent) => !sent.includes("updated_since")));
  assert.equal(resumed.items, ids.length - 6);
  assert.deepEqual(store.items(PATH).map((item) => item.id).sort(), ids);

  // Nothing changed: one empty page. Then one change: that registration and an empty page.
  const idle = await deltaSync({ baseUrl: BASE_URL, send: counted({ auth }).send, store, path: PATH });
  assert.deepEqual([idle.pages, idle.items], [1, 0]);
  const etags = new EtagCache();
  const api = createDealregClient({ baseUrl: BASE_URL, auth, etags });
  const approved = await ok(api.GET(PATH, { params: { query: { status: ["approved"] } } }));
  const changed = approved.items.find((registration) => registration.stage === null);
  assert.ok(changed, "no approved registration without a stage");
  await ok(
    api.POST("/v1/registrations/{registration_id}/stage", {
      params: { path: { registration_id: changed.id }, header: { "If-Match": `"${changed.version}"` } },
      body: { stage: "qualified" },
    }),
  );
  const after = await deltaSync({ baseUrl: BASE_URL, send: counted({ auth }).send, store, path: PATH });
  assert.equal(after.items, 1);
  const kept = store.items(PATH).find((item) => item.id === changed.id) as { stage?: string } | undefined;
  assert.equal(kept?.stage, "qualified");
});
