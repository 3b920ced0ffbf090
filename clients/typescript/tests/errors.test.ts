import assert from "node:assert/strict";
import { before, test } from "node:test";

import {
  type Auth,
  createDealregClient,
  ok,
  ProblemError,
  problemFromBody,
  problemFromResponse,
} from "../src/index.js";
import { BASE_URL, signedIn, url } from "./live.js";

let auth: Auth;
before(async () => {
  auth = await signedIn();
});

const BROKEN_DEAL = {
  customer: { legal_name: "", country: "Norway" },
  contact: { name: "x".repeat(300) },
  opportunity: { title: "Refresh", currency: "euro", expected_close_date: "someday" },
  lines: [],
};

test("a 422 becomes a ProblemError with every field's pointer, code and params", async () => {
  const api = createDealregClient({ baseUrl: BASE_URL, auth });
  // The body is wrong on purpose: the server, not the compiler, is under test here.
  const refused = await ok(api.POST("/v1/deals", { body: BROKEN_DEAL as never })).then(
    () => assert.fail("a broken deal was accepted"),
    (error: unknown) => error,
  );
  assert.ok(refused instanceof ProblemError, String(refused));
  assert.equal(refused.status, 422);
  assert.equal(refused.typeName, "validation-error");
  assert.ok(refused.is("https://dealreg.dev/problems/validation-error"));
  assert.ok(refused.title.length > 0 && refused.detail.length > 0);
  const pointers = refused.fields.map((field) => field.pointer).sort();
  assert.deepEqual(pointers, [
    "/contact/name",
    "/customer/country",
    "/customer/legal_name",
    "/lines",
    "/opportunity/currency",
    "/opportunity/expected_close_date",
  ]);
  const [name] = refused.fieldIssues("/contact/name");
  assert.equal(name?.code, "too_long");
  assert.equal(typeof name?.params.max_length, "number");
  assert.ok(refused.fields.every((field) => field.code !== "" && field.detail !== ""));
  assert.equal(refused.byField().get("/customer/country")?.[0]?.code, "pattern");
});

test("problems follow Accept-Language and say which language they are in", async () => {
  const api = createDealregClient({ baseUrl: BASE_URL, auth, language: "ro" });
  const { error, response } = await api.POST("/v1/deals", { body: BROKEN_DEAL as never });
  assert.ok(error);
  const english = createDealregClient({ baseUrl: BASE_URL, auth });
  const inEnglish = await english.POST("/v1/deals", { body: BROKEN_DEAL as never });
  const romanian = problemFromBody(error, response);
  assert.equal(romanian.language, "ro");
  assert.equal(romanian.fields.length, 6);
  assert.notEqual(romanian.title, (inEnglish.error as { title: string }).title);
});

test("an unknown query parameter is a 400 naming it, and a missing resource a 404", async () => {
  const api = createDealregClient({ baseUrl: BASE_URL, auth });
  const unknown = await ok(
    api.GET("/v1/registrations", { params: { query: { staus: "approved" } as never } }),
  ).catch((error: unknown) => error);
  assert.ok(unknown instanceof ProblemError);
  assert.equal(unknown.status, 400);
  assert.equal(unknown.fields[0]?.parameter, "staus");

  const missing = await ok(
    api.GET("/v1/registrations/{registration_id}", {
      params: { path: { registration_id: "00000000-0000-4000-8000-000000000000" } },
    }),
  ).catch((error: unknown) => error);
  assert.ok(missing instanceof ProblemError);
  assert.equal(missing.status, 404);
});

test("an answer without a problem body still becomes a ProblemError of its status", async () => {
  const answer = await fetch(url("/no-such-page"));
  const problem = await problemFromResponse(answer);
  assert.equal(problem.status, 404);
  assert.equal(problem.fields.length, 0);
});
