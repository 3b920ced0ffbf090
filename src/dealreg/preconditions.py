"""Optimistic concurrency: every resource has a version, its strong ETag is `"<version>"`, and a
change may say which versions it was made against (`If-Match`)."""

import msgspec

from dealreg.errors import PreconditionRequired, StaleVersion
from dealreg.i18n import N_


class IfMatch(msgspec.Struct, frozen=True):
    """The versions a change was made against; `None` is `If-Match: *` (any current version).

    `missing` records a required If-Match the client did not send. It is raised by `check`, once
    the resource is known to exist, so an unknown resource is still a 404."""

    versions: frozenset[int] | None
    missing: bool = False

    def check(self, current: int) -> None:
        if self.missing:
            raise PreconditionRequired(
                N_(
                    "Send If-Match with the ETag of the version you changed, so that a newer "
                    "version is never overwritten."
                )
            )
        if self.versions is not None and current not in self.versions:
            raise StaleVersion(
                f"The resource is at version {current}, not the one this change was made "
                "against; fetch it again and reapply the change.",
                headers={"ETag": etag_of(current)},
            )

    def check_put(self, current: int, *, stored: bool) -> None:
        """The check of a PUT that creates the resource when none is stored, else replaces it:
        If-Match may be left out only by the PUT that creates; when sent, it must name
        `current`, the version shown now (a default's, when nothing is stored)."""
        if not (self.missing and not stored):
            self.check(current)


def etag_of(version: int) -> str:
    return f'"{version}"'
