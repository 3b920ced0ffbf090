from dealreg.orgs.models import Role
from tests.factories import Factory


async def test_me_answers_the_user_of_the_token(client, factory: Factory) -> None:
    partner = await factory.partner(name="Northwind Test")
    user = await factory.user(partner, Role.partner_rep, email="rob@northwind.test", name="Rob")
    response = await client.get(
        "/v1/me", headers={"Authorization": f"Bearer {factory.token(user, partner)}"}
    )
    assert response.status_code == 200
    body = response.json()
    assert body["id"] == str(user.id)
    assert body["email"] == "rob@northwind.test"
    assert body["role"] == "partner_rep"
    assert body["organization"]["name"] == "Northwind Test"
    assert "registrations:write" in body["scopes"]
    assert "organizations:write" not in body["scopes"]


async def test_me_refuses_a_token_whose_user_was_disabled(client, factory: Factory, db) -> None:
    partner = await factory.partner()
    user = await factory.user(partner, Role.partner_rep)
    token = factory.token(user, partner)
    user.active = False
    await db.flush()
    response = await client.get("/v1/me", headers={"Authorization": f"Bearer {token}"})
    assert response.status_code == 401
    assert response.headers["content-type"] == "application/problem+json"
    assert 'error="invalid_token"' in response.headers["www-authenticate"]


async def test_a_disabled_users_token_is_refused_on_every_route(
    client, factory: Factory, db
) -> None:
    platform = await factory.platform()
    admin = await factory.user(platform, Role.platform_admin)
    headers = {"Authorization": f"Bearer {factory.token(admin, platform)}"}
    assert (await client.get("/v1/organizations", headers=headers)).status_code == 200

    admin.active = False
    await db.flush()
    for response in (
        await client.get("/v1/organizations", headers=headers),
        await client.post(
            "/v1/organizations",
            json={"kind": "partner", "name": "After disable", "country": "US"},
            headers=headers,
        ),
    ):
        assert response.status_code == 401
        assert 'error="invalid_token"' in response.headers["www-authenticate"]


async def test_a_token_minted_before_a_role_change_is_refused(client, factory: Factory, db) -> None:
    vendor = await factory.vendor()
    user = await factory.user(vendor, Role.vendor_admin)
    headers = {"Authorization": f"Bearer {factory.token(user, vendor)}"}
    user.role = Role.vendor_approver
    await db.flush()
    response = await client.get("/v1/programs", headers=headers)
    assert response.status_code == 401
