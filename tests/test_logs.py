"""No bound value, token, secret or password reaches a log line: a run of bad requests against a
real `dealreg serve` whose every line of output is kept, grepped for the values sent; and the
database errors themselves, logged as the app logs them, without the values they quote."""

import base64
import logging
import time
import uuid
from collections.abc import Iterator
from datetime import date
from pathlib import Path

import httpx
import pytest
import structlog
from litestar import Litestar
from sqlalchemy import text
from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.observability import configure_logging
from dealreg.orgs.models import Role
from tests.factories import Factory
from tests.servers import DemoServer
from tests.signin import browser, make_app, person, refresh, signed_in

BUDGET_SECONDS = 90


@pytest.mark.slow
def test_a_run_of_bad_requests_logs_none_of_the_values_sent(
    scratch_url: str, tmp_path: Path
) -> None:
    server = DemoServer(
        tmp_path / "serve.log",
        time.monotonic() + BUDGET_SECONDS,
        DEALREG_DATABASE_URL=scratch_url,
        DEALREG_DATA_DIR=str(tmp_path / "data"),
        DEALREG_LOG_LEVEL="DEBUG",
    )
    try:
        token = server.wait_for(r"admin@acme\.example +(\S+)")[1]
        admin = {"Authorization": f"Bearer {token}"}
        client_id = server.wait_for(r"client_id (\S+)  client_secret (\S+)")[1]
        server.wait_ready()
        started = len(server.printed())
        mark = uuid.uuid4().hex[:12]
        sent = {
            "token": f"tok{mark}",
            "jwt": f"eyJ{mark}a.eyJ{mark}b.sig{mark}",
            "secret": f"sec{mark}",
            "basic secret": f"basic{mark}",
            "email": f"mail{mark}@",
            "name": f"name{mark}",
            "broken json": f"json{mark}",
            "page code": f"code{mark}",
            "page form": f"form{mark}",
        }
        # Outside years 1-9999 once in UTC: asyncpg refused it with its value in the message.
        instant = "0001-01-01T00:00:00+05:00"
        with httpx.Client(base_url=server.url, timeout=10) as http:
            me = http.get("/v1/me", headers=admin).json()
            org = me["organization"]["id"]
            answers = [
                http.get("/v1/me", headers={"Authorization": f"Bearer {sent['token']}"}),
                http.get("/v1/registrations", headers={"Authorization": f"Bearer {sent['jwt']}"}),
                http.post(
                    "/v1/oauth/token",
                    data={
                        "grant_type": "client_credentials",
                        "client_id": client_id,
                        "client_secret": sent["secret"],
                    },
                ),
                http.post(
                    "/v1/oauth/token",
                    data={"grant_type": "client_credentials"},
                    headers={
                        "Authorization": "Basic "
                        + base64.b64encode(f"{client_id}:{sent['basic secret']}".encode()).decode()
                    },
                ),
                http.post(
                    f"/v1/organizations/{org}/users",
                    json={"email": sent["email"], "name": sent["name"], "role": "vendor_approver"},
                    headers=admin,
                ),
                http.post(
                    "/v1/programs", json={"name": 7, "currency": sent["name"]}, headers=admin
                ),
                http.post(
                    "/v1/api-clients",
                    content=f'{{"name": "{sent["broken json"]}',
                    headers=admin | {"Content-Type": "application/json"},
                ),
                http.get("/reports/callback", params={"code": sent["page code"], "state": "s"}),
                http.post("/reports/sign-out", data={"csrf": sent["page form"]}),
                http.get("/v1/registrations", params={"updated_since": instant}, headers=admin),
                http.get("/v1/registrations", params={"expiring_before": instant}, headers=admin),
            ]
        assert all(a.status_code >= 400 for a in answers), [a.status_code for a in answers]
        assert me["email"] == "admin@acme.example"
        logged = server.printed()[started:]
    finally:
        server.stop()
    assert logged.count('"event": "request"') >= len(answers), logged
    leaked = {what: value for what, value in sent.items() if value in logged}
    assert not leaked, logged
    for value in ("datetime.datetime(1, 1, 1", "0001-01-01", str(date.min)):
        assert value not in logged, logged


