"""Load generator for bench/run.py, usable by hand too.

    python bench/load.py --url http://127.0.0.1:8000/v1/me --header 'Authorization: Bearer …'

A fixed number of keep-alive HTTP/1.1 connections to 127.0.0.1, each sending its next request as
soon as the previous answer has arrived (a closed loop, so concurrency is exact). A warm-up phase
runs first on the same connections and is not counted. The measured phase stops after
`--requests` requests or `--duration` seconds, whichever comes first, and one JSON object goes to
stdout: req/s (every answer counts), p50 and p99 latency in ms, and errors (non-2xx answers and
transport failures).

The client is a few dozen lines over asyncio streams rather than httpx: on a 2-core machine the
client shares the CPU with the server under test and PostgreSQL. Against the baseline's /health
on one granian worker, this client reached about 25,000 req/s using 0.4 s of CPU for 22,000
requests; an httpx.AsyncClient topped out near 800 req/s, below the servers under test.
"""

import argparse
import asyncio
import contextlib
import json
import math
import sys
import time
import uuid
from collections import Counter
from urllib.parse import urlsplit

# Seconds a request may still take once the phase's time is up before it counts as failed.
GRACE_SECONDS = 10.0
# `--body` and `--header` values may hold these placeholders, filled anew for every request so
# that every request differs: a counter (unique names for a create endpoint) and a fresh UUID (an
# Idempotency-Key, as a client mints one per operation). All occurrences in one request get the
# same values.
COUNTER = "{n}"
FRESH_UUID = "{uuid}"


class Connection:
    """One keep-alive HTTP/1.1 connection; reopened after a transport error or `close`."""

    def __init__(self, host: str, port: int) -> None:
        self.host, self.port = host, port
        self.reader: asyncio.StreamReader | None = None
        self.writer: asyncio.StreamWriter | None = None

    async def request(self, raw: bytes) -> int:
        """Send one request and read the whole answer; return its status."""
        if self.writer is None:
            self.reader, self.writer = await asyncio.open_connection(self.host, self.port)
        assert self.reader is not None
        self.writer.write(raw)
        await self.writer.drain()
        head = await self.reader.readuntil(b"\r\n\r\n")
        status = int(head[9:12])
        length, chunked, close = 0, False, False
        for line in head.split(b"\r\n")[1:]:
            name, _, value = line.partition(b":")
            name = name.strip().lower()
            if name == b"content-length":
                length = int(value)
            elif name == b"transfer-encoding":
                chunked = b"chunked" in value.lower()
            elif name == b"connection":
                close = value.strip().lower() == b"close"
        if chunked:
            await self._read_chunks()
        elif length:
            await self.reader.readexactly(length)
        if close:
            self.close()
        return status

    async def _read_chunks(self) -> None:
        assert self.reader is not None
        while True:
            size = int((await self.reader.readuntil(b"\r\n")).split(b";")[0], 16)
            # Each chunk ends with CRLF; the last one (size 0) is followed by the empty trailer.
            await self.reader.readexactly(size + 2)
            if size == 0:
                return

    def close(self) -> None:
        if self.writer is not None:
            self.writer.close()
        self.reader = self.writer = None


class RequestMaker:
    """Makes the bytes of each request: built once, unless it holds a placeholder."""

    def __init__(self, url: str, method: str, headers: list[str], body: str | None) -> None:
        parts = urlsplit(url)
        target = parts.path + (f"?{parts.query}" if parts.query else "")
        lines = [f"{method} {target} HTTP/1.1", f"Host: {parts.netloc}", *headers]
        if body is not None:
            lines.append("Content-Type: application/json")
        self.head = "\r\n".join(lines)
        self.body = body
        template = self.head + (body or "")
        varies = COUNTER in template or FRESH_UUID in template
        # Runs on across the warm-up and measured phases, so a counted body never repeats.
        self.count = 0
        self.fixed = None if varies else self._build(self.head, body)

    @staticmethod
    def _build(head: str, body: str | None) -> bytes:
        if body is None:
            return f"{head}\r\n\r\n".encode()
        payload = body.encode()
        return f"{head}\r\nContent-Length: {len(payload)}\r\n\r\n".encode() + payload

    def _fill(self, text: str, key: str) -> str:
        return text.replace(COUNTER, str(self.count)).replace(FRESH_UUID, key)

    def next(self) -> bytes:
        if self.fixed is not None:
            return self.fixed
        self.count += 1
        key = str(uuid.uuid4())
        body = self._fill(self.body, key) if self.body is not None else None
        return self._build(self._fill(self.head, key), body)


