"""The sign-in throttle counts failures in a sliding window, per name and per address."""

from __future__ import annotations

from inspection.web.throttle import LoginLimits, LoginThrottle


class Clock:
    def __init__(self) -> None:
        self.now = 1000.0

    def __call__(self) -> float:
        return self.now


def test_five_failures_for_a_name_lock_it_until_the_oldest_leaves_the_window() -> None:
    clock = Clock()
    throttle = LoginThrottle(LoginLimits(per_name=5, per_address=20, window=900), clock=clock)
    for second in range(5):
        clock.now = 1000.0 + second
        assert throttle.wait("10.0.0.1", "thanh") == 0
        throttle.failed("10.0.0.1", "thanh")
    assert throttle.wait("10.0.0.1", "thanh") == 900 - 4  # the first failure leaves at 1900
    assert throttle.wait("10.0.0.1", "Thanh") > 0  # names are matched case-insensitively
    assert throttle.wait("10.0.0.2", "thanh") == 0  # another address is not locked
    assert throttle.wait("10.0.0.1", "lan") == 0  # nor another name from this address
    clock.now = 1900.0
    assert throttle.wait("10.0.0.1", "thanh") == 0


def test_many_names_from_one_address_lock_the_address() -> None:
    clock = Clock()
    throttle = LoginThrottle(LoginLimits(per_name=5, per_address=3, window=60), clock=clock)
    for name in ("a", "b", "c"):
        throttle.failed("10.0.0.9", name)
    assert throttle.wait("10.0.0.9", "d") == 60
    assert throttle.wait("10.0.0.8", "d") == 0


def test_a_success_clears_the_names_count_but_not_the_addresss() -> None:
    clock = Clock()
    throttle = LoginThrottle(LoginLimits(per_name=2, per_address=3, window=60), clock=clock)
    throttle.failed("10.0.0.1", "thanh")
    throttle.succeeded("10.0.0.1", "thanh")
    throttle.failed("10.0.0.1", "thanh")
    assert throttle.wait("10.0.0.1", "thanh") == 0  # one failure since the success
    throttle.failed("10.0.0.1", "lan")
    throttle.failed("10.0.0.1", "minh")
    assert throttle.wait("10.0.0.1", "thanh") == 60  # four from the address in all
