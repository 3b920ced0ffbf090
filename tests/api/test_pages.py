"""`/reports/sla`, the SLA report as a page, asked for with a bearer header as a script would:
who may see it, what it shows, how it refuses bad input (as HTML, with the API problem's status
and words). How a browser signs in, and the page on a phone, are in test_pages_sign_in.py.
"""

import re

import httpx
import pytest
from sqlalchemy.ext.asyncio import AsyncSession

from dealreg.orgs.models import Organization, Role
from tests.factories import Factory
from tests.report_pages import PAGE, Scene, assert_page

ESCAPED_NAME = "Acme &lt;script&gt;alert(&#34;x&#34;)&lt;/script&gt; &amp; Co"

# --- who sees it -------------------------------------------------------------------------------


async def test_channel_ops_with_a_bearer_header_see_every_vendor(
    client: httpx.AsyncClient, scene: Scene
) -> None:
    html = assert_page(await client.get(PAGE, headers=scene.ops), 200)
    assert scene.other.vendor.name in html
    assert "all vendors" in html
    assert 'name="vendor_id"' in html


async def test_a_vendor_admin_sees_its_own_vendor_only(
    client: httpx.AsyncClient, scene: Scene
) -> None:
    html = assert_page(await client.get(PAGE, headers=scene.other_admin), 200)
    assert scene.other.vendor.name in html
    assert "Acme" not in html
    assert 'name="vendor_id"' not in html


async def test_a_vendor_admin_naming_another_vendor_gets_a_404_page(
    client: httpx.AsyncClient, scene: Scene
) -> None:
    response = await client.get(
        PAGE, params={"vendor_id": str(scene.vendor.vendor.id)}, headers=scene.other_admin
    )
    html = assert_page(response, 404)
    assert "visible to you" in html
    assert "Acme" not in html


@pytest.mark.parametrize("role", [Role.partner_admin, Role.partner_rep])
async def test_a_partners_token_gets_a_403_page(
    client: httpx.AsyncClient, scene: Scene, factory: Factory, role: Role
) -> None:
    headers = await factory.headers_for(scene.partner.partner, role)
    html = assert_page(await client.get(PAGE, headers=headers), 403)
    assert "for vendors and channel operations" in html


async def test_a_vendor_approver_without_the_reports_scope_gets_a_403_page(
    client: httpx.AsyncClient, scene: Scene
) -> None:
    html = assert_page(await client.get(PAGE, headers=scene.vendor.approver), 403)
    assert "vendors and channel operations" in html


async def test_a_refused_bearer_token_gets_a_401_page_with_the_reason(
    client: httpx.AsyncClient,
) -> None:
    # A script sent it: it is told why, not sent to a sign-in page.
    response = await client.get(PAGE, headers={"Authorization": "Bearer not-a-jwt"})
    html = assert_page(response, 401)
    assert "The access token was refused" in html
    assert "invalid_token" in response.headers["www-authenticate"]


async def test_a_token_of_a_disabled_user_is_refused(
    client: httpx.AsyncClient, db: AsyncSession, factory: Factory
) -> None:
    platform = await factory.platform()
    user = await factory.user(platform, Role.channel_ops)
    token = factory.token(user, platform)
    user.active = False
    await db.flush()
    html = assert_page(await client.get(PAGE, headers={"Authorization": f"Bearer {token}"}), 401)
    assert "no longer exists, is disabled" in html


# --- what it shows -----------------------------------------------------------------------------


async def test_the_page_shows_totals_charts_vendors_and_breaches(
    client: httpx.AsyncClient, scene: Scene
) -> None:
    html = assert_page(await client.get(PAGE, headers=scene.ops), 200)
    tiles = re.findall(
        r'<(?:div|a) class="tile[^"]*"[^>]*><b>([^<]+)</b><span>([^<]+)</span>'
        r'(?:<span class="also">([^<]+)</span>)?',
        html,
    )
    figures = {label: (value, also) for value, label, also in tiles}
    assert figures["submitted"] == ("4", "")
    assert figures["decided"] == ("1", "")
    assert figures["median to decision, business hours"] == ("10 h", "26 h wall clock")
    assert figures["90th percentile to decision, business hours"] == ("10 h", "26 h wall clock")
    assert figures["breaches of the hard limit"] == ("1", "")
    assert html.count('<svg class="chart"') == 3
    assert html.count("<circle ") == 2, (
        "one week with one decision: a point for its time, one for its share"
    )
    assert "100% of 1 decided within target</title>" in html
    assert html.count("<rect x=") == 1, "one week with one breach: one bar"
    assert re.search(r"-\d{4}-000002</a></td>", html), "the breached registration is listed"


