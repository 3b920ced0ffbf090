"""examples/vendor_crm_sync.py against a live `dealreg serve --demo`, as an integrator runs it: the
demo's Acme CRM client syncs Acme's registrations, then only what changed; the receiver verifies
real deliveries and rejects forged ones."""

import os
import re
import subprocess
import sys
import time
from collections.abc import Iterator
from dataclasses import dataclass
from datetime import UTC, datetime, timedelta
from pathlib import Path
from uuid import UUID

import httpx
import pytest
from dealreg_client import AuthenticatedClient
from dealreg_client.api.approvals import registration_approve as approve
from dealreg_client.api.registrations import registration_list as list_registrations
from dealreg_client.api.webhooks import webhook_endpoint_create as create_endpoint
from dealreg_client.api.webhooks import webhook_endpoint_list_deliveries as list_deliveries
from dealreg_client.models import (
    Approval,
    DeliveryList,
    DeliveryStatus,
    EndpointInput,
    EndpointInputEventTypesItem,
    EndpointWithSecret,
    RegistrationList,
    RegistrationOut,
    RegistrationStatus,
)
from standardwebhooks import Webhook

from tests.examples.conftest import CLIENT
from tests.servers import DemoServer, free_port, stop, wait_for

pytestmark = pytest.mark.slow

EXAMPLE = Path(__file__).resolve().parents[2] / "examples" / "vendor_crm_sync.py"
# Each test, server start to stop: the demo seeds in a few seconds, a delivery takes about two.
BUDGET_SECONDS = 60
SYNCED = re.compile(r"^([0-9a-f-]{36})  ", re.MULTILINE)


@dataclass
class Demo:
    url: str
    deadline: float
    acme_admin: AuthenticatedClient
    client_id: str
    client_secret: str

    @property
    def seconds_left(self) -> float:
        return max(self.deadline - time.monotonic(), 0.1)


@pytest.fixture
def demo(scratch_url: str, tmp_path: Path) -> Iterator[Demo]:
    """`dealreg serve --demo` on a database of its own, without Redis (so it runs the webhook
    dispatcher and jobs itself), allowed to call webhook receivers on 127.0.0.1."""
    server = DemoServer(
        tmp_path / "serve.log",
        time.monotonic() + BUDGET_SECONDS,
        DEALREG_DATABASE_URL=scratch_url,
        DEALREG_DATA_DIR=str(tmp_path / "data"),
        DEALREG_WEBHOOKS_ALLOW_PRIVATE="true",
        DEALREG_LOG_LEVEL="WARNING",
    )
    try:
        admin_token = server.wait_for(r"admin@acme\.example +(\S+)").group(1)
        crm = server.wait_for(r"client_id (\S+)  client_secret (\S+)")
        server.wait_ready()
        with AuthenticatedClient(
            base_url=server.url, token=admin_token, raise_on_unexpected_status=True
        ) as acme_admin:
            yield Demo(server.url, server.deadline, acme_admin, crm.group(1), crm.group(2))
    finally:
        server.stop()


def example_env(**variables: str) -> dict[str, str]:
    path = os.pathsep.join(filter(None, [str(CLIENT), os.environ.get("PYTHONPATH")]))
    return os.environ | {"PYTHONPATH": path} | variables


def sync(demo: Demo, state: Path) -> list[str]:
    """The ids of the registrations one `sync` run printed."""
    result = subprocess.run(  # noqa: S603 - the example, as its README line runs it
        [sys.executable, str(EXAMPLE), "sync", "--base-url", demo.url, "--state", str(state)],
        env=example_env(DEALREG_CLIENT_ID=demo.client_id, DEALREG_CLIENT_SECRET=demo.client_secret),
        capture_output=True,
        text=True,
        timeout=demo.seconds_left,
        check=False,
    )
    assert result.returncode == 0, result.stdout + result.stderr
    assert "synced" in result.stdout
    return SYNCED.findall(result.stdout)


