from enum import StrEnum

class RevenueBand(StrEnum):
    OVER_1B = "over_1b"
    UNDER_1M = "under_1m"
    VALUE_1 = "1m_10m"
    VALUE_2 = "10m_50m"
    VALUE_3 = "50m_250m"
    VALUE_4 = "250m_1b"

    def __str__(self) -> str:
        return str(self.value)
