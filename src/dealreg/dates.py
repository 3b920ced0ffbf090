"""Calendar arithmetic shared by the domains."""

from datetime import date


def years_after(day: date, years: int) -> date:
    """The same day `years` later; 29 February becomes the 28th in a year without one."""
    try:
        return day.replace(year=day.year + years)
    except ValueError:
        return day.replace(year=day.year + years, day=28)
