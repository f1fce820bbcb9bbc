"""Spec tests for the area table and its look-ups.

Expected codes, names and dates come from public lookups (ONS codes, NHS Digital MHSDS
mapping tables, the ICB's own page): E54000005 to March 2021, E54000054 from April 2021
(ICB 1 July 2022), the CCG mergers of 1 April 2020, North Yorkshire's unitary authority from
1 April 2023.
"""

import doctest
from datetime import date, datetime

import pandas as pd
import pytest

from wyoutcomes import geography
from wyoutcomes.errors import AreaError
from wyoutcomes.geography import (
    area,
    areas,
    areas_valid_on,
    carriers,
    children,
    is_valid_on,
    lookup,
    normalise_code,
    place_of,
    places,
    table,
)


@pytest.mark.parametrize(
    ("code", "name", "kind", "parent"),
    [
        ("E92000001", "England", "country", None),
        ("E12000003", "Yorkshire and The Humber", "region", "E92000001"),
        ("E54000054", "NHS West Yorkshire ICB", "stp_icb", "E40000012"),
        ("E54000051", "NHS Humber and North Yorkshire ICB", "stp_icb", "E40000012"),
        ("E56000030", "West Yorkshire and Harrogate Cancer Alliance", "cancer_alliance", None),
        ("E38000073", "NHS Harrogate and Rural District CCG", "sub_icb_ccg", "E54000005"),
        ("E08000032", "Bradford", "local_authority", "E12000003"),
        ("E07000165", "Harrogate", "local_authority", "E10000023"),
        ("E06000065", "North Yorkshire", "local_authority", "E12000003"),
    ],
)
def test_lookup_by_code(code, name, kind, parent):
    found = area(code)
    assert (found.code, found.name, found.type) == (code, name, kind)
    if parent is not None:
        assert found.parent_code == parent


@pytest.mark.parametrize(
    ("code", "ods"),
    [
        ("E54000005", "QWO"),
        ("E54000054", "QWO"),
        ("E54000051", "QOQ"),
        ("E38000232", "36J"),
        ("E38000254", "X2C4Y"),
        ("E38000241", "42D"),
        ("E38000025", "02T"),
        ("E38000225", "15F"),
        ("E38000190", "03R"),
    ],
)
def test_ods_codes(code, ods):
    assert area(code).ods_code == ods
    assert geography.from_ods(ods.lower(), on=area(code).valid_to or date(2023, 1, 1)) == area(code)


def test_an_ods_code_used_twice_needs_a_date():
    with pytest.raises(AreaError, match=r"several areas.*E54000005.*E54000054"):
        geography.from_ods("QWO")
    assert geography.from_ods("QWO", on=date(2021, 3, 31)).code == "E54000005"
    with pytest.raises(AreaError, match="no area in the table has ODS code '36J' on 2019-01-01"):
        geography.from_ods("36J", on=date(2019, 1, 1))


@pytest.mark.parametrize(
    ("raw", "canonical"),
    [
        ("nE54000054", "E54000054"),
        ("NE54000051", "E54000051"),
        (" e08000035\t", "E08000035"),
        ("E92000001", "E92000001"),
        ("wyhbdc", "WYHBDC"),
    ],
)
def test_normalise_code(raw, canonical):
    assert normalise_code(raw) == canonical
    assert area(raw).code == canonical


def test_unknown_code_names_the_code_and_suggests_close_ones():
    with pytest.raises(AreaError) as caught:
        area("E08000037")
    message = str(caught.value)
    assert "'E08000037'" in message and "did you mean" in message and "E08000036" in message
    with pytest.raises(AreaError, match="'XYZ'"):
        area("XYZ")
    with pytest.raises(AreaError, match="is a int, not text"):
        area(8000032)


