"""What each side of a deal learns of the other's people: the one place that decides it, used by
the API's reads and history, the event feed and webhook deliveries alike.

A partner learns that the vendor assigned, decided, extended or escalated, and why; never which
of the vendor's people did it (an approver, an admin, the escalation contact). Those are the
vendor's internal business, and a partner who knows them can go around the vendor's process.
The vendor and the platform see everyone; the vendor sees the partner's reps, whose deals they are.

A person hidden from a field of a response shows as null. In the free-form `data` of an event or
a history entry, the member naming them is left out.
"""

import uuid
from typing import Any, Protocol, TypeVar

from dealreg.orgs.models import OrgKind, Role

# Members of an event's or a history entry's data that name someone of the vendor's.
_VENDOR_STAFF_MEMBERS = frozenset({"approver_id", "escalate_to"})
# The roles a partner may see act: its own people's.
_PARTNER_ROLES = frozenset({Role.partner_rep.value, Role.partner_admin.value})


def sees_vendor_staff(reader: OrgKind) -> bool:
    return reader is not OrgKind.partner


def vendor_staff(reader: OrgKind, person_id: uuid.UUID | None) -> uuid.UUID | None:
    """`person_id`, one of the vendor's people (an approver, who decided an extension, who
    recorded an engagement), as `reader` may see them."""
    return person_id if sees_vendor_staff(reader) else None


def actor(reader: OrgKind, person_id: uuid.UUID | None, role: str | None) -> uuid.UUID | None:
    """Who did something, acting in `role`, as `reader` may see them: a partner sees its own
    people, and that the vendor (or dealreg) acted by the role alone."""
    if sees_vendor_staff(reader) or role in _PARTNER_ROLES:
        return person_id
    return None


def details(reader: OrgKind, data: dict[str, Any]) -> dict[str, Any]:
    """An event's or a history entry's data as `reader` may see it."""
    if sees_vendor_staff(reader):
        return data
    return {key: value for key, value in data.items() if key not in _VENDOR_STAFF_MEMBERS}


class _Entry(Protocol):
    actor_id: uuid.UUID | None
    actor_role: str | None
    data: dict[str, Any]


Entry = TypeVar("Entry", bound=_Entry)


def history_entry(reader: OrgKind, entry: Entry) -> Entry:
    """A history entry (a registration's, a lead's) as `reader` may see it: who acted, and its
    data."""
    entry.actor_id = actor(reader, entry.actor_id, entry.actor_role)
    entry.data = details(reader, entry.data)
    return entry
