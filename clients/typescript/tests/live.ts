/**
 * The live server the tests run against (`dealreg serve --demo`, started by
 * tests/test_typescript_sdk.py, which passes its address and the demo password), and signing a
 * demo person in to it the way a node tool does: the loopback flow, with this module in the
 * browser's place (it opens the sign-in page and posts its form).
 */
import { Auth, type AuthOptions, createTransport, type TransportOptions } from "../src/index.js";
import { signInWithLoopback } from "../src/loopback.js";

export const BASE_URL = required("DEALREG_SDK_BASE_URL");
export const PASSWORD = required("DEALREG_SDK_PASSWORD");
export const REP = "rep@northwind.example";
export const CLIENT_ID = "dealreg-app";

function required(name: string): string {
  const value = process.env[name];
  if (value === undefined) {
    throw new Error(`${name} is not set: run these tests through tests/test_typescript_sdk.py`);
  }
  return value;
}

export function discover(options: Partial<AuthOptions> = {}): Promise<Auth> {
  return Auth.discover({ issuer: BASE_URL, clientId: CLIENT_ID, allowHttp: true, ...options });
}

/** What a person does in the browser: opens the page, signs in, is sent to the callback. */
export async function signInAsBrowser(url: string, email: string, password = PASSWORD) {
  const page = await fetch(url);
  const html = await page.text();
  const csrf = /name="csrf" value="([^"]+)"/.exec(html)?.[1];
  if (csrf === undefined) {
    throw new Error(`no sign-in form: ${page.status} ${html.slice(0, 300)}`);
  }
  const cookies = page.headers.getSetCookie().map((cookie) => cookie.split(";")[0]);
  const posted = await fetch(url, {
    method: "POST",
    redirect: "manual",
    headers: { "Content-Type": "application/x-www-form-urlencoded", Cookie: cookies.join("; ") },
    body: new URLSearchParams({ email, password, csrf }),
  });
  const location = posted.headers.get("Location");
  if (posted.status !== 303 || location === null) {
    throw new Error(`sign-in refused: ${posted.status} ${await posted.text()}`);
  }
  await (await fetch(location)).text();
}

/** A signed-in Auth for `email`, through the whole PKCE flow. */
export async function signedIn(email = REP, options: Partial<AuthOptions> = {}): Promise<Auth> {
  const auth = await discover(options);
  await signInWithLoopback(auth, { open: (url) => signInAsBrowser(url, email) });
  return auth;
}

/** The SDK's transport with every request it sends counted (by `METHOD path`). */
export function counted(options: TransportOptions = {}) {
  const sent: string[] = [];
  const send = createTransport({
    ...options,
    fetch: (request) => {
      sent.push(`${request.method} ${new URL(request.url).pathname}${new URL(request.url).search}`);
      return (options.fetch ?? ((r: Request) => fetch(r)))(request);
    },
  });
  return { send, sent };
}

export function url(path: string): string {
  return new URL(path, BASE_URL).href;
}

/** The id of Rob's lead for `customer` (a demo lead). */
export async function leadOf(auth: Auth, customer: string): Promise<string> {
  const answer = await createTransport({ auth })(
    new Request(url(`/v1/leads?q=${encodeURIComponent(customer)}`)),
  );
  const page = (await answer.json()) as { items: { id: string }[] };
  const lead = page.items[0];
  if (lead === undefined) {
    throw new Error(`no lead for ${customer}`);
  }
  return lead.id;
}

/** The types of the dispositions the server holds for a lead, in order. */
export async function dispositionsOf(auth: Auth, lead: string): Promise<string[]> {
  const answer = await createTransport({ auth })(new Request(url(`/v1/leads/${lead}/dispositions`)));
  const page = (await answer.json()) as { items: { type: string }[] };
  return page.items.map((disposition) => disposition.type);
}

/** A network that carries the request to the server and loses the answer, `times` times. */
export function losingAnswers(times: number) {
  let left = times;
  return async (request: Request): Promise<Response> => {
    const response = await fetch(request);
    if (left-- > 0) {
      await response.body?.cancel();
      throw new TypeError("fetch failed: the connection dropped before the answer");
    }
    return response;
  };
}

/** No network at all. */
export async function offline(): Promise<Response> {
  throw new TypeError("fetch failed: offline");
}
