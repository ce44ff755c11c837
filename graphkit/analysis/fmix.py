"""MurmurHash3's finaliser (``fmix``), vectorised: the xor-shift-multiply steps that spread
every bit of a hash over the whole word.

Its 32-bit form mixes the shingle hashes before MinHash permutes them (``lsh``, as datasketch
does), its 64-bit form ends the shingle hash (``shingles``). The two are one sequence of steps
with other shifts and multipliers, so both are read from one table here.
"""

from __future__ import annotations

import numpy as np

__all__ = ["fmix"]

# bits → (word type, the three shifts, the two multipliers), as MurmurHash3 defines them
_STEPS: dict[int, tuple[type[np.unsignedinteger], tuple[int, int, int], tuple[int, int]]] = {
    32: (np.uint32, (16, 13, 16), (0x85EBCA6B, 0xC2B2AE35)),
    64: (np.uint64, (33, 33, 33), (0xFF51AFD7ED558CCD, 0xC4CEB9FE1A85EC53)),
}


def fmix(h: np.ndarray, bits: int) -> np.ndarray:
    """``fmix32`` (``bits=32``, on uint32) or ``fmix64`` (``bits=64``, on uint64) of every value
    of ``h``; multiplications wrap around, as in C."""
    word, (s1, s2, s3), (m1, m2) = _STEPS[bits]
    h = h ^ (h >> word(s1))
    h = h * word(m1)
    h = h ^ (h >> word(s2))
    h = h * word(m2)
    out: np.ndarray = h ^ (h >> word(s3))
    return out
