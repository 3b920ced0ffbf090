from enum import StrEnum

class Role(StrEnum):
    CHANNEL_OPS = "channel_ops"
    PARTNER_ADMIN = "partner_admin"
    PARTNER_REP = "partner_rep"
    PLATFORM_ADMIN = "platform_admin"
    VENDOR_ADMIN = "vendor_admin"
    VENDOR_APPROVER = "vendor_approver"
    VENDOR_SYSTEM = "vendor_system"

    def __str__(self) -> str:
        return str(self.value)
