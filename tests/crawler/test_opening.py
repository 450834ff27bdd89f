"""Which agency opens next: in order, within the limit, while admitted; parked ones last."""

from __future__ import annotations

from crawler.opening import AgencyOpening


def yes() -> bool:
    return True


def test_agencies_open_in_order_within_the_limit() -> None:
    opening = AgencyOpening.of(["A", "B", "C"], max_open=2)
    assert [opening.next(yes), opening.next(yes), opening.next(yes)] == ["A", "B", None]
    opening.close("A")
    assert opening.next(yes) == "C"
    assert not opening.done


def test_admit_is_asked_only_when_an_agency_could_open() -> None:
    asked: list[int] = []

    def no() -> bool:
        asked.append(1)
        return False

    opening = AgencyOpening.of(["A", "B"], max_open=1)
    assert opening.next(no) is None
    assert opening.next(yes) == "A"
    assert opening.next(no) is None  # no room: not asked
    assert len(asked) == 1


def test_parked_agencies_come_back_once_nothing_else_is_open_or_waiting() -> None:
    opening = AgencyOpening.of(["A", "B", "C"], max_open=1)
    assert opening.next(yes) == "A"
    opening.park("A")  # does not count as open
    assert opening.next(yes) == "B"
    opening.close("B")
    assert opening.next(yes) == "C"
    assert opening.next(yes) is None  # C is still open
    opening.close("C")
    assert opening.next(yes) == "A"
    opening.close("A")
    assert opening.done


def test_a_parked_agency_comes_back_without_being_admitted_again() -> None:
    """Its admission still holds (its outcome has not come): the caller's backlog, which
    `admit` measures, must not hold back its late try."""
    asked: list[int] = []

    def no() -> bool:
        asked.append(1)
        return False

    opening = AgencyOpening.of(["A", "B"])
    assert opening.next(yes) == "A"
    opening.park("A")
    assert opening.next(yes) == "B"
    opening.close("B")
    assert opening.next(no) == "A"
    assert asked == []
    opening.close("A")
    assert opening.done
