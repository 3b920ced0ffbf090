from enum import StrEnum

class Disposition(StrEnum):
    CONVERTED = "converted"
    FIRST_TOUCH = "first_touch"
    FOLLOW_UP = "follow_up"
    LOST = "lost"
    NO_DECISION = "no_decision"
    QUALIFIED = "qualified"
    WON = "won"

    def __str__(self) -> str:
        return str(self.value)
