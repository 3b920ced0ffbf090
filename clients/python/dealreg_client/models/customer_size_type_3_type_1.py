from enum import StrEnum

class CustomerSizeType3Type1(StrEnum):
    VALUE_0 = "1-49"
    VALUE_1 = "50-249"
    VALUE_2 = "250-999"
    VALUE_3 = "1000-4999"
    VALUE_4 = "5000+"

    def __str__(self) -> str:
        return str(self.value)
