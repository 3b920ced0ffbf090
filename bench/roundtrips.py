"""Round trips to PostgreSQL, counted on the wire: a TCP proxy between a server and PostgreSQL.

pg_stat_statements is not installed here, and a count of the statements SQLAlchemy executes
misses what it does not see (the pool's ping, BEGIN and COMMIT, asyncpg's own statement
preparation). On the wire every round trip ends with the server's ReadyForQuery message ('Z'):
after a simple query (BEGIN, COMMIT), after the Sync of a prepare or of an extended-protocol
execution, and once when a connection has started. Counting them counts round trips, whoever
sent them. bench/run.py --round-trips puts both servers behind one of these proxies.

The proxy runs in a thread of its own, with an event loop of its own, so a synchronous caller
reads `count` between requests. A client must not ask for TLS (its DSN says `ssl=disable`): the
proxy reads the plain protocol.
"""

import asyncio
import contextlib
import struct
import threading
from collections.abc import Iterator

READY_FOR_QUERY = ord("Z")
_HEADER = struct.Struct("!cI")  # a message's type byte and its length (itself included)


class Counter:
    """ReadyForQuery messages seen from the server, over every connection."""

    def __init__(self) -> None:
        self._lock = threading.Lock()
        self._count = 0

    def add(self, n: int) -> None:
        with self._lock:
            self._count += n

    @property
    def count(self) -> int:
        with self._lock:
            return self._count


class _ServerStream:
    """Splits the server's bytes into messages, however the reads cut them, and counts the
    ReadyForQuery ones."""

    def __init__(self, counter: Counter) -> None:
        self.counter = counter
        self.pending = b""
        self.left = 0  # bytes of the current message's body still to come

    def feed(self, data: bytes) -> None:
        view = self.pending + data
        at = 0
        ready = 0
        while True:
            if self.left:
                step = min(self.left, len(view) - at)
                self.left -= step
                at += step
                if self.left:
                    break
            if len(view) - at < _HEADER.size:
                break
            kind, length = _HEADER.unpack_from(view, at)
            if kind[0] == READY_FOR_QUERY:
                ready += 1
            at += _HEADER.size
            self.left = length - 4
        self.pending = view[at:]
        if ready:
            self.counter.add(ready)


async def _pipe(
    reader: asyncio.StreamReader, writer: asyncio.StreamWriter, stream: _ServerStream | None
) -> None:
    try:
        while data := await reader.read(65536):
            if stream is not None:
                stream.feed(data)
            writer.write(data)
            await writer.drain()
    except (ConnectionError, asyncio.CancelledError):
        pass
    finally:
        with contextlib.suppress(Exception):
            writer.close()


async def _serve(
    host: str, port: int, counter: Counter, ready: "asyncio.Future[int]", stop: asyncio.Event
) -> None:
    async def handle(client_r: asyncio.StreamReader, client_w: asyncio.StreamWriter) -> None:
        try:
            server_r, server_w = await asyncio.open_connection(host, port)
        except OSError:
            client_w.close()
            return
        await asyncio.gather(
            _pipe(client_r, server_w, None), _pipe(server_r, client_w, _ServerStream(counter))
        )

    listener = await asyncio.start_server(handle, "127.0.0.1", 0)
    ready.set_result(listener.sockets[0].getsockname()[1])
    async with listener:
        await stop.wait()


@contextlib.contextmanager
def counting_proxy(host: str, port: int) -> Iterator[tuple[int, Counter]]:
    """A proxy to PostgreSQL at host:port: yields the port it listens on and its counter."""
    counter = Counter()
    loop = asyncio.new_event_loop()
    stop = asyncio.Event()
    ready: asyncio.Future[int] = loop.create_future()
    thread = threading.Thread(
        target=loop.run_until_complete,
        args=(_serve(host, port, counter, ready, stop),),
        daemon=True,
    )
    thread.start()
    listening = asyncio.run_coroutine_threadsafe(_wait(ready), loop).result(timeout=10)
    try:
        yield listening, counter
    finally:
        loop.call_soon_threadsafe(stop.set)
        thread.join(timeout=10)


async def _wait(future: "asyncio.Future[int]") -> int:
    return await future
