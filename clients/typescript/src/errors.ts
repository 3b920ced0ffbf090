/**
 * Problem answers (RFC 9457, `application/problem+json`) as typed errors.
 *
 * Every error answer of the API is a problem: a stable `type` URI, a `title`, a `detail`, and on
 * a 422 (or a 400 naming query parameters) one `errors[]` entry per invalid field, with a JSON
 * Pointer into the body (or the parameter's name), a machine `code` (`required`, `too_long`,
 * `pattern`...) and its `params` (the limits). A form shows each entry on its field by pointer,
 * and translates by code; `detail` is already in the language asked for (`Accept-Language`).
 */
import type { components } from "./schema";

/** The problem type URIs are the same on every installation: this prefix and a name. */
export const PROBLEM_TYPE_PREFIX = "https://dealreg.dev/problems/";

export type ProblemBody = components["schemas"]["Problem"];

/** One invalid field of a refused request. */
export interface FieldIssue {
  /** A JSON Pointer into the request body (`/lines/0/quantity`), or "" for a query parameter. */
  pointer: string;
  /** The query parameter at fault, when the field is one. */
  parameter: string | null;
  /** A stable machine code: `required`, `too_long`, `pattern`, `minimum`, `enum`... */
  code: string;
  /** The code's limits (`{"max_length": 200}`), empty when it has none. */
  params: Record<string, unknown>;
  /** A human message in the answer's language. */
  detail: string;
  /** The vendor whose extra field this is, for a deal's per-vendor answers. */
  vendorId: string | null;
}

/**
 * An answer that was not a success. `status`, `type`, `title` and `detail` come from the
 * problem body (or, for an answer that carried none, from the status line); `fields` holds one
 * entry per `errors[]` member; `problem` is the whole body, extension members included
 * (`registration_id`, `score`...).
 */
export class ProblemError extends Error {
  readonly status: number;
  readonly type: string;
  readonly title: string;
  readonly detail: string;
  readonly instance: string | null;
  readonly fields: readonly FieldIssue[];
  readonly problem: ProblemBody & Record<string, unknown>;
  /** The seconds the answer's `Retry-After` asked to wait, if it gave one in seconds. */
  readonly retryAfter: number | null;
  /** The answer's language (`Content-Language`), when declared. */
  readonly language: string | null;

  constructor(
    problem: ProblemBody & Record<string, unknown>,
    options: { retryAfter?: number | null; language?: string | null } = {},
  ) {
    super(`${problem.status} ${problem.title}: ${problem.detail}`);
    this.name = "ProblemError";
    this.status = problem.status;
    this.type = problem.type;
    this.title = problem.title;
    this.detail = problem.detail;
    this.instance = problem.instance ?? null;
    this.problem = problem;
    this.fields = (problem.errors ?? []).map((entry) => ({
      pointer: entry.pointer ?? "",
      parameter: entry.parameter ?? null,
      code: entry.code,
      params: entry.params ?? {},
      detail: entry.detail,
      vendorId: entry.vendor_id ?? null,
    }));
    this.retryAfter = options.retryAfter ?? null;
    this.language = options.language ?? null;
  }

  /** The short name of the type: `validation-error` for `https://dealreg.dev/problems/validation-error`. */
  get typeName(): string {
    return this.type.startsWith(PROBLEM_TYPE_PREFIX)
      ? this.type.slice(PROBLEM_TYPE_PREFIX.length)
      : this.type;
  }

  /** Whether this is the problem named `name` (`"precondition-failed"`) or of that full URI. */
  is(name: string): boolean {
    return this.type === name || this.typeName === name;
  }

  /** The issues of the field at `pointer` (`/customer/country`), for a form to show beside it. */
  fieldIssues(pointer: string): FieldIssue[] {
    return this.fields.filter((field) => field.pointer === pointer);
  }

  /** Issues by pointer (query parameters by their name), for a whole form at once. */
  byField(): Map<string, FieldIssue[]> {
    const grouped = new Map<string, FieldIssue[]>();
    for (const field of this.fields) {
      const key = field.pointer || field.parameter || "";
      grouped.set(key, [...(grouped.get(key) ?? []), field]);
    }
    return grouped;
  }
}

/** The request never got an answer (offline, DNS, reset connection, timeout). */
export class NetworkError extends Error {
  constructor(cause: unknown) {
    super(`network error: ${cause instanceof Error ? cause.message : String(cause)}`, { cause });
    this.name = "NetworkError";
  }
}

/**
 * `Retry-After` in seconds: its delay-seconds form, or an HTTP date (RFC 9110 §10.2.3) counted
 * from `now`; null when absent or unreadable.
 */
export function retryAfterSeconds(response: Response, now: number = Date.now()): number | null {
  const value = response.headers.get("Retry-After");
  if (value === null || value.trim() === "") {
    return null;
  }
  if (/^\s*\d+\s*$/.test(value)) {
    return Number.parseInt(value, 10);
  }
  const at = Date.parse(value);
  return Number.isNaN(at) ? null : Math.max(0, (at - now) / 1000);
}

function isProblem(body: unknown): body is ProblemBody & Record<string, unknown> {
  if (typeof body !== "object" || body === null) {
    return false;
  }
  const fields = body as Record<string, unknown>;
  return typeof fields.type === "string" && typeof fields.status === "number";
}

/**
 * The error an answer that is not a success stands for. The body is read from a clone, so the
 * answer itself can still be read. An answer without a problem body (a proxy's 502 page) gets
 * one made of its status line, with type `about:blank` as RFC 9457 §4.2.1 says.
 */
export async function problemFromResponse(response: Response): Promise<ProblemError> {
  let body: unknown = null;
  if (!response.bodyUsed) {
    try {
      body = await response.clone().json();
    } catch {
      body = null;
    }
  }
  return problemFromBody(body, response);
}

/** The error of an answer whose body was read already (openapi-fetch's `error`). */
export function problemFromBody(body: unknown, response: Response): ProblemError {
  const problem = isProblem(body)
    ? body
    : {
        type: "about:blank",
        status: response.status,
        title: response.statusText || `HTTP ${response.status}`,
        detail: "",
      };
  return new ProblemError(problem, {
    retryAfter: retryAfterSeconds(response),
    language: response.headers.get("Content-Language"),
  });
}

/**
 * openapi-fetch's answer, unwrapped: its data when the call succeeded, else a `ProblemError`
 * thrown from the answer. For code that would rather catch than check `error` on every call:
 * `const page = await ok(api.GET("/v1/registrations"))`.
 */
export async function ok<T>(
  call: Promise<{ data?: T; error?: unknown; response: Response }>,
): Promise<T> {
  const { data, error, response } = await call;
  if (!response.ok) {
    throw problemFromBody(error, response);
  }
  return data as T;
}
