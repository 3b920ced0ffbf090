"""The TypeScript SDK's own tests (clients/typescript/tests, node's test runner) against a live
`dealreg serve --demo`: sign-in with PKCE through the loopback, refresh rotation and reuse,
revocation, retries honouring Retry-After on real 409s and 429s, queued actions sent once,
ETags and 304s, delta sync resumed.

The demo runs on a database of its own on the suite's PostgreSQL, with a known password, its
issuer on 127.0.0.1 (where node connects), a per-caller rate limit low enough that a burst gets
429s and token-endpoint limits high enough for a dozen sign-ins. The package is copied and
installed from its lock file (tests/test_typescript_client.py's way); node and npm are part of
CI's machine: there, a missing one fails the test; elsewhere it is skipped.
"""

import re
import shutil
import time
from pathlib import Path

import pytest

from tests.servers import DemoServer
from tests.test_typescript_client import PACKAGE, _npm, _run

pytestmark = pytest.mark.slow

PASSWORD = "a demo pass phrase for the sdk"
# Server start (migrations, the demo's seeding) and the node tests, with room for a loaded machine.
BUDGET_SECONDS = 600


@pytest.fixture
def installed(tmp_path: Path) -> Path:
    npm = _npm()
    copy = tmp_path / "typescript"
    shutil.copytree(PACKAGE, copy, ignore=shutil.ignore_patterns("node_modules", "build-test"))
    installed = _run([npm, "ci", "--prefer-offline"], copy)
    assert installed.returncode == 0, installed.stdout + installed.stderr
    return copy


def test_the_sdk_against_a_live_demo(installed: Path, scratch_url: str, tmp_path: Path) -> None:
    server = DemoServer(
        tmp_path / "serve.log",
        time.monotonic() + BUDGET_SECONDS,
        DEALREG_DATABASE_URL=scratch_url,
        DEALREG_DATA_DIR=str(tmp_path / "data"),
        DEALREG_DEMO_PASSWORD=PASSWORD,
        DEALREG_JWT_ISSUER="http://127.0.0.1:{port}",
        DEALREG_RATE_LIMIT_CALLER="60/10 seconds",
        DEALREG_RATE_LIMIT_ANONYMOUS="600/minute",
        DEALREG_RATE_LIMIT_OAUTH_CLIENT="600/minute",
        DEALREG_RATE_LIMIT_OAUTH_IP="600/minute",
        DEALREG_LOG_LEVEL="WARNING",
    )
    try:
        server.wait_for(r"the password '")
        # The banner's links are the issuer's, where sign-in comes back to.
        assert f"{server.url}/app" in server.printed()
        assert "localhost" not in server.printed()
        server.wait_ready()
        tested = _run(
            [_npm(), "test"],
            installed,
            DEALREG_SDK_BASE_URL=server.url,
            DEALREG_SDK_PASSWORD=PASSWORD,
        )
    finally:
        server.stop()
    failures = "\n".join(
        re.findall(r"^not ok .*?(?=^(?:ok|not ok) |^1\.\.)", tested.stdout, re.M | re.S)
    )
    assert tested.returncode == 0, (failures or tested.stdout[-20000:]) + tested.stderr[-5000:]
    assert re.search(r"^# pass [1-9]", tested.stdout, re.M), tested.stdout[-20000:]
