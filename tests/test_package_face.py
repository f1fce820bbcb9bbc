"""The package face: cheap to import, one name per idea, old names kept for one release.

``import wyoutcomes`` and ``wyoutcomes --version`` must not load the heavy libraries (scipy,
jinja2, pyarrow): checked in a fresh interpreter, since this test process has loaded them all.
"""

from __future__ import annotations

import subprocess
import sys
import warnings

import pandas as pd
import pytest

HEAVY = ("scipy", "jinja2", "pyarrow")


def _loaded_after(code: str) -> set[str]:
    script = f"import sys\n{code}\nprint(' '.join(sorted(sys.modules)))"
    out = subprocess.run(
        [sys.executable, "-X", "importtime", "-c", script],
        capture_output=True,
        text=True,
        check=True,
    )
    # -X importtime writes one line per module imported to stderr: the same evidence
    timed = {line.rsplit("|", 1)[-1].strip() for line in out.stderr.splitlines() if "|" in line}
    return set(out.stdout.split()) | timed


@pytest.mark.parametrize(
    "code",
    [
        "import wyoutcomes",
        "import wyoutcomes; wyoutcomes.__version__; wyoutcomes.UsageError",
        "from wyoutcomes.cli._base import cli\n"
        "try:\n    cli(['--version'])\nexcept SystemExit:\n    pass",
    ],
)
def test_the_package_face_loads_no_heavy_library(code):
    loaded = _loaded_after(code)
    assert not {m for m in loaded if m.split(".")[0] in HEAVY}


def test_the_curated_names_still_resolve():
    import wyoutcomes

    for name in wyoutcomes.__all__:
        assert getattr(wyoutcomes, name) is not None, name
    from wyoutcomes.store import Store

    assert wyoutcomes.Store is Store


def test_progress_is_the_subpackage_and_still_callable_for_a_release(monkeypatch):
    import wyoutcomes
    import wyoutcomes.progress.status  # failed while the name was bound to the function

    assert wyoutcomes.progress.status.Status is wyoutcomes.progress.Status
    calls = []
    monkeypatch.setattr(
        wyoutcomes.progress, "progress_frame", lambda *a, **k: calls.append((a, k)) or "frame"
    )
    with pytest.warns(DeprecationWarning, match="progress_frame"):
        out = wyoutcomes.progress("plan", "values", as_at="2024/25 Q2")
    assert out == "frame"
    assert calls == [(("plan", "values"), {"as_at": "2024/25 Q2"})]


def test_the_parsed_submission_keeps_its_old_name_for_a_release():
    from wyoutcomes.validation.readers import ParsedSubmission

    with pytest.warns(DeprecationWarning, match="ParsedSubmission"):
        from wyoutcomes.validation.readers import Submission
    assert Submission is ParsedSubmission


FRAME = pd.DataFrame(
    {
        "indicator_id": ["my-own"],
        "area_code": ["E1"],
        "period": ["2019"],
        "sex": ["Persons"],
        "age": ["All ages"],
        "category_type": [""],
        "category": [""],
        "value": [1.5],
        "lower_ci": [1.0],
        "upper_ci": [2.0],
    }
)


def test_plan_false_is_plan_rules_false_with_a_warning():
    """An analyst's own indicator ("my-own") passes when no plan rules run, and fails
    unknown-indicator against the bundled plan."""
    from wyoutcomes.validation import validate

    with warnings.catch_warnings():
        warnings.simplefilter("error")
        new = validate(FRAME, plan_rules=False, as_of="2025-01-15")
    with pytest.warns(DeprecationWarning, match="plan_rules=False"):
        old = validate(FRAME, plan=False, as_of="2025-01-15")
    assert new.outcome == old.outcome == "accepted"
    planned = validate(FRAME, as_of="2025-01-15")
    assert "unknown-indicator" in set(planned.failures["rule"].astype(str))


def test_old_value_parameter_names_warn(tmp_path):
    from wyoutcomes.store import Store
    from wyoutcomes.validation import validate

    with pytest.warns(DeprecationWarning, match=r"validate\(values=...\)"):
        report = validate(data_or_path=FRAME, plan_rules=False, as_of="2025-01-15")
    assert report.outcome == "accepted"
    with pytest.warns(DeprecationWarning, match=r"ingest\(values=...\)"):
        record = Store(tmp_path / "s").ingest(
            path_or_frame=FRAME, submitter="Leeds", plan_rules=False
        )
    assert record.accepted == 1


def test_rule_metadata_lives_in_the_catalogue():
    """The rules without a plan were a side list in the schema; now each rule says so."""
    from wyoutcomes.validation.catalogue import RULES

    planless = {
        c for c, r in RULES.items() if r.level == "row" and not r.needs_plan and not r.in_reader
    }
    assert planless == {
        "missing-value",
        "category-incomplete",
        "invalid-sex",
        "not-finite",
        "ci-inverted",
        "ci-not-bracketing",
        "negative-count",
        "duplicate-key",
    }
    assert {c for c, r in RULES.items() if r.in_reader} == {
        "ragged-row",
        "field-too-large",
        "not-exactly-representable",
        "not-a-number",
        "thousands-separator",
        "suppression-marker",
        "excel-error",
    }
