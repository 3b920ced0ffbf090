"""Who may act on a registration beyond seeing it: the registering partner, or the vendor's deciders."""

from dealreg.errors import Forbidden
from dealreg.orgs.models import OrgKind, Role
from dealreg.orgs.principals import Principal

_VENDOR_DECIDERS = frozenset({Role.vendor_approver, Role.vendor_admin, Role.vendor_system})


def require_partner_side(actor: Principal, what: str) -> None:
    if actor.org_kind is not OrgKind.partner:
        raise Forbidden(f"Only the registering partner may {what}.")


def require_vendor_decider(actor: Principal, what: str) -> None:
    if actor.org_kind is not OrgKind.vendor or actor.role not in _VENDOR_DECIDERS:
        raise Forbidden(f"Only the vendor's approvers, admins or systems may {what}.")
