from enum import StrEnum

class CallOutcome(StrEnum):
    NOT_INTERESTED = "not_interested"
    NO_ANSWER = "no_answer"
    OPPORTUNITY = "opportunity"
    REACHED = "reached"

    def __str__(self) -> str:
        return str(self.value)
