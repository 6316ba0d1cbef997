"""Signal receivers of the disclosure app."""


def recompute_provisional_dates(sender, year: int, **kwargs) -> None:
    """A holiday arrangement was entered: stored provisional due dates are recomputed."""
    from gongkai.disclosure.services import requests_refresh_provisional

    requests_refresh_provisional(year=year)
