/**
 * ETags, both ways. Reads: a GET of a resource whose answer was kept is sent with
 * `If-None-Match`, and a 304 is answered from the kept copy (a phone saves the bytes, the server
 * the rendering). Changes: `ifMatch(path)` gives the last ETag seen for a resource, for the
 * `If-Match` a change must carry (a 412 then says someone changed it since).
 *
 * The last ETag of a resource comes from its GET, from a PATCH or PUT of it, and from a state
 * transition (`POST /v1/registrations/{id}/approve`) whose answer is that resource (its `id` is
 * the path's): after an action, the next change needs no read first.
 */

/** A kept answer: what a 304 stands for. */
export interface CachedAnswer {
  etag: string;
  status: number;
  headers: [string, string][];
  body: string;
}

/** Where kept answers live, by path and query (memory here; IndexedDB in an app). */
export interface EtagStore {
  get(key: string): Promise<CachedAnswer | undefined>;
  set(key: string, answer: CachedAnswer): Promise<void>;
  delete(key: string): Promise<void>;
}

export class MemoryEtagStore implements EtagStore {
  private readonly answers = new Map<string, CachedAnswer>();

  async get(key: string): Promise<CachedAnswer | undefined> {
    return this.answers.get(key);
  }

  async set(key: string, answer: CachedAnswer): Promise<void> {
    this.answers.set(key, answer);
  }

  async delete(key: string): Promise<void> {
    this.answers.delete(key);
  }
}

// The headers a kept answer is replayed with; the rest (date, rate limits) belong to each answer.
const KEPT_HEADERS = ["content-type", "content-language", "etag", "cache-control"];

type Fetch = (request: Request) => Promise<Response>;

export class EtagCache {
  /** Answers given from the cache after a 304, and GETs that were sent without one kept. */
  readonly stats = { revalidated: 0, notKept: 0 };
  private readonly lastSeen = new Map<string, string>();

  constructor(readonly store: EtagStore = new MemoryEtagStore()) {}

  /** The last ETag seen for the resource at `path` (`/v1/registrations/…`), for `If-Match`. */
  async ifMatch(path: string): Promise<string> {
    const etag = this.lastSeen.get(path) ?? (await this.store.get(path))?.etag;
    if (etag === undefined) {
      throw new Error(`no ETag seen for ${path}: read it first`);
    }
    return etag;
  }

  /** Records an ETag learnt elsewhere (from a list row's `version`, say). */
  remember(path: string, etag: string): void {
    this.lastSeen.set(path, etag);
  }

  /** `send`, with conditional GETs and every ETag seen recorded. */
  wrap(send: Fetch): Fetch {
    return async (request) => {
      const url = new URL(request.url);
      const key = url.pathname + url.search;
      if (request.method !== "GET") {
        const response = await send(request);
        await this.learnFromChange(request.method, url.pathname, response);
        return response;
      }
      const kept = request.headers.has("If-None-Match") ? undefined : await this.store.get(key);
      if (kept !== undefined) {
        request.headers.set("If-None-Match", kept.etag);
      } else {
        this.stats.notKept++;
      }
      const response = await send(request);
      if (response.status === 304 && kept !== undefined) {
        this.stats.revalidated++;
        this.lastSeen.set(url.pathname, kept.etag);
        return new Response(kept.body, { status: kept.status, headers: kept.headers });
      }
      const etag = response.headers.get("ETag");
      if (response.ok && etag !== null) {
        this.lastSeen.set(url.pathname, etag);
        const headers: [string, string][] = [];
        for (const name of KEPT_HEADERS) {
          const value = response.headers.get(name);
          if (value !== null) {
            headers.push([name, value]);
          }
        }
        const body = await response.clone().text();
        await this.store.set(key, { etag, status: response.status, headers, body });
      }
      return response;
    };
  }

  private async learnFromChange(method: string, path: string, response: Response): Promise<void> {
    const etag = response.headers.get("ETag");
    if (!response.ok || etag === null) {
      return;
    }
    if (method === "PATCH" || method === "PUT") {
      this.lastSeen.set(path, etag);
      await this.store.delete(path);
      return;
    }
    const resource = path.slice(0, path.lastIndexOf("/"));
    const id = resource.slice(resource.lastIndexOf("/") + 1);
    try {
      const answer = (await response.clone().json()) as { id?: unknown };
      if (answer.id === id) {
        this.lastSeen.set(resource, etag);
        await this.store.delete(resource);
      }
    } catch {
      // Not a JSON answer: not a resource's representation.
    }
  }
}
