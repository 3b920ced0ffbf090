"""The catalogue of event types: the event log writes no type beyond it, and a subscription takes
the types it names, exactly or by resource."""

import uuid

import pytest

from dealreg.events.repository import event_row
from dealreg.events.types import SUBSCRIBABLE, EventType, matches, unknown_error


def test_the_log_refuses_a_type_the_catalogue_lacks() -> None:
    with pytest.raises(ValueError, match=r"registration\.aproved"):
        event_row("registration.aproved", uuid.uuid4(), vendor_id=None, partner_id=None, data={})
    row = event_row("registration.approved", uuid.uuid4(), vendor_id=None, partner_id=None, data={})
    assert row["type"] == "registration.approved"


@pytest.mark.parametrize(
    ("wanted", "type_", "taken"),
    [
        ("registration.approved", "registration.approved", True),
        ("registration.*", "registration.approved", True),
        ("registration.*", "sla.breached", False),
        ("lead.*", "lead.first_touch_overdue", True),
        ("registration.approved", "registration.rejected", False),
    ],
)
def test_a_subscription_takes_its_types(wanted: str, type_: str, taken: bool) -> None:
    assert matches(wanted, type_) is taken


def test_every_type_and_resource_wildcard_may_be_subscribed_to() -> None:
    assert all(unknown_error(t) is None for t in SUBSCRIBABLE)
    assert {t.value.split(".")[0] + ".*" for t in EventType} <= set(SUBSCRIBABLE)
    error = unknown_error("lead.acepted", pointer="/event_types/0")
    assert error is not None
    assert (error.pointer, "'lead.accepted'" in error.detail) == ("/event_types/0", True)
