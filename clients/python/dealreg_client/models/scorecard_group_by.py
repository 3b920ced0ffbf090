from enum import StrEnum

class ScorecardGroupBy(StrEnum):
    PARTNER = "partner"
    PROGRAM = "program"
    REP = "rep"

    def __str__(self) -> str:
        return str(self.value)
