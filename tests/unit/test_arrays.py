"""The sort-based unique helpers give exactly what np.unique gives."""

import numpy as np
import pytest

from graphkit.analysis.arrays import unique_inverse, unique_sorted


@pytest.mark.parametrize(
    "a",
    [
        np.array([], dtype=np.int64),
        np.array([7], dtype=np.int64),
        np.array([3, 1, 3, 3, 2, 1], dtype=np.int64),
        np.random.default_rng(0).integers(0, 50, 5000),
        np.random.default_rng(1).integers(0, 2**32, 100_000, dtype=np.uint64).astype(np.uint32),
    ],
)
def test_unique_helpers_match_numpy(a: np.ndarray) -> None:
    values, inverse = np.unique(a, return_inverse=True)
    got_values, got_inverse = unique_inverse(a)
    assert np.array_equal(got_values, values)
    assert np.array_equal(got_inverse, inverse.ravel())
    assert np.array_equal(got_values[got_inverse], a)
    assert np.array_equal(unique_sorted(a), values)
