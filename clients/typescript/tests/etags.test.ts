import assert from "node:assert/strict";
import { before, test } from "node:test";

import { type Auth, createDealregClient, EtagCache, ok, ProblemError } from "../src/index.js";
import { BASE_URL, counted, signedIn } from "./live.js";

let auth: Auth;
before(async () => {
  auth = await signedIn();
});

/** An approved registration of Rob's with no sales stage reported yet. */
async function anApprovedRegistration(): Promise<string> {
  const api = createDealregClient({ baseUrl: BASE_URL, auth });
  const page = await ok(
    api.GET("/v1/registrations", { params: { query: { status: ["approved"], limit: 200 } } }),
  );
  const found = page.items.find((registration) => registration.stage === null);
  assert.ok(found, "no approved registration of Rob's without a stage");
  return found.id;
}

test("a second read is a conditional GET answered 304 and served from the cache", async () => {
  const etags = new EtagCache();
  const { send, sent } = counted({ auth, etags });
  const api = createDealregClient({ baseUrl: BASE_URL, fetch: send });
  const id = await anApprovedRegistration();
  const path = `/v1/registrations/${id}`;

  const first = await api.GET("/v1/registrations/{registration_id}", {
    params: { path: { registration_id: id } },
  });
  assert.equal(first.response.status, 200);
  const etag = first.response.headers.get("ETag");
  assert.ok(etag);
  let conditional: string | null = null;
  const seen = counted({
    auth,
    etags,
    fetch: (request) => {
      conditional = request.headers.get("If-None-Match");
      return fetch(request);
    },
  });
  const again = createDealregClient({ baseUrl: BASE_URL, fetch: seen.send });
  const second = await again.GET("/v1/registrations/{registration_id}", {
    params: { path: { registration_id: id } },
  });
  assert.equal(conditional, etag);
  assert.equal(second.response.status, 200);
  assert.deepEqual(second.data, first.data);
  assert.equal(etags.stats.revalidated, 1);
  assert.equal(await etags.ifMatch(path), etag);
  assert.deepEqual(sent, [`GET ${path}`]);
});

test("If-Match from the last ETag seen: a change goes through, the next one needs no read, a stale one is a 412", async () => {
  const etags = new EtagCache();
  const api = createDealregClient({ baseUrl: BASE_URL, auth, etags });
  const id = await anApprovedRegistration();
  const path = `/v1/registrations/${id}`;
  const params = { path: { registration_id: id } };
  await ok(api.GET("/v1/registrations/{registration_id}", { params }));
  const read = await etags.ifMatch(path);

  const qualified = await ok(
    api.POST("/v1/registrations/{registration_id}/stage", {
      params: { ...params, header: { "If-Match": read } },
      body: { stage: "qualified" },
    }),
  );
  assert.equal(qualified.stage, "qualified");
  // The transition's answer is the registration with its new ETag: the next change uses it.
  const changed = await etags.ifMatch(path);
  assert.notEqual(changed, read);
  const proposal = await ok(
    api.POST("/v1/registrations/{registration_id}/stage", {
      params: { ...params, header: { "If-Match": changed } },
      body: { stage: "proposal" },
    }),
  );
  assert.equal(proposal.stage, "proposal");

  const stale = await ok(
    api.POST("/v1/registrations/{registration_id}/stage", {
      params: { ...params, header: { "If-Match": read } },
      body: { stage: "negotiation" },
    }),
  ).catch((error: unknown) => error);
  assert.ok(stale instanceof ProblemError, String(stale));
  assert.equal(stale.status, 412);
  // The cached copy of the read before the changes was dropped: a read now is fresh.
  const now = await ok(api.GET("/v1/registrations/{registration_id}", { params }));
  assert.equal(now.stage, "proposal");
});
