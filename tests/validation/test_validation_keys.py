"""Property: the packed key is equal exactly when every part of the key is equal, and the
duplicate groups are exactly the groups of equal tuples (checked against plain Python)."""

from __future__ import annotations

from collections import defaultdict

import numpy as np
import pyarrow as pa
from hypothesis import given, settings
from hypothesis import strategies as st

from wyoutcomes.validation.keys import duplicate_groups, encode, pack

cells = st.sampled_from(["", " ", "a", "b", "E08000035", "2017 - 19", None])


@settings(max_examples=100, deadline=None)
@given(st.lists(st.tuples(cells, cells, cells), min_size=0, max_size=40))
def test_packed_keys_and_duplicate_groups_match_plain_python(rows):
    columns = [pa.array([row[i] for row in rows], pa.string()) for i in range(3)]
    encoded = [encode(column) for column in columns]
    packed = pack([codes for codes, _ in encoded], [len(labels) for _, labels in encoded])

    def blank(cell):  # null, empty and blank text are one "empty"
        return "" if cell is None or not cell.strip() else cell

    keys = [tuple(blank(c) for c in row) for row in rows]
    for i in range(len(rows)):
        for j in range(len(rows)):
            assert (packed[i] == packed[j]) == (keys[i] == keys[j])
    expected = defaultdict(list)
    for i, key in enumerate(keys):
        expected[key].append(i)
    want = sorted(group for group in expected.values() if len(group) > 1)
    assert sorted(group.tolist() for group in duplicate_groups(packed)) == want


def test_packing_survives_radix_overflow():
    n = 1000
    rng = np.random.default_rng(1)
    codes = [rng.integers(-1, 60000, n).astype(np.int32) for _ in range(7)]
    packed = pack(codes, [60000] * 7)  # 60001^7 overflows int64: the prefix is re-encoded
    tuples = list(zip(*[c.tolist() for c in codes], strict=True))
    assert len(set(packed.tolist())) == len(set(tuples))
    codes[3][5] = codes[3][4]
    for c in codes:
        c[5] = c[4]
    packed = pack(codes, [60000] * 7)
    assert packed[4] == packed[5]
