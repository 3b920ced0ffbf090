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
