from enum import StrEnum

class OrgKind(StrEnum):
    PARTNER = "partner"
    PLATFORM = "platform"
    VENDOR = "vendor"

    def __str__(self) -> str:
        return str(self.value)
