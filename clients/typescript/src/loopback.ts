/// <reference types="node" />
/**
 * Sign-in for a command-line tool or script on node (RFC 8252 §7.3): a one-shot HTTP server on
 * 127.0.0.1 at a port the system picks is the redirect URI (the server allows any port on
 * `http://127.0.0.1/callback`), the person signs in in a browser that `open` shows the URL to,
 * and the code comes back to the server, which answers one page and closes.
 *
 * Node only (it imports node:http): a browser app never imports this module.
 */
import { createServer, type Server } from "node:http";
import type { AddressInfo } from "node:net";

import type { Auth, TokenSet } from "./auth.js";

export interface LoopbackOptions {
  /** Shows the sign-in URL to the person: opens a browser, or prints it. */
  open: (url: string) => void | Promise<void>;
  /** The redirect URI's path, as registered (default `/callback`). */
  path?: string;
  scope?: string;
  /** How long to wait for the browser to come back (default 5 minutes). */
  timeoutMs?: number;
}

export async function signInWithLoopback(auth: Auth, options: LoopbackOptions): Promise<TokenSet> {
  const path = options.path ?? "/callback";
  const server = createServer();
  await new Promise<void>((resolve, reject) => {
    server.once("error", reject);
    server.listen(0, "127.0.0.1", resolve);
  });
  try {
    const port = (server.address() as AddressInfo).port;
    const pending = await auth.beginSignIn(`http://127.0.0.1:${port}${path}`, options.scope);
    const callback = waitForCallback(server, port, path, options.timeoutMs ?? 300_000);
    await options.open(pending.url);
    return await auth.completeSignIn(await callback, pending);
  } finally {
    server.closeAllConnections();
    server.close();
  }
}

function waitForCallback(server: Server, port: number, path: string, timeoutMs: number) {
  return new Promise<URL>((resolve, reject) => {
    const timer = setTimeout(() => reject(new Error("no sign-in came back in time")), timeoutMs);
    server.on("request", (request, response) => {
      const url = new URL(request.url ?? "/", `http://127.0.0.1:${port}`);
      if (url.pathname !== path) {
        response.writeHead(404).end();
        return;
      }
      response
        .writeHead(200, { "Content-Type": "text/html; charset=utf-8", "Cache-Control": "no-store" })
        .end("<!doctype html><title>dealreg</title><p>Signed in: you may close this page.</p>");
      clearTimeout(timer);
      resolve(url);
    });
  });
}
