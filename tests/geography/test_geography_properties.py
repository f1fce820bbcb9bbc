"""Property tests over the whole area table and its look-ups."""

from datetime import date

from hypothesis import given
from hypothesis import strategies as st

from wyoutcomes.geography import area, areas_valid_on, children, normalise_code, place_of, places
from wyoutcomes.geography.table import AREA_TYPES, load

codes = st.sampled_from(sorted(load()))
days = st.dates(min_value=date(2015, 1, 1), max_value=date(2030, 12, 31))


def test_every_parent_and_linked_code_exists_and_dates_are_ordered():
    table = load()
    for row in table.values():
        assert row.parent_code is None or row.parent_code in table, row.code
        assert row.place is None or table[row.place].type == "place", row.code
        assert all(code in table for code in row.replaces), row.code
        if row.valid_from and row.valid_to:
            assert row.valid_from < row.valid_to, row.code
        assert row.type in AREA_TYPES


def test_no_area_is_its_own_ancestor():
    table = load()
    for row in table.values():
        seen = {row.code}
        parent = row.parent_code
        while parent is not None:
            assert parent not in seen, row.code
            seen.add(parent)
            parent = table[parent].parent_code


def test_a_replaced_code_ends_the_day_before_its_successor_starts():
    table = load()
    for row in table.values():
        for old in row.replaces:
            end = table[old].valid_to
            assert end is not None and row.valid_from is not None
            assert (row.valid_from - end).days == 1, (old, row.code)


@given(codes)
def test_lookup_is_stable_under_spelling(code):
    found = area(code)
    assert area(code.lower()) == found
    assert area(f"  {code} ") == found
    if code.startswith("E"):
        assert area("n" + code) == found
    assert normalise_code(normalise_code(code)) == normalise_code(code)


@given(codes, days)
def test_every_child_names_its_parent(code, day):
    assert all(code in (c.parent_code, c.former_parent_code) for c in children(code))
    on_day = children(code, on=day)
    assert all(c.parent_on(day) == code and c.is_valid_on(day) for c in on_day)
    assert {c.code for c in on_day} <= {c.code for c in children(code)}


@given(days)
def test_areas_valid_on_agrees_with_each_row(day):
    valid = {a.code for a in areas_valid_on(day)}
    for row in load().values():
        assert (row.code in valid) == row.is_valid_on(day)


@given(codes)
def test_place_of_is_a_plan_place_or_none(code):
    place = place_of(code)
    assert place is None or place in {p.code for p in places()}