async def test_the_time_chart_draws_the_target_and_hard_limit_in_business_hours(
    client: httpx.AsyncClient, scene: Scene
) -> None:
    """Both vendors run the default policy: one target line, one hard limit line."""
    html = assert_page(await client.get(PAGE, headers=scene.ops), 200)

    rules = re.findall(
        r'<g class="rule (\w+)"><title>([^<]+)</title>\s*<line [^>]+/>\s*<text [^>]+>([^<]+)</text>',
        html,
    )
    assert sorted(rules) == [
        (
            "hard_limit",
            f"Hard limit: 32 business hours ({ESCAPED_NAME}, {scene.other.vendor.name})",
            "hard limit 32 h",
        ),
        (
            "target",
            f"Target: 16 business hours ({ESCAPED_NAME}, {scene.other.vendor.name})",
            "target 16 h",
        ),
    ]


async def test_the_figures_table_shows_business_and_wall_clock_hours_side_by_side(
    client: httpx.AsyncClient, scene: Scene
) -> None:
    html = assert_page(await client.get(PAGE, headers=scene.ops), 200)

    assert '<td data-label="Median, business / wall clock">10 h / 26 h</td>' in html
    assert '<td data-label="90th pct, business / wall clock">10 h / 26 h</td>' in html
    # The other vendor decided nothing.
    none = "\N{EN DASH}"
    assert f'<td data-label="Median, business / wall clock">{none} / {none}</td>' in html


async def test_names_are_escaped_everywhere(client: httpx.AsyncClient, scene: Scene) -> None:
    html = assert_page(await client.get(PAGE, headers=scene.ops), 200)
    assert "<script>" not in html
    assert ESCAPED_NAME in html


async def test_one_vendor_chosen_by_channel_ops(client: httpx.AsyncClient, scene: Scene) -> None:
    response = await client.get(
        PAGE, params={"vendor_id": str(scene.other.vendor.id)}, headers=scene.ops
    )
    html = assert_page(response, 200)
    assert f"·\n{scene.other.vendor.name}</p>" in html
    assert "<circle " not in html
    assert "Acme" in html, "still among the vendors to choose from"


async def test_an_empty_period_says_so(client: httpx.AsyncClient, scene: Scene) -> None:
    params = {"from": "2020-01-01", "to": "2020-01-31"}
    html = assert_page(await client.get(PAGE, params=params, headers=scene.ops), 200)
    assert "No registrations were submitted in this period." in html
    assert "No breaches in this period." in html


async def test_over_more_than_a_quarter_the_page_says_its_percentiles_are_approximate(
    client: httpx.AsyncClient, scene: Scene
) -> None:
    note = "Over more than 92 days the medians and 90th percentiles come from rollups"
    quarter = {"from": "2020-01-01", "to": "2020-04-01"}
    longer = {"from": "2020-01-01", "to": "2020-04-02"}

    exact = assert_page(await client.get(PAGE, params=quarter, headers=scene.ops), 200)
    approximate = assert_page(await client.get(PAGE, params=longer, headers=scene.ops), 200)

    assert note not in exact
    assert f"{note}: each within 1 % or 15 minutes of the exact figure" in approximate


# --- refused input, as pages -------------------------------------------------------------------


async def test_a_bad_date_is_a_400_page_naming_the_parameter(
    client: httpx.AsyncClient, scene: Scene
) -> None:
    response = await client.get(PAGE, params={"from": "yesterday"}, headers=scene.ops)
    html = assert_page(response, 400)
    assert "<code>from</code>" in html


