from enum import StrEnum

class LeadGroupBy(StrEnum):
    CAMPAIGN = "campaign"
    PARTNER = "partner"
    REP = "rep"

    def __str__(self) -> str:
        return str(self.value)
