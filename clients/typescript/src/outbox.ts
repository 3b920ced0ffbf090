/**
 * Actions made offline (or on a network that drops them), kept and sent in order once the
 * network is back, each exactly once.
 *
 * An action gets its `Idempotency-Key` when it is made, and keeps it in the store with the rest
 * of the request (and its `If-Match`, the version the person acted on): every attempt, also one
 * after a reload that found an action whose answer never arrived, carries the same key, so the
 * server does it once and replays its first answer to the rest.
 *
 * Sending stops at the first action that cannot be sent now (no network, the server busy or
 * answering 5xx, the session over: 401 or signed out) and leaves it and the ones after it pending, so order
 * holds. An action the server refuses for good (a 4xx problem: 412 stale, 422 invalid...) is
 * marked failed with its problem, for the app to show, and the next one is sent.
 */
import { SignedOutError } from "./auth.js";
import { NetworkError, type ProblemBody } from "./errors.js";
import type { Fetch } from "./transport.js";

export type ActionStatus = "pending" | "sent" | "failed";

export interface ActionInput {
  method: "POST" | "PUT" | "PATCH" | "DELETE";
  /** The API path, with its query if any: `/v1/leads/{id}/dispositions`. */
  path: string;
  body?: unknown;
  /** Headers to send with it, `If-Match` above all. */
  headers?: Record<string, string>;
  /** What the app shows for it while pending ("Stage: proposal"). */
  label?: string;
}

export interface QueuedAction extends ActionInput {
  id: string;
  idempotencyKey: string;
  /** Enqueue order: actions are sent by it. */
  sequence: number;
  createdAt: string;
  status: ActionStatus;
  attempts: number;
  /** The answer's status, once sent or failed. */
  answerStatus?: number;
  /** The answer's body (the created resource), once sent. */
  answer?: unknown;
  /** Why it failed for good. */
  problem?: ProblemBody;
}

/** Where actions are kept between page loads (memory here; IndexedDB in an app). */
export interface OutboxStore {
  /** Every action kept, in any order. */
  list(): Promise<QueuedAction[]>;
  put(action: QueuedAction): Promise<void>;
  delete(id: string): Promise<void>;
}

export class MemoryOutboxStore implements OutboxStore {
  private readonly actions = new Map<string, QueuedAction>();

  async list(): Promise<QueuedAction[]> {
    return [...this.actions.values()].map((action) => structuredClone(action));
  }

  async put(action: QueuedAction): Promise<void> {
    this.actions.set(action.id, structuredClone(action));
  }

  async delete(id: string): Promise<void> {
    this.actions.delete(id);
  }
}

export interface FlushResult {
  sent: number;
  failed: number;
  /** Still pending: sending stopped (offline, server busy, signed out). */
  pending: number;
}

export interface OutboxOptions {
  baseUrl: string;
  /** The SDK's transport (createTransport): auth, retries. */
  send: Fetch;
  store?: OutboxStore;
}

type Listener = (actions: QueuedAction[]) => void;

export class Outbox {
  readonly store: OutboxStore;
  private readonly listeners = new Set<Listener>();
  private flushing: Promise<FlushResult> | null = null;
  // The last sequence given here: two actions enqueued at once must not share one.
  private lastSequence = 0;

  constructor(private readonly options: OutboxOptions) {
    this.store = options.store ?? new MemoryOutboxStore();
  }

  /** Keeps an action to send, with its idempotency key from now on. */
  async enqueue(input: ActionInput): Promise<QueuedAction> {
    const kept = await this.store.list();
    this.lastSequence = Math.max(this.lastSequence, ...kept.map((other) => other.sequence)) + 1;
    const action: QueuedAction = {
      ...input,
      id: crypto.randomUUID(),
      idempotencyKey: crypto.randomUUID(),
      sequence: this.lastSequence,
      createdAt: new Date().toISOString(),
      status: "pending",
      attempts: 0,
    };
    await this.store.put(action);
    await this.changed();
    return action;
  }

  /** Every action kept, in order. */
  async list(): Promise<QueuedAction[]> {
    return (await this.store.list()).sort((a, b) => a.sequence - b.sequence);
  }

  /** Sends the pending actions in order; a flush already under way is shared. */
  flush(): Promise<FlushResult> {
    this.flushing ??= this.sendPending().finally(() => {
      this.flushing = null;
    });
    return this.flushing;
  }

