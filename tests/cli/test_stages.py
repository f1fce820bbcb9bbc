"""Stage lines: nothing for quick work, the current stage once work passes 2 s, a closing line."""

from __future__ import annotations

from click.testing import CliRunner

from wyoutcomes.cli import cli
from wyoutcomes.cli._stages import Stages


class Clock:
    def __init__(self) -> None:
        self.now = 100.0

    def __call__(self) -> float:
        return self.now


def _stages(clock: Clock, lines: list[str]) -> Stages:
    stages = Stages("report", enabled=True, echo=lines.append, clock=clock)
    stages._watch = lambda: None  # the test drives the clock; no watching thread
    return stages


def test_quick_work_prints_nothing():
    clock, lines = Clock(), []
    with _stages(clock, lines) as stages:
        stages.stage("reading the store")
        clock.now += 1.5
        stages.stage("rendering the report")
    assert lines == []


def test_slow_work_prints_each_new_stage_repeats_long_ones_and_closes():
    clock, lines = Clock(), []
    with _stages(clock, lines) as stages:
        stages.stage("reading the store")
        clock.now += 2.5
        stages.tick()
        stages.tick()  # same stage, not yet 10 s later: no repeat
        clock.now += 10
        stages.tick()
        stages.stage("writing the PDF")
        clock.now += 1
    assert lines == [
        "report: reading the store … (2 s)",
        "report: reading the store … (12 s)",
        "report: writing the PDF … (12 s)",
        "report: done in 14 s",
    ]


def test_disabled_prints_nothing_however_slow():
    clock, lines = Clock(), []
    stages = Stages("demo", enabled=False, echo=lines.append, clock=clock)
    with stages:
        clock.now += 60
        stages.stage("rendering")
    assert lines == []


def test_not_a_terminal_means_silent_by_default():
    # CliRunner's stderr is not a terminal
    assert Stages("x").enabled is False


def test_long_commands_take_the_progress_option():
    for command in ("demo", "report", "ingest", "validate"):
        result = CliRunner().invoke(cli, [command, "--help"])
        assert "--progress / --no-progress" in result.output, command
