/**
 * Delta sync of a list into a local store, so that screens read from the phone and a sync
 * fetches only what changed (README, "For delta sync"). The first sync of a collection asks for
 * everything `updated_since` an instant (the epoch by default); every page, even an empty one,
 * carries a `next_cursor`, which the next request (and the next sync) resumes from. A sync runs
 * until an empty page: a page can end short before a change still being committed, and the
 * cursor picks it up later, so nothing is skipped.
 *
 * The store takes each page with its cursor in one call (`apply`): an IndexedDB store writes
 * both in one transaction, so a sync interrupted anywhere resumes after the last page it kept.
 * A page kept twice (the cursor write lost with the page's) is harmless: items are upserted by id.
 */
import { problemFromResponse } from "./errors.js";
import type { Fetch } from "./transport.js";

export interface SyncItem {
  id: string;
  updated_at?: string;
}

export interface SyncStore<T extends SyncItem = SyncItem> {
  /** Where the collection's last sync stopped, or null before its first. */
  cursor(collection: string): Promise<string | null>;
  /** Upserts a page's items by id and keeps its cursor, together. */
  apply(collection: string, items: T[], cursor: string): Promise<void>;
}

export class MemorySyncStore<T extends SyncItem = SyncItem> implements SyncStore<T> {
  private readonly cursors = new Map<string, string>();
  private readonly collections = new Map<string, Map<string, T>>();

  async cursor(collection: string): Promise<string | null> {
    return this.cursors.get(collection) ?? null;
  }

  async apply(collection: string, items: T[], cursor: string): Promise<void> {
    const kept = this.collections.get(collection) ?? new Map<string, T>();
    for (const item of items) {
      kept.set(item.id, item);
    }
    this.collections.set(collection, kept);
    this.cursors.set(collection, cursor);
  }

  /** The collection's items, as kept. */
  items(collection: string): T[] {
    return [...(this.collections.get(collection)?.values() ?? [])];
  }
}

export interface SyncOptions<T extends SyncItem> {
  baseUrl: string;
  /** The SDK's transport (createTransport): auth, retries. */
  send: Fetch;
  store: SyncStore<T>;
  /** The list's path: `/v1/registrations`, `/v1/leads`... */
  path: string;
  /** The store's name for it (default: the path). */
  collection?: string;
  /** The first sync's start (default: the epoch, everything). */
  since?: string;
  /** Items per page (default 100; the API takes up to 200). */
  limit?: number;
  /** Other filters of the list (they must stay the same across syncs of a collection). */
  query?: Record<string, string>;
  signal?: AbortSignal;
}

export interface SyncResult {
  pages: number;
  items: number;
  cursor: string;
}

export const BEGINNING = "1970-01-01T00:00:00Z";

/** Brings `collection` up to date from where its last sync stopped. */
export async function deltaSync<T extends SyncItem>(options: SyncOptions<T>): Promise<SyncResult> {
  const collection = options.collection ?? options.path;
  let cursor = await options.store.cursor(collection);
  const result: SyncResult = { pages: 0, items: 0, cursor: cursor ?? "" };
  for (;;) {
    const url = new URL(options.path, options.baseUrl);
    for (const [name, value] of Object.entries(options.query ?? {})) {
      url.searchParams.set(name, value);
    }
    url.searchParams.set("limit", String(options.limit ?? 100));
    if (cursor === null) {
      url.searchParams.set("updated_since", options.since ?? BEGINNING);
    } else {
      url.searchParams.set("cursor", cursor);
    }
    const response = await options.send(new Request(url, { signal: options.signal }));
    if (!response.ok) {
      throw await problemFromResponse(response);
    }
    const page = (await response.json()) as { items: T[]; next_cursor: string | null };
    if (page.next_cursor === null) {
      throw new Error(`${options.path} answered a delta page without a cursor`);
    }
    await options.store.apply(collection, page.items, page.next_cursor);
    cursor = page.next_cursor;
    result.pages++;
    result.items += page.items.length;
    result.cursor = cursor;
    if (page.items.length === 0) {
      return result;
    }
  }
}