def acme_registrations(demo: Demo) -> list[RegistrationOut]:
    page = list_registrations.sync(client=demo.acme_admin, limit=200)
    assert isinstance(page, RegistrationList)
    assert page.next_cursor is None, "the demo has more than a page"
    return page.items


def approve_one_submitted(demo: Demo) -> RegistrationOut:
    submitted = next(
        r for r in acme_registrations(demo) if r.status == RegistrationStatus.SUBMITTED
    )
    approved = approve.sync(
        submitted.id, client=demo.acme_admin, body=Approval(), if_match=f'"{submitted.version}"'
    )
    assert isinstance(approved, RegistrationOut), approved
    assert approved.status == RegistrationStatus.APPROVED
    return approved


def deliver(url: str, secret: str, body: str, *, signed: str, at: datetime) -> int:
    """The status a receiver answers to `body` sent with the signature of `signed` at `at`."""
    headers = {
        "webhook-id": "msg_forged",
        "webhook-timestamp": str(int(at.timestamp())),
        "webhook-signature": Webhook(secret).sign("msg_forged", at, signed),
    }
    return httpx.post(url, content=body, headers=headers).status_code


def delivered_events(demo: Demo, endpoint_id: UUID) -> set[str]:
    """The ids of the events dealreg's delivery log shows delivered to the endpoint."""
    deliveries = list_deliveries.sync(endpoint_id, client=demo.acme_admin)
    assert isinstance(deliveries, DeliveryList)
    return {str(d.event_id) for d in deliveries.items if d.status == DeliveryStatus.DELIVERED}


def test_sync_fetches_the_vendors_registrations_then_only_what_changed(
    demo: Demo, tmp_path: Path
) -> None:
    state = tmp_path / "crm-sync-state.json"

    first = sync(demo, state)
    everything = acme_registrations(demo)
    assert len(everything) > 10
    assert sorted(first) == sorted(str(r.id) for r in everything)
    assert state.exists()

    changed = approve_one_submitted(demo)
    assert sync(demo, state) == [str(changed.id)]
    assert sync(demo, state) == []


def test_the_receiver_verifies_deliveries_and_rejects_forged_ones(
    demo: Demo, tmp_path: Path
) -> None:
    port = free_port()
    receiver_url = f"http://127.0.0.1:{port}/dealreg"
    endpoint = create_endpoint.sync(
        client=demo.acme_admin,
        body=EndpointInput(
            url=receiver_url, event_types=[EndpointInputEventTypesItem("registration.*")]
        ),
    )
    assert isinstance(endpoint, EndpointWithSecret), endpoint
    log = tmp_path / "receive.log"
    with log.open("wb") as out:
        receiver = subprocess.Popen(  # noqa: S603 - the example, as its README line runs it
            [sys.executable, str(EXAMPLE), "receive", "--listen", f"127.0.0.1:{port}"],
            env=example_env(DEALREG_WEBHOOK_SECRET=endpoint.secret),
            stdout=out,
            stderr=subprocess.STDOUT,
        )
    try:
        wait_for("listening on", log, demo.deadline)
        body = '{"id":"00000000-0000-0000-0000-000000000000","type":"registration.won"}'
        now = datetime.now(UTC)
        tampered = body.replace("won", "lost")
        assert deliver(receiver_url, endpoint.secret, tampered, signed=body, at=now) == 400
        replayed = now - timedelta(minutes=10)
        assert deliver(receiver_url, endpoint.secret, body, signed=body, at=replayed) == 400
        assert httpx.post(receiver_url, content=body).status_code == 400

        approve_one_submitted(demo)
        event_id = wait_for(r"^verified registration\.approved (\S+)$", log, demo.deadline)[1]
        while event_id not in delivered_events(demo, endpoint.id):
            assert time.monotonic() < demo.deadline, "dealreg never logged the delivery"
            time.sleep(0.1)
        assert log.read_text().count("rejected a delivery") == 3
    finally:
        stop(receiver)