@pytest.fixture
def captured_logs(capfd: pytest.CaptureFixture[str]) -> Iterator[pytest.CaptureFixture[str]]:
    """Logging as `serve` configures it, captured where it is written; the suite's own level
    again after."""
    configure_logging("DEBUG", json=True)
    yield capfd
    configure_logging("WARNING", json=True)


async def _log_failure_of(db: AsyncSession, statement: str, **values: object) -> None:
    """Log the error `statement` raises as the app logs an unhandled error, as the unit of work
    logs a failed commit, and as Dramatiq (through the standard library) a failed job."""
    log = structlog.get_logger(f"dealreg.test.{uuid.uuid4().hex}")
    try:
        async with db.begin_nested():
            await db.execute(text(statement), values)
    except Exception as exc:
        log.error("unhandled error", exc_info=exc)
        try:
            raise RuntimeError("while handling it") from exc
        except RuntimeError:
            log.exception("commit failed")
        logging.getLogger("dramatiq.worker.WorkerThread").error(
            "Failed to process message with unhandled exception.", exc_info=exc
        )
    else:
        raise AssertionError(f"{statement} did not fail")


@pytest.mark.parametrize(
    ("statement", "code"),
    [
        # asyncpg refuses to encode it, and says what it was given.
        ("SELECT CAST(:value AS uuid)", "22000"),
        # PostgreSQL refuses it, and quotes it.
        ("SELECT CAST(CAST(:value AS text) AS uuid)", "22P02"),
    ],
)
async def test_a_logged_database_error_withholds_the_values_it_quotes(
    db: AsyncSession, captured_logs: pytest.CaptureFixture[str], statement: str, code: str
) -> None:
    value = f"value{uuid.uuid4().hex}"
    await _log_failure_of(db, statement, value=value)
    captured = captured_logs.readouterr()
    out = captured.out + captured.err
    assert out.count('"event": "unhandled error"') == out.count('"event": "commit failed"') == 1
    assert '"logger": "dramatiq.worker.WorkerThread"' in out
    assert value not in out
    # What helps find the cause stays: the statement (placeholders only), the codes, the stack.
    assert "[SQL: " in out
    assert f"sqlstate={code}" in out
    assert "Traceback (most recent call last)" in out
    assert "while handling it" in out


async def test_a_unique_violation_withholds_the_duplicate_key(
    db: AsyncSession, factory: Factory, captured_logs: pytest.CaptureFixture[str]
) -> None:
    email = f"taken-{uuid.uuid4().hex}@example.test"
    user = await factory.user(await factory.vendor(), Role.vendor_approver, email=email)
    await _log_failure_of(
        db,
        "INSERT INTO users (id, organization_id, email, name, role) "
        "VALUES (gen_random_uuid(), :org, :email, 'x', 'vendor_approver')",
        org=user.organization_id,
        email=email,
    )
    captured = captured_logs.readouterr()
    out = captured.out + captured.err
    assert email not in out
    assert "constraint_name=uq_users_email" in out


async def test_other_errors_are_logged_whole(captured_logs: pytest.CaptureFixture[str]) -> None:
    log = structlog.get_logger(f"dealreg.test.{uuid.uuid4().hex}")
    try:
        raise ValueError("a message of our own")
    except ValueError:
        log.exception("failed")
    assert "ValueError: a message of our own" in captured_logs.readouterr().out


async def test_a_sign_in_logged_at_debug_shows_none_of_its_tokens(
    captured_logs: pytest.CaptureFixture[str], app: Litestar, db: AsyncSession, factory: Factory
) -> None:
    rep_app = await make_app(db)
    rep = await person(factory)
    async with browser(app) as web:
        issued = await signed_in(web, rep_app, rep)
        refreshed = (await refresh(web, rep_app.client_id, issued["refresh_token"])).json()

    logged = captured_logs.readouterr()
    tokens = [issued[k] for k in ("access_token", "refresh_token")]
    tokens += [refreshed[k] for k in ("access_token", "refresh_token")]
    assert not [token for token in tokens if token in logged.out + logged.err]