@pytest.mark.parametrize(
    ("code", "day", "valid"),
    [
        # the CCG mergers of 1 April 2020
        ("E38000001", date(2020, 3, 31), True),
        ("E38000001", date(2020, 4, 1), False),
        ("E38000232", date(2020, 3, 31), False),
        ("E38000232", date(2020, 4, 1), True),
        ("E38000064", date(2020, 4, 1), False),
        ("E38000254", date(2020, 4, 1), True),
        ("E38000073", date(2020, 4, 1), False),
        ("E38000241", date(2020, 4, 1), True),
        # the STP code change of April 2021 and the ICBs of 1 July 2022
        ("E54000005", date(2021, 3, 31), True),
        ("E54000005", date(2021, 4, 1), False),
        ("E54000054", date(2021, 4, 1), True),
        ("E54000054", date(2022, 7, 1), True),
        ("E38000225", date(2018, 3, 31), False),
        ("E38000225", date(2022, 7, 1), True),
        ("E38000025", date(2022, 7, 1), True),
        # North Yorkshire on 1 April 2023
        ("E10000023", date(2023, 3, 31), True),
        ("E10000023", date(2023, 4, 1), False),
        ("E07000165", date(2023, 4, 1), False),
        ("E07000163", date(2023, 3, 31), True),
        ("E06000065", date(2023, 3, 31), False),
        ("E06000065", date(2023, 4, 1), True),
        ("E08000035", date(2023, 4, 1), True),
    ],
)
def test_validity_around_the_code_changes(code, day, valid):
    assert is_valid_on(code, day) is valid
    assert is_valid_on(code, datetime(day.year, day.month, day.day, 12)) is valid


def test_areas_valid_on_a_date_by_type():
    before = {a.code for a in areas_valid_on(date(2020, 3, 31), "sub_icb_ccg")}
    after = {a.code for a in areas_valid_on(date(2020, 4, 1), "sub_icb_ccg")}
    # the nine CCGs of the 2019 plan
    assert before == {
        "E38000001",
        "E38000018",
        "E38000019",
        "E38000025",
        "E38000064",
        "E38000121",
        "E38000073",
        "E38000225",
        "E38000190",
    }
    assert after == {
        "E38000232",
        "E38000254",
        "E38000241",
        "E38000025",
        "E38000225",
        "E38000190",
    }
    las_2023 = {a.code for a in areas_valid_on(date(2023, 4, 1), "local_authority")}
    assert las_2023 == {f"E0800003{i}" for i in range(2, 7)} | {"E06000065"}
    with pytest.raises(AreaError, match="unknown area type 'ccg'"):
        areas_valid_on(date(2023, 4, 1), "ccg")


def test_children():
    assert [a.code for a in children("E10000023")] == ["E07000163", "E07000165"]
    sub_icbs = [a.code for a in children("nE54000054")]
    assert sub_icbs == ["E38000025", "E38000190", "E38000225", "E38000232", "E38000254"]
    wyh_2019 = {a.code for a in children("E54000005", on=date(2019, 6, 1)) if a.type != "place"}
    assert len(wyh_2019) == 9 and "E38000073" in wyh_2019  # Harrogate was in WY&H in 2019
    wyh_2020 = {a.code for a in children("E54000005", on=date(2020, 6, 1)) if a.type != "place"}
    assert wyh_2020 == {"E38000025", "E38000190", "E38000225", "E38000232", "E38000254"}
    ever = {a.code for a in children("E54000005") if a.type != "place"}
    assert ever == wyh_2019 | wyh_2020
    assert children("E54000005", on=date(2021, 4, 1)) == places()  # only the plan's places
    assert [a.code for a in children("E54000006", on=date(2020, 6, 1))] == ["E38000241"]
    assert [a.code for a in children("E54000051", on=date(2021, 4, 1))] == ["E38000241"]
    assert {a.code for a in children("E54000005") if a.type == "place"} == {
        p.code for p in places()
    }
    with pytest.raises(AreaError):
        children("E99999999")


def test_the_six_places_in_plan_order():
    assert [p.name for p in places()] == [
        "Bradford District and Craven",
        "Calderdale",
        "Harrogate",
        "Kirklees",
        "Leeds",
        "Wakefield",
    ]


