from enum import StrEnum

class SlaState(StrEnum):
    AT_RISK = "at_risk"
    BREACHED = "breached"
    ON_TRACK = "on_track"
    PAUSED = "paused"
    REMINDED = "reminded"
    STOPPED = "stopped"

    def __str__(self) -> str:
        return str(self.value)