class Phase:
    """A budget of requests and time shared by all connections, and what they observed."""

    def __init__(self, requests: int, duration: float) -> None:
        self.remaining = requests
        self.deadline = time.perf_counter() + duration
        self.latencies: list[float] = []
        self.statuses: Counter[int] = Counter()
        self.transport_errors = 0

    def take(self) -> bool:
        # One event loop thread: no lock needed between the check and the decrement.
        if self.remaining <= 0 or time.perf_counter() >= self.deadline:
            return False
        self.remaining -= 1
        return True


async def drive(conn: Connection, phase: Phase, make: RequestMaker) -> None:
    while phase.take():
        raw = make.next()
        started = time.perf_counter()
        try:
            status = await conn.request(raw)
        except (OSError, asyncio.IncompleteReadError, asyncio.LimitOverrunError, ValueError):
            phase.transport_errors += 1
            conn.close()
            continue
        phase.latencies.append(time.perf_counter() - started)
        phase.statuses[status] += 1


async def run_phase(
    conns: list[Connection], make: RequestMaker, requests: int, duration: float
) -> tuple[Phase, float]:
    phase = Phase(requests, duration)
    started = time.perf_counter()
    tasks = [asyncio.create_task(drive(conn, phase, make)) for conn in conns]
    _, stuck = await asyncio.wait(tasks, timeout=duration + GRACE_SECONDS)
    for conn, task in zip(conns, tasks, strict=True):
        if task in stuck:
            # Its answer never came: the request failed, and the connection cannot be reused.
            task.cancel()
            conn.close()
            phase.transport_errors += 1
        else:
            task.result()  # a bug in the client should fail loudly, not skew the figures
    return phase, time.perf_counter() - started


def percentile_ms(ordered: list[float], fraction: float) -> float | None:
    """Nearest-rank percentile of an ascending list of seconds, in milliseconds."""
    if not ordered:
        return None
    rank = max(1, math.ceil(fraction * len(ordered)))
    return round(ordered[rank - 1] * 1000, 2)


async def main(args: argparse.Namespace) -> dict[str, object]:
    parts = urlsplit(args.url)
    if parts.hostname != "127.0.0.1":
        raise SystemExit("load.py only drives servers on 127.0.0.1")
    make = RequestMaker(args.url, args.method, args.header, args.body)
    conns = [Connection(parts.hostname, parts.port or 80) for _ in range(args.concurrency)]
    try:
        if args.warmup:
            await run_phase(conns, make, args.warmup, args.duration)
        phase, elapsed = await run_phase(conns, make, args.requests, args.duration)
    finally:
        for conn in conns:
            conn.close()
    ordered = sorted(phase.latencies)
    non_2xx = sum(n for status, n in phase.statuses.items() if not 200 <= status < 300)
    return {
        "requests": len(ordered),
        "elapsed_s": round(elapsed, 3),
        "rps": round(len(ordered) / elapsed, 1) if elapsed else 0.0,
        "p50_ms": percentile_ms(ordered, 0.50),
        "p99_ms": percentile_ms(ordered, 0.99),
        "errors": non_2xx + phase.transport_errors,
        "statuses": {str(status): n for status, n in sorted(phase.statuses.items())},
        "transport_errors": phase.transport_errors,
    }


def parse_args(argv: list[str] | None = None) -> argparse.Namespace:
    parser = argparse.ArgumentParser(description=__doc__.split("\n\n")[0])
    parser.add_argument("--url", required=True, help="http://127.0.0.1:PORT/path?query")
    parser.add_argument("--method", default="GET")
    parser.add_argument(
        "--header",
        action="append",
        default=[],
        help=f"'Name: value', repeatable; {COUNTER} and {FRESH_UUID} as in --body",
    )
    parser.add_argument(
        "--body",
        help=f"JSON body; {COUNTER} becomes a request counter, {FRESH_UUID} a fresh UUID",
    )
    parser.add_argument("--requests", type=int, default=2000, help="measured requests, at most")
    parser.add_argument("--duration", type=float, default=15.0, help="seconds per phase, at most")
    parser.add_argument("--concurrency", type=int, default=16, help="connections")
    parser.add_argument("--warmup", type=int, default=200, help="uncounted requests first")
    return parser.parse_args(argv)


if __name__ == "__main__":
    arguments = parse_args()
    runner_options = {}
    with contextlib.suppress(ImportError):
        import uvloop

        # uvloop, when installed, costs the client less CPU per request than asyncio's loop.
        runner_options["loop_factory"] = uvloop.new_event_loop
    with asyncio.Runner(**runner_options) as runner:
        result = runner.run(main(arguments))
    json.dump(result, sys.stdout)
    sys.stdout.write("\n")
