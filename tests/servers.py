"""Servers of a test's own: a free port to listen on, a Redis server to start and stop (for
outages and crashes that a shared Redis must not see), and `dealreg serve --demo` as a user runs
it."""

import os
import re
import shutil
import socket
import subprocess
import sys
import tempfile
import time
from pathlib import Path

import httpx
import redis

REDIS_SERVER = shutil.which("redis-server") or "redis-server"


def free_port() -> int:
    with socket.socket() as sock:
        sock.bind(("127.0.0.1", 0))
        return int(sock.getsockname()[1])


class PrivateRedis:
    def __init__(self) -> None:
        self.port = free_port()
        self.dir = tempfile.mkdtemp(prefix="drredis")
        self.process: subprocess.Popen[bytes] | None = None
        self.started = False

    @property
    def url(self) -> str:
        return f"redis://127.0.0.1:{self.port}/0"

    def start(self) -> None:
        """Start the server on a port of its own. First started, it moves to another port while
        its own is taken (another worker's server may have bound it since `free_port()`);
        restarted, it keeps its port, which the test's clients hold."""
        for _ in range(5):
            if self._serve():
                return
            if self.started:
                break
            self.port = free_port()
        raise RuntimeError(f"private redis could not listen on port {self.port}")

    def _serve(self) -> bool:
        """Whether a server started here answers on `self.port`, rather than another one there."""
        process = subprocess.Popen(  # noqa: S603 - a fixed argv
            [
                REDIS_SERVER,
                "--port",
                str(self.port),
                "--bind",
                "127.0.0.1",
                "--save",
                "",
                "--appendonly",
                "no",
                "--dir",
                self.dir,
            ],
            stdout=subprocess.DEVNULL,
        )
        deadline = time.monotonic() + 10
        while time.monotonic() < deadline and process.poll() is None:
            try:
                with redis.Redis.from_url(self.url) as client:
                    if client.info("server")["process_id"] == process.pid:
                        self.process = process
                        self.started = True
                        return True
            except redis.ConnectionError:
                pass
            time.sleep(0.05)
        process.terminate()
        process.wait(timeout=10)
        return False

    def stop(self) -> None:
        if self.process is not None:
            self.process.terminate()
            self.process.wait(timeout=10)
            self.process = None


class DemoServer:
    """`dealreg serve --demo` on a free port with only the `DEALREG_` settings given (none of the
    suite's; `{port}` in a value is the port chosen), until `deadline` (a `time.monotonic()`
    instant). Its output goes to a file: a pipe that nobody reads once the tokens are printed
    would stall the server when full."""

    def __init__(self, log: Path, deadline: float, *serve_args: str, **settings: str) -> None:
        self.port = free_port()
        self.url = f"http://127.0.0.1:{self.port}"
        self.log = log
        self.deadline = deadline
        env = {k: v for k, v in os.environ.items() if not k.startswith("DEALREG_")} | {
            name: value.replace("{port}", str(self.port)) for name, value in settings.items()
        }
        with log.open("wb") as out:
            self.process = subprocess.Popen(  # noqa: S603 - our own console script
                [
                    *(sys.executable, "-m", "dealreg.cli", "serve", "--demo"),
                    *("--port", str(self.port), *serve_args),
                ],
                env=env,
                stdout=out,
                stderr=subprocess.STDOUT,
            )

    def printed(self) -> str:
        return self.log.read_text()

    def wait_for(self, pattern: str) -> re.Match[str]:
        return wait_for(pattern, self.log, self.deadline, self.process)

    def wait_ready(self) -> None:
        while True:
            try:
                if httpx.get(f"{self.url}/ready", timeout=2).status_code == 200:
                    return
            except httpx.TransportError:
                pass
            assert time.monotonic() < self.deadline, self.printed()
            time.sleep(0.1)

    def stop(self) -> None:
        stop(self.process)


def wait_for(
    pattern: str, log: Path, deadline: float, process: subprocess.Popen[bytes] | None = None
) -> re.Match[str]:
    """The first match of `pattern` in what a process has written to `log`, once it appears
    (failing when `deadline` passes or `process` has ended)."""
    while True:
        match = re.search(pattern, log.read_text(), re.MULTILINE)
        if match:
            return match
        if time.monotonic() > deadline or (process is not None and process.poll() is not None):
            raise AssertionError(f"no {pattern!r} in time:\n{log.read_text()}")
        time.sleep(0.05)


def stop(process: subprocess.Popen[bytes]) -> None:
    process.terminate()
    process.wait(timeout=30)