@pytest.mark.parametrize(
    ("code", "place", "coverage"),
    [
        ("E08000032", "WYHBDC", "part"),  # Bradford without Craven
        ("E07000163", "WYHBDC", "part"),  # Craven
        ("E38000001", "WYHBDC", "part"),
        ("E38000018", "WYHBDC", "part"),
        ("E38000019", "WYHBDC", "part"),
        ("E38000232", "WYHBDC", "whole"),  # sub-ICB 36J = Bradford + Craven
        ("E08000033", "WYHCAL", "whole"),
        ("E38000025", "WYHCAL", "whole"),
        ("E07000165", "WYHHAR", "whole"),
        ("E38000073", "WYHHAR", "whole"),
        ("E08000034", "WYHKIR", "whole"),
        ("E38000254", "WYHKIR", "whole"),
        ("E38000064", "WYHKIR", "part"),
        ("E38000121", "WYHKIR", "part"),
        ("E08000035", "WYHLDS", "whole"),
        ("E38000225", "WYHLDS", "whole"),
        ("E08000036", "WYHWAK", "whole"),
        ("E38000190", "WYHWAK", "whole"),
        ("WYHLDS", "WYHLDS", "whole"),
    ],
)
def test_place_attribution(code, place, coverage):
    assert place_of(code) == place
    assert area(code).place_coverage == coverage
    assert area(place).type == "place"


@pytest.mark.parametrize(
    "code", ["E92000001", "E12000003", "E54000054", "E38000241", "E06000065", "E10000023"]
)
def test_codes_wider_than_a_place_carry_no_place(code):
    assert place_of(code) is None


def test_carriers_of_a_place():
    assert [a.code for a in carriers("WYHBDC", coverage="whole")] == ["E38000232"]
    assert [a.code for a in carriers("WYHBDC")] == [
        "E07000163",
        "E08000032",
        "E38000001",
        "E38000018",
        "E38000019",
        "E38000232",
    ]
    with pytest.raises(AreaError, match="is a local_authority, not a place"):
        carriers("E08000035")


def test_replacements_follow_the_reference():
    assert area("E54000054").replaces == ("E54000005",)
    assert set(area("E38000232").replaces) == {"E38000001", "E38000018", "E38000019"}
    assert set(area("E38000254").replaces) == {"E38000064", "E38000121"}
    assert set(area("E06000065").replaces) >= {"E10000023", "E07000163", "E07000165"}


def test_unverified_values_are_flagged():
    # ODS ↔ name unverified for 02N/02R/02W/03A/03J/03E
    for code in ("E38000001", "E38000019", "E38000018", "E38000064", "E38000121", "E38000073"):
        assert "ods_code" in area(code).unverified
        assert not area(code).verified
    assert area("E08000035").verified


def test_areas_frame():
    frame = areas()
    assert list(frame.columns) == list(table.COLUMNS)
    assert frame["code"].is_unique and len(frame) == len(table.load())
    assert pd.api.types.is_datetime64_any_dtype(frame["valid_to"])
    row = frame.set_index("code").loc["E38000232"]
    assert row["valid_from"] == pd.Timestamp("2020-04-01") and pd.isna(row["valid_to"])
    frame.loc[0, "name"] = "changed"  # a copy: the cached table is untouched
    assert area(frame.loc[0, "code"]).name != "changed"


@pytest.mark.parametrize(
    ("edit", "fragment"),
    [
        (lambda t: t.replace("E92000001,England,country", "E92000001,England,county"), "type"),
        (lambda t: t.replace(",2020-03-31,WYHBDC", ",2020-31-03,WYHBDC", 1), "not a date"),
        (
            lambda t: t.replace("E12000003,Yorkshire and The Humber,", "E12000003,,"),
            "name: must not",
        ),
        (lambda t: t.replace("WYHKIR,part", "WYHKIX,part", 1), "WYHKIX is not in the table"),
        (lambda t: t.replace("WYHKIR,part", "E08000034,part", 1), "is not a place"),
        (lambda t: t.replace("WYHKIR,part", "WYHKIR,most", 1), "place_coverage"),
        (lambda t: t + t.splitlines()[1] + "\n", "appears twice"),
        (lambda t: t.replace(",,2020-03-31,WYHKIR", ",2021-01-01,2020-03-31,WYHKIR", 1), "before"),
        (lambda t: t.replace("code,name", "area_code,name", 1), "columns must be"),
    ],
)
def test_a_bad_edit_of_the_table_is_refused_with_line_and_column(edit, fragment):
    text = table.resources.files("wyoutcomes.geography").joinpath(table.TABLE).read_text("utf-8")
    with pytest.raises(AreaError, match=fragment):
        table.read_table(edit(text), "areas.csv")


def test_docstring_examples_hold():
    for module in (geography, lookup, table):
        result = doctest.testmod(module)
        assert result.failed == 0
