from enum import StrEnum

class Segment(StrEnum):
    AT_RISK = "at_risk"
    CHAMPIONS = "champions"
    HIBERNATING = "hibernating"
    LOST = "lost"
    LOYAL = "loyal"
    NEEDS_ATTENTION = "needs_attention"
    PROMISING = "promising"

    def __str__(self) -> str:
        return str(self.value)
