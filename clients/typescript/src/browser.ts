/**
 * Stores for an app in a browser, on Web Storage (the origin's localStorage unless told
 * otherwise), so a phone keeps its session, its synced lists and its queued actions across
 * restarts of an installed app:
 * - `WebStorageTokenStore`: the token set, with refreshes serialised across tabs by the Web
 *   Locks API where the browser has it (a rotated refresh token presented twice by two tabs would
 *   end the session);
 * - `WebStorageSyncStore`: delta sync's collections and cursors (sync.ts);
 * - `WebStorageOutboxStore`: the actions waiting for the network (outbox.ts).
 *
 * Web Storage rather than IndexedDB: a rep's own leads and registrations are a few hundred
 * small rows, well inside its quota, and a synchronous read lets a screen paint what the phone
 * holds before any request. Each value is written in one `setItem`, so a page and its cursor
 * (and a token pair) are kept together or not at all.
 */
import type { TokenSet, TokenStore } from "./auth.js";
import type { OutboxStore, QueuedAction } from "./outbox.js";
import type { SyncItem, SyncStore } from "./sync.js";

/** The part of the Web Storage API used here (a test may give a Map-backed one). */
export type KeyValueStorage = Pick<Storage, "getItem" | "setItem" | "removeItem">;

/** The part of the Web Locks API used here. */
export interface LockManagerLike {
  request<T>(name: string, callback: () => Promise<T>): Promise<T>;
}

function read<T>(storage: KeyValueStorage, key: string): T | null {
  const kept = storage.getItem(key);
  return kept === null ? null : (JSON.parse(kept) as T);
}

const browserLocks = (): LockManagerLike | undefined =>
  (globalThis.navigator as { locks?: LockManagerLike } | undefined)?.locks;

export class WebStorageTokenStore implements TokenStore {
  constructor(
    readonly key = "dealreg.tokens",
    private readonly storage: KeyValueStorage = globalThis.localStorage,
    private readonly locks: LockManagerLike | undefined = browserLocks(),
  ) {}

  /** The kept tokens, read now: a screen can tell at once whether someone is signed in. */
  peek(): TokenSet | null {
    return read<TokenSet>(this.storage, this.key);
  }

  async load(): Promise<TokenSet | null> {
    return this.peek();
  }

  async save(tokens: TokenSet | null): Promise<void> {
    if (tokens === null) this.storage.removeItem(this.key);
    else this.storage.setItem(this.key, JSON.stringify(tokens));
  }

  withLock<T>(run: () => Promise<T>): Promise<T> {
    return this.locks ? this.locks.request(this.key, run) : run();
  }
}

interface KeptCollection<T> {
  cursor: string;
  items: Record<string, T>;
}

export class WebStorageSyncStore<T extends SyncItem = SyncItem> implements SyncStore<T> {
  constructor(
    readonly prefix = "dealreg.sync",
    private readonly storage: KeyValueStorage = globalThis.localStorage,
  ) {}

  async cursor(collection: string): Promise<string | null> {
    return this.kept(collection)?.cursor ?? null;
  }

  async apply(collection: string, items: T[], cursor: string): Promise<void> {
    const kept = this.kept(collection)?.items ?? {};
    for (const item of items) kept[item.id] = item;
    this.storage.setItem(this.name(collection), JSON.stringify({ cursor, items: kept }));
  }

  /** The collection's items as kept (read now, offline too). */
  items(collection: string): T[] {
    return Object.values(this.kept(collection)?.items ?? {});
  }

  /** Forgets a collection (at sign-out: the next person's sync starts afresh). */
  forget(collection: string): void {
    this.storage.removeItem(this.name(collection));
  }

  private name(collection: string): string {
    return `${this.prefix}.${collection}`;
  }

  private kept(collection: string): KeptCollection<T> | null {
    return read<KeptCollection<T>>(this.storage, this.name(collection));
  }
}

export class WebStorageOutboxStore implements OutboxStore {
  constructor(
    readonly key = "dealreg.outbox",
    private readonly storage: KeyValueStorage = globalThis.localStorage,
  ) {}

  async list(): Promise<QueuedAction[]> {
    return Object.values(this.all());
  }

  async put(action: QueuedAction): Promise<void> {
    this.storage.setItem(this.key, JSON.stringify({ ...this.all(), [action.id]: action }));
  }

  async delete(id: string): Promise<void> {
    const { [id]: _gone, ...rest } = this.all();
    this.storage.setItem(this.key, JSON.stringify(rest));
  }

  private all(): Record<string, QueuedAction> {
    return read<Record<string, QueuedAction>>(this.storage, this.key) ?? {};
  }
}
