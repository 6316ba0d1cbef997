"""Signal receivers of the enforcement app."""


def recompute_deadlines(sender, year: int, **kwargs) -> None:
    """A holiday arrangement was entered: the pending publication, withdrawal and feedback
    reply deadlines it can move are recomputed."""
    from gongkai.enforcement.services import deadlines_recompute

    deadlines_recompute(year=year)
