from enum import StrEnum

class SizeSegment(StrEnum):
    GROWTH = "growth"
    LONG_TAIL = "long_tail"
    STRATEGIC = "strategic"

    def __str__(self) -> str:
        return str(self.value)
