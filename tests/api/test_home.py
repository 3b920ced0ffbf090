"""`GET /v1/me/home`: the rep's home screen in one request: their own open registrations with
the same rows (SLA badge, open question) as the registrations list, the leads forwarded to them
and not yet answered, and this quarter's earnings, with the names of the vendors involved."""

from datetime import UTC, date, datetime
from typing import Any

import httpx
from hypothesis import given
from hypothesis import strategies as st

from dealreg.api.home import quarter_start
from dealreg.orgs.models import Role
from tests.api.test_leads import LEADS, lead_body
from tests.api.test_leads import Scene as LeadScene
from tests.clocks import act, register
from tests.deals import partner_setup, vendor_setup
from tests.factories import Factory
from tests.incentives.helpers import Enrolment, Settle

HOME = "/v1/me/home"
OPEN = "/v1/registrations?status=submitted&status=in_review&status=info_requested"


def without_elapsed(row: dict[str, Any]) -> dict[str, Any]:
    return row | {"sla": {k: v for k, v in row["sla"].items() if k != "elapsed_seconds"}}


async def test_home_lists_the_reps_own_open_registrations_as_the_list_does(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    acme, nordlys = await vendor_setup(factory), await vendor_setup(factory)
    partner = await partner_setup(factory, acme, nordlys)
    colleague = await factory.user(partner.partner, Role.partner_rep)
    colleague_headers = {"Authorization": f"Bearer {factory.token(colleague, partner.partner)}"}
    waiting = await register(client, partner, acme)
    asked = await register(client, partner, nordlys)
    await act(client, nordlys.approver, asked, "request-info", {"question": "Which site?"})
    decided = await register(client, partner, acme)
    await act(client, acme.approver, decided, "approve", {})
    other_rep = await register(
        client, type(partner)(partner.partner, colleague_headers, colleague.id, partner.admin), acme
    )

    home = await client.get(HOME, headers=partner.rep)
    assert home.status_code == 200, home.text
    body = home.json()
    listed = (await client.get(OPEN, headers=partner.rep)).json()["items"]
    assert [row["id"] for row in body["registrations"]] == [waiting, asked]
    # The same rows, but for the business seconds a running clock gained between the two reads.
    assert [without_elapsed(row) for row in body["registrations"]] == [
        without_elapsed(row) for row in listed
    ]
    assert other_rep not in {row["id"] for row in body["registrations"]}
    assert body["more_registrations"] is False
    asked_row = body["registrations"][1]
    assert asked_row["sla"]["state"] == "paused"
    assert asked_row["open_question"]["question"] == "Which site?"
    assert {v["id"]: v["name"] for v in body["vendors"]} == {
        str(acme.vendor.id): acme.vendor.name,
        str(nordlys.vendor.id): nordlys.vendor.name,
    }


async def test_home_lists_the_leads_waiting_for_the_rep_and_no_others(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    vendor = await vendor_setup(factory)
    partner = await partner_setup(factory, vendor)
    scene = LeadScene(vendor, partner, await factory.headers_for(vendor.vendor, Role.vendor_admin))
    colleague = await factory.user(partner.partner, Role.partner_rep)

    async def lead_for(rep_id: object) -> str:
        created = await client.post(
            LEADS, json=lead_body(scene, rep_id=str(rep_id)), headers=vendor.approver
        )
        assert created.status_code == 201, created.text
        return str(created.json()["id"])

    mine, answered = await lead_for(partner.rep_id), await lead_for(partner.rep_id)
    await lead_for(colleague.id)
    read = await client.get(f"{LEADS}/{answered}", headers=partner.rep)
    accepted = await client.post(
        f"{LEADS}/{answered}/accept",
        json={},
        headers=partner.rep | {"If-Match": read.headers["ETag"]},
    )
    assert accepted.status_code == 200, accepted.text

    body = (await client.get(HOME, headers=partner.rep)).json()
    assert [lead["id"] for lead in body["leads"]] == [mine]
    assert body["leads"][0]["status"] == "forwarded"
    assert body["more_leads"] is False
    assert body["registrations"] == []
    assert body["vendors"] == [{"id": str(vendor.vendor.id), "name": vendor.vendor.name}]


async def test_home_sums_this_quarters_earnings_as_my_earnings_does(
    client: httpx.AsyncClient, enrolment: Enrolment, settle: Settle
) -> None:
    await enrolment.plan()
    registration = await enrolment.approved("proposal")
    assert await settle(registration)
    rep = enrolment.partner.rep

    body = (await client.get(HOME, headers=rep)).json()
    mine = (await client.get("/v1/me/earnings", headers=rep)).json()
    assert body["earnings"] == mine["totals"]
    assert [total["amount"] for total in body["earnings"]] == [50_000 + 75_000]
    assert body["quarter_start"] == quarter_start(datetime.now(UTC)).isoformat()


async def test_a_vendor_and_a_stranger_have_an_empty_home_or_none(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    vendor = await vendor_setup(factory)
    partner = await partner_setup(factory, vendor)
    await register(client, partner, vendor)
    seen_by_vendor = await client.get(HOME, headers=vendor.approver)
    assert seen_by_vendor.status_code == 200
    assert seen_by_vendor.json()["registrations"] == []
    assert (await client.get(HOME)).status_code == 401


@given(
    st.datetimes(
        min_value=datetime(1970, 1, 1),  # noqa: DTZ001 - naive bounds, as hypothesis requires
        max_value=datetime(2200, 12, 31),  # noqa: DTZ001
        timezones=st.just(UTC),
    )
)
def test_the_quarter_starts_on_the_first_of_its_first_month_at_most_three_months_back(
    now: datetime,
) -> None:
    start = quarter_start(now)
    assert start.day == 1
    assert start.month in {1, 4, 7, 10}
    assert start <= now.date()
    assert (now.date().year * 12 + now.month) - (start.year * 12 + start.month) in {0, 1, 2}
    assert quarter_start(datetime.combine(start, datetime.min.time(), UTC)) == start
    assert isinstance(start, date)
