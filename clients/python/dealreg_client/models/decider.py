from enum import StrEnum

class Decider(StrEnum):
    CLIENT = "client"
    RULE = "rule"
    USER = "user"

    def __str__(self) -> str:
        return str(self.value)