async def test_from_after_to_is_a_422_page(client: httpx.AsyncClient, scene: Scene) -> None:
    params = {"from": "2026-02-01", "to": "2026-01-01"}
    html = assert_page(await client.get(PAGE, params=params, headers=scene.ops), 422)
    assert "`from` is after `to`" in html


async def test_an_unknown_vendor_is_a_404_page(
    client: httpx.AsyncClient, scene: Scene, db: AsyncSession
) -> None:
    partner: Organization = scene.partner.partner
    params = {"vendor_id": str(partner.id)}
    assert_page(await client.get(PAGE, params=params, headers=scene.ops), 404)


# --- drilling down -----------------------------------------------------------------------------


async def test_every_breach_and_overdue_registration_opens_its_own_page(
    client: httpx.AsyncClient, scene: Scene
) -> None:
    html = assert_page(await client.get(PAGE, headers=scene.ops), 200)
    links = set(re.findall(r'href="(/reports/registrations/[0-9a-f-]+)"', html))
    assert len(links) == 1, "the breached one, listed as a breach and as past target now"
    # Both counts lead to their lists.
    assert 'href="#at-risk"' in html
    assert 'href="#breaches"' in html
    assert '<section id="breaches">' in html
    (link,) = links

    page = assert_page(await client.get(link, headers=scene.ops), 200)

    assert re.search(r"<h1>[A-Z0-9]+-\d{4}-000002</h1>", page)
    assert f'href="{PAGE}"' in page
    assert "breached" in page
    assert "submitted" in page, "its history"
    for refused, status in [(scene.other_admin, 404), (scene.partner.rep, 403)]:
        assert_page(await client.get(link, headers=refused), status)


async def test_the_figures_come_by_every_grouping(client: httpx.AsyncClient, scene: Scene) -> None:
    for grouping in ("vendor", "partner", "program", "approver", "assignee", "week"):
        html = assert_page(
            await client.get(PAGE, params={"group_by": grouping}, headers=scene.ops), 200
        )
        assert f"<h2>By {grouping}</h2>" in html
    html = assert_page(
        await client.get(PAGE, params={"group_by": "approver"}, headers=scene.ops), 200
    )
    assert "(undecided)" in html


@pytest.mark.parametrize(
    ("path", "first_column"),
    [
        ("/reports/sla/figures.csv", "group"),
        ("/reports/sla/breaches.csv", "id"),
        ("/reports/sla/at-risk.csv", "registration_id"),
    ],
)
async def test_the_downloads_are_the_apis_csv(
    client: httpx.AsyncClient, scene: Scene, path: str, first_column: str
) -> None:
    html = assert_page(await client.get(PAGE, headers=scene.ops), 200)
    assert f'href="{path}' in html

    response = await client.get(path, headers=scene.admin)

    assert response.status_code == 200, response.text
    assert response.headers["content-type"].startswith("text/csv")
    assert response.text.splitlines()[0].split(",")[0] == first_column
    partner = await client.get(path, headers=scene.partner.rep)
    assert_page(partner, 403)


async def test_an_unknown_parameter_is_a_400_page_naming_it(
    client: httpx.AsyncClient, scene: Scene
) -> None:
    response = await client.get(PAGE, params={"vendor": "acme"}, headers=scene.ops)
    html = assert_page(response, 400)
    assert "Unknown query parameter &#39;vendor&#39;" in html
    assert "utm_*" in html


async def test_links_tagged_for_campaigns_open_the_page(
    client: httpx.AsyncClient, scene: Scene
) -> None:
    """People arrive from links in mail and chat, which tools tag with `utm_*` parameters."""
    params = {"utm_source": "newsletter", "utm_medium": "email", "utm_campaign": "q4-review"}
    assert_page(await client.get(PAGE, params=params, headers=scene.ops), 200)
    # Only the `utm_` family: another unknown name is still refused.
    refused = await client.get(PAGE, params={"utm": "x", "xutm_source": "y"}, headers=scene.ops)
    assert_page(refused, 400)
