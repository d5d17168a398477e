"""The import's progress bar: what a terminal shows, and that a pipe shows nothing."""

from __future__ import annotations

import io

from gomus_customers.cli._progress import ProgressBar, progress_bar


class Terminal(io.StringIO):
    def isatty(self) -> bool:
        return True


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def test_the_bar_shows_count_rate_and_time_left() -> None:
    bar = ProgressBar("importing customers", Terminal(), Clock())
    # 12,500 of 100,000 after 5 s: 2,500 rows/s, 87,500 rows left = 35 s; 3 of 24 marks.
    assert bar.line(12_500, 100_000, 5.0) == (
        "importing customers [###.....................] 12,500 / 100,000  2,500/s  0:35 left"
    )
    # 1,000 of 100,000 after 10 s: 100/s, 99,000 left = 990 s = 16:30; 0.24 marks round to 0.
    assert bar.line(1_000, 100_000, 10.0) == (
        "importing customers [........................] 1,000 / 100,000  100/s  16:30 left"
    )
    # 100 of 1,000,000 after 10 s: 10/s, 999,900 left = 99,990 s = 27 h 46 min 30 s.
    assert bar.line(100, 1_000_000, 10.0).endswith("10/s  27:46:30 left")
    assert bar.line(0, 10, 0.0) == "importing customers [........................] 0 / 10"
    assert bar.line(10, 10, 4.0).endswith("[########################] 10 / 10  2/s  in 0:04")


def test_the_bar_redraws_at_most_ten_times_a_second_and_ends_its_line() -> None:
    terminal, clock = Terminal(), Clock()
    bar = ProgressBar("importing customers", terminal, clock)
    for done in range(1, 100):
        clock.now += 1 / 32  # exact in binary: 3 steps are 0.094 s, 4 steps 0.125 s
        bar(done, 100)
    clock.now += 1 / 32
    bar(100, 100)
    drawn = terminal.getvalue().split("\r")[1:]
    counts = [int(line.split("] ")[1].split(" /")[0]) for line in drawn]
    assert counts == [*range(1, 100, 4), 100]  # every fourth row (0.125 s), and the last
    # 100 rows in 100/32 = 3.125 s: 32/s, shown after 3 s.
    assert drawn[-1] == "importing customers [########################] 100 / 100  32/s  in 0:03\n"
    assert all("\n" not in line for line in drawn[:-1])


def test_nothing_is_drawn_when_stderr_is_no_terminal() -> None:
    assert progress_bar("importing customers", io.StringIO()) is None
    assert isinstance(progress_bar("importing customers", Terminal()), ProgressBar)
