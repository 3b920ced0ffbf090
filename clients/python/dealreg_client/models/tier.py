from enum import StrEnum

class Tier(StrEnum):
    COMMUNITY = "community"
    GOLD = "gold"
    PLATINUM = "platinum"
    REGISTERED = "registered"
    SILVER = "silver"

    def __str__(self) -> str:
        return str(self.value)
