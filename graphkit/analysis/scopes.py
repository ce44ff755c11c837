"""The scopes of a recycled-measure family, spelled once (the stored spelling, also the CLI's).

* ``across-units``: members from two or more units;
* ``within-unit``: one unit answering two or more issues of one notice with one measure;
* ``across-notices``: one unit repeating itself in two or more of its notices.
"""

from __future__ import annotations

from typing import Literal

Scope = Literal["all", "across-units", "within-unit", "across-notices"]
SCOPES: tuple[str, ...] = ("across-units", "within-unit", "across-notices")
