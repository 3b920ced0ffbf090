"""`GET /v1/reports/partners/graduation-candidates` on a known data set, and promoting a
candidate in one call (PATCH its partnership with If-Match).

The data set: vendor V, six partners (registrations as days ago, wins as (days ago, amount);
one webinar, 10 points, at the given days ago):
- G (community): registered 1, 2, 3; won 2 days ago 90,000. Webinar 10 days ago.
- H (gold): registered 4, 5; won 3 days ago 80,000. Webinar 10 days ago.
- I (community): registered 6; won 4 days ago 70,000. Webinar 100 days ago.
- J (registered): registered 150, 200. Webinar 10 days ago.
- K (community): nothing. Webinar 10 days ago.
- L (community): nothing.

Now (n = 6): recency G 5, H 4, I 3, J 2, K and L 1; frequency G 3 (5), H and J 2 (3),
I 1 (2), K and L (1); monetary G 5, H 4, I 3, the rest 1. R + F + M: G 15, H 11, I 8, J 6,
K and L 3.
91 days ago only J had registered (59 and 109 days before): J 5 + 5 + 1 = 11, the rest 3.
Engagement (decay 90 days): now G, H, J, K 10 and I 0; one window earlier I 10, the rest 0.

Rising both ways: G (15 > 3, 10 > 0) and H (11 > 3), but H is gold. I's engagement falls,
J's RFM falls (6 < 11), K's RFM is flat (3 = 3). The one candidate: G.
"""

import uuid
from datetime import timedelta

import httpx
from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.orgs.models import Role, Tier
from tests.engagement.helpers import engagement
from tests.engagement.report_helpers import register
from tests.factories import Factory
from tests.problems import assert_problem, if_match

CANDIDATES = "/v1/reports/partners/graduation-candidates"
PARTNERS: dict[str, tuple[Tier, list[tuple[int, tuple[int, int] | None]], int | None]] = {
    "G": (Tier.community, [(1, (2, 90_000)), (2, None), (3, None)], 10),
    "H": (Tier.gold, [(4, (3, 80_000)), (5, None)], 10),
    "I": (Tier.community, [(6, (4, 70_000))], 100),
    "J": (Tier.registered, [(150, None), (200, None)], 10),
    "K": (Tier.community, [], 10),
    "L": (Tier.community, [], None),
}


async def test_the_candidate_is_the_lower_tier_partner_rising_both_ways_and_is_promoted(
    client: httpx.AsyncClient, db: AsyncSession, factory: Factory
) -> None:
    vendor = await factory.vendor()
    product = await factory.product(await factory.program(vendor, currency="USD"))
    admin = await factory.headers_for(vendor, Role.vendor_admin)
    approver = await factory.headers_for(vendor, Role.vendor_approver)
    names = {}
    for name, (tier, registrations, webinar) in PARTNERS.items():
        partner = await factory.partner(name=f"{name} Partner {uuid.uuid4().hex[:6]}")
        names[str(partner.id)] = name
        await factory.partnership(partner, vendor, tier=tier)
        rep = await factory.headers_for(partner, Role.partner_rep)
        for submitted, won in registrations:
            await register(client, db, rep, product, vendor, "USD", submitted, won)
        if webinar is not None:
            posted = await client.post(
                f"/v1/partners/{partner.id}/engagements",
                json={"engagements": [engagement(ago=timedelta(days=webinar))]},
                headers=admin,
            )
            assert posted.status_code == 200, posted.text

    response = await client.get(CANDIDATES, headers=approver)

    assert response.status_code == 200, response.text
    rows = response.json()["rows"]
    assert [names[row["partner_id"]] for row in rows] == ["G"]
    (g,) = rows
    assert (g["rfm_score"], g["rfm_score_before"]) == (15, 3)
    assert (g["engagement_score"], g["engagement_score_before"]) == (10, 0)
    assert (g["tier"], g["segment"]) == ("community", "champions")

    # Promoting is one call on the partnership, guarded by its version.
    url = f"/v1/partnerships/{g['partnership_id']}"
    stale = admin | if_match(g["partnership_version"] + 1)
    assert_problem(await client.patch(url, json={"tier": "silver"}, headers=stale), 412)
    promoted = await client.patch(
        url, json={"tier": "silver"}, headers=admin | if_match(g["partnership_version"])
    )
    assert promoted.status_code == 200, promoted.text
    assert promoted.json()["tier"] == "silver"
    assert (await client.get(CANDIDATES, headers=approver)).json()["rows"] == []


async def test_only_the_vendors_people_see_its_candidates(
    client: httpx.AsyncClient, factory: Factory
) -> None:
    vendor = await factory.vendor()
    partner = await factory.partner()
    await factory.partnership(partner, vendor, tier=Tier.community)
    partner_admin = await factory.headers_for(partner, Role.partner_admin)
    other = await factory.headers_for(await factory.vendor(), Role.vendor_admin)

    assert_problem(await client.get(CANDIDATES, headers=partner_admin), 403)
    asked = await client.get(CANDIDATES, params={"vendor_id": str(vendor.id)}, headers=other)
    assert_problem(asked, 404)
    csv = await client.get(
        CANDIDATES,
        params={"format": "csv"},
        headers=await factory.headers_for(vendor, Role.vendor_admin),
    )
    assert csv.status_code == 200, csv.text
    assert csv.text.splitlines()[0].startswith("partner_id,partner_name,partnership_id")