  /** Puts a failed action back in the queue (after the person fixed what was wrong). */
  async retry(id: string, changes: Partial<ActionInput> = {}): Promise<void> {
    const action = (await this.store.list()).find((kept) => kept.id === id);
    if (action === undefined || action.status !== "failed") {
      return;
    }
    // A changed request is another request: it needs a key of its own.
    const idempotencyKey =
      Object.keys(changes).length > 0 ? crypto.randomUUID() : action.idempotencyKey;
    await this.store.put({ ...action, ...changes, idempotencyKey, status: "pending" });
    await this.changed();
  }

  /** Lets go of one action that is no longer pending (a refusal the person has read). */
  async forget(id: string): Promise<void> {
    const action = (await this.store.list()).find((kept) => kept.id === id);
    if (action === undefined || action.status === "pending") {
      return;
    }
    await this.store.delete(id);
    await this.changed();
  }

  /** Forgets the sent actions (and the failed ones too, with `failed`). */
  async clear(options: { failed?: boolean } = {}): Promise<void> {
    for (const action of await this.store.list()) {
      if (action.status === "sent" || (options.failed && action.status === "failed")) {
        await this.store.delete(action.id);
      }
    }
    await this.changed();
  }

  /** Called with every action after each change; returns the unsubscribe. */
  subscribe(listener: Listener): () => void {
    this.listeners.add(listener);
    return () => this.listeners.delete(listener);
  }

  /** Flushes when the browser says it is online again; returns the stop. */
  flushWhenOnline(target: Pick<EventTarget, "addEventListener" | "removeEventListener"> = globalThis): () => void {
    // A flush already under way may have given up just before the network came back: one more
    // after it, so nothing waits for the next time the network drops and returns.
    const flush = () => {
      const running = this.flushing ?? Promise.resolve();
      void running.then(() => this.flush()).catch(() => undefined);
    };
    target.addEventListener("online", flush);
    return () => target.removeEventListener("online", flush);
  }

  private async sendPending(): Promise<FlushResult> {
    const result: FlushResult = { sent: 0, failed: 0, pending: 0 };
    const pending = (await this.list()).filter((action) => action.status === "pending");
    for (const [index, action] of pending.entries()) {
      const outcome = await this.sendOne(action);
      if (outcome === "stopped") {
        result.pending = pending.length - index;
        break;
      }
      result[outcome]++;
    }
    return result;
  }

  private async sendOne(action: QueuedAction): Promise<"sent" | "failed" | "stopped"> {
    const headers = new Headers(action.headers);
    headers.set("Idempotency-Key", action.idempotencyKey);
    if (action.body !== undefined) {
      headers.set("Content-Type", "application/json");
    }
    const request = new Request(new URL(action.path, this.options.baseUrl), {
      method: action.method,
      headers,
      body: action.body === undefined ? undefined : JSON.stringify(action.body),
    });
    action.attempts++;
    let response: Response;
    try {
      response = await this.options.send(request);
    } catch (error) {
      await this.store.put(action);
      await this.changed();
      // Offline, or signed out (the person signs in again): the action waits.
      if (error instanceof NetworkError || error instanceof SignedOutError) {
        return "stopped";
      }
      throw error;
    }
    action.answerStatus = response.status;
    const body = await readBody(response);
    if (response.ok) {
      action.status = "sent";
      action.answer = body;
    } else if (isForGood(response.status, body)) {
      action.status = "failed";
      action.problem = body as ProblemBody;
    }
    await this.store.put(action);
    await this.changed();
    return action.status === "pending" ? "stopped" : action.status;
  }

  private async changed(): Promise<void> {
    if (this.listeners.size === 0) {
      return;
    }
    const actions = await this.list();
    for (const listener of this.listeners) {
      listener(actions);
    }
  }
}

const IN_FLIGHT_TYPE = "https://dealreg.dev/problems/idempotency-key-in-use";

/** Whether a refusal stands however often the action is sent. */
function isForGood(status: number, body: unknown): boolean {
  if (status >= 500 || status === 401 || status === 408 || status === 429) {
    return false;
  }
  const type = (body as { type?: unknown } | null)?.type;
  return !(status === 409 && type === IN_FLIGHT_TYPE);
}

async function readBody(response: Response): Promise<unknown> {
  const text = await response.text();
  if (text === "") {
    return null;
  }
  try {
    return JSON.parse(text) as unknown;
  } catch {
    return text;
  }
}
