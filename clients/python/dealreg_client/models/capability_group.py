from enum import StrEnum

class CapabilityGroup(StrEnum):
    MARKETING = "marketing"
    SALES = "sales"
    SUPPORT = "support"
    TECHNICAL = "technical"

    def __str__(self) -> str:
        return str(self.value)
