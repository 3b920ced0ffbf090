/**
 * Working on a flaky network. Reads come from the phone: the rep's leads and registrations are
 * kept by the SDK's delta sync (`updated_since` + cursor, only what changed since the last sync),
 * so a screen paints what it holds at once and offline. Actions that add to a record (a sales
 * stage, a lead's disposition) go through the SDK's Outbox: each gets its Idempotency-Key when
 * it is made and keeps it, is shown as pending until the server has it, and is sent once the
 * network is back (also after the app was closed in between).
 */
import {
  deltaSync,
  Outbox,
  WebStorageOutboxStore,
  WebStorageSyncStore,
  type ActionInput,
  type QueuedAction,
  type Schemas,
} from "@dealreg/client";
import { useEffect, useState } from "preact/hooks";
import { send } from "./api";

export type Lead = Schemas["LeadOut"];
export type Row = Schemas["RegistrationRow"];

export const COLLECTIONS = { leads: "/v1/leads", registrations: "/v1/registrations" } as const;
type Collection = keyof typeof COLLECTIONS;
type Item<C extends Collection> = C extends "leads" ? Lead : Row;

export const synced = new WebStorageSyncStore<Lead | Row>();
export const outbox = new Outbox({
  baseUrl: location.origin,
  send,
  store: new WebStorageOutboxStore(),
});
// Sent actions are done with once every screen was told (listeners run in order, this one
// first, and the clearing waits for the store).
outbox.subscribe((actions) => {
  if (actions.some((action) => action.status === "sent")) void outbox.clear();
});
outbox.flushWhenOnline();
// What was queued before the app was last closed goes out now, if the network is there.
void outbox.flush().catch(() => undefined);

/** Brings a collection up to date; false when the network (or the server) did not answer. */
export async function sync(collection: Collection): Promise<boolean> {
  try {
    await deltaSync({ baseUrl: location.origin, send, store: synced, path: COLLECTIONS[collection], collection });
    return true;
  } catch {
    return false;
  }
}

/** A synced collection as the phone holds it, synced on mount and on `refresh`; `stale` says
 * the last sync did not get through (what is shown may be behind). */
export function useSynced<C extends Collection>(collection: C) {
  const read = () => synced.items(collection) as Item<C>[];
  const [items, setItems] = useState(read);
  const [stale, setStale] = useState(false);
  const [round, setRound] = useState(0);
  useEffect(() => {
    let live = true;
    void sync(collection).then((ok) => {
      if (!live) return;
      setStale(!ok);
      setItems(read());
    });
    return () => {
      live = false;
    };
  }, [collection, round]);
  return { items, stale, refresh: () => setRound((n) => n + 1) };
}

const HOME = "dealreg.home";

/** The home screen's last answer, for when the network is gone. */
export const keptHome = (): Schemas["Home"] | null => JSON.parse(localStorage.getItem(HOME) ?? "null") as Schemas["Home"] | null;
export const keepHome = (home: Schemas["Home"]): void => localStorage.setItem(HOME, JSON.stringify(home));

/** At sign-out: what can still be sent is sent, then nothing of this person stays on the phone
 * (the next one to sign in must neither see it nor send it as theirs). */
export async function forgetPhone(): Promise<void> {
  await outbox.flush().catch(() => undefined);
  for (const action of await outbox.store.list()) await outbox.store.delete(action.id);
  for (const collection of Object.keys(COLLECTIONS)) synced.forget(collection);
  localStorage.removeItem(HOME);
}

/** Queues an action and tries to send it now. */
export async function queue(action: ActionInput): Promise<void> {
  await outbox.enqueue(action);
  await outbox.flush().catch(() => undefined);
}

/** The outbox's actions, kept current; `on` narrows them to one record's path prefix. */
export function useOutbox(on?: string): QueuedAction[] {
  const pick = (actions: QueuedAction[]) => (on ? actions.filter((a) => a.path.startsWith(on)) : actions);
  const [actions, setActions] = useState<QueuedAction[]>([]);
  useEffect(() => {
    let live = true;
    void outbox.list().then((all) => live && setActions(pick(all)));
    const stop = outbox.subscribe((all) => setActions(pick(all)));
    return () => {
      live = false;
      stop();
    };
  }, [on]);
  return actions;
}
