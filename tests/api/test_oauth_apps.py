"""`/v1/oauth-apps`: the platform's admins register the apps people sign in through."""

import httpx
import pytest

from dealreg.orgs.models import Role
from tests.factories import Factory
from tests.problems import assert_problem, if_match, pointers
from tests.signin import browser, pkce, query

APPS = "/v1/oauth-apps"
BODY = {
    "client_id": "field-app",
    "name": "Field app",
    "redirect_uris": ["http://127.0.0.1/callback", "com.example.field:/cb"],
}


@pytest.fixture
async def platform_admin(factory: Factory) -> dict[str, str]:
    return await factory.headers_for(await factory.platform(), Role.platform_admin)


async def test_the_platform_registers_an_app_people_can_then_sign_in_to(
    client: httpx.AsyncClient, platform_admin: dict[str, str], app: object
) -> None:
    created = await client.post(APPS, json=BODY, headers=platform_admin)

    assert created.status_code == 201, created.text
    body = created.json()
    assert body["client_id"] == "field-app"
    assert body["redirect_uris"] == BODY["redirect_uris"]
    assert body["first_party"] is False
    assert body["active"] is True
    assert created.headers["etag"] == '"1"'
    read = await client.get(f"{APPS}/{body['id']}", headers=platform_admin)
    assert read.json() == body
    listed = await client.get(APPS, headers=platform_admin)
    assert body in listed.json()["items"]
    _, challenge = pkce()
    async with browser(app) as web:
        page = await web.get("/oauth/authorize", params=query("field-app", challenge))
    assert page.status_code == 200
    assert "Field app" in page.text


async def test_a_client_id_is_taken_once(
    client: httpx.AsyncClient, platform_admin: dict[str, str]
) -> None:
    assert (await client.post(APPS, json=BODY, headers=platform_admin)).status_code == 201
    again = await client.post(APPS, json=BODY, headers=platform_admin)
    assert_problem(again, 409, "duplicate-oauth-app")


@pytest.mark.parametrize(
    ("change", "pointer"),
    [
        ({"redirect_uris": ["http://app.example.com/cb"]}, "/redirect_uris/0"),
        ({"redirect_uris": ["https://ok.example/cb", "https://x.example/#f"]}, "/redirect_uris/1"),
        ({"redirect_uris": []}, "/redirect_uris"),
        ({"client_id": "drc_looks_like_a_machine"}, "/client_id"),
        ({"client_id": "Upper"}, "/client_id"),
    ],
)
async def test_a_bad_app_is_refused_and_nothing_is_written(
    client: httpx.AsyncClient,
    platform_admin: dict[str, str],
    change: dict[str, object],
    pointer: str,
) -> None:
    refused = await client.post(APPS, json=BODY | change, headers=platform_admin)

    body = assert_problem(refused, refused.status_code)
    assert refused.status_code in (400, 422)
    assert pointer in pointers(body) or pointer.rsplit("/", 1)[-1] in body["detail"]
    listed = await client.get(APPS, headers=platform_admin)
    assert listed.json()["items"] == []


@pytest.mark.parametrize("role", [Role.vendor_admin, Role.partner_admin, Role.channel_ops])
async def test_only_the_platforms_admins_register_apps(
    client: httpx.AsyncClient, factory: Factory, role: Role
) -> None:
    org = await (factory.partner() if role is Role.partner_admin else factory.vendor())
    headers = await factory.headers_for(org, role)

    assert_problem(await client.post(APPS, json=BODY, headers=headers), 403)
    assert_problem(await client.get(APPS, headers=headers), 403)


async def test_an_app_is_changed_against_its_version_and_can_be_disabled(
    client: httpx.AsyncClient, platform_admin: dict[str, str], app: object
) -> None:
    created = (await client.post(APPS, json=BODY, headers=platform_admin)).json()
    url = f"{APPS}/{created['id']}"

    assert_problem(await client.patch(url, json={"active": False}, headers=platform_admin), 428)
    changed = await client.patch(
        url,
        json={"active": False, "redirect_uris": ["https://field.example/cb"]},
        headers=platform_admin | if_match(1),
    )
    assert changed.status_code == 200, changed.text
    assert changed.json()["active"] is False
    assert changed.json()["redirect_uris"] == ["https://field.example/cb"]
    assert_problem(
        await client.patch(url, json={"name": "x"}, headers=platform_admin | if_match(1)), 412
    )
    _, challenge = pkce()
    async with browser(app) as web:
        page = await web.get("/oauth/authorize", params=query("field-app", challenge))
    assert page.status_code == 400
    assert "location" not in page.headers
