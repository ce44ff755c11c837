"""Plain dicts from record-like objects, spelled one way for every layer.

Results, families, items and graph values all turn into JSON-ready dicts the same way: their
named fields in a fixed order, a few of them converted, renamed or copied. This module imports
nothing of graphkit, so parse, analysis, stores and the service may all use it.
"""

from __future__ import annotations

from typing import Any

__all__ = ["field_dict"]


def field_dict(obj: object, names: str, **values: Any) -> dict[str, Any]:
    """``{name: obj.name}`` for each of the space-separated ``names``, in that order.

    An entry of ``values`` stands in for the field of its name, in that field's place (a
    converted or copied value); one that names no field is added after them (a renamed or
    computed value): ``field_dict(fam, "id units", units=list(fam.units), measures=[…])``.
    """
    out = {name: getattr(obj, name) for name in names.split()}
    out.update(values)
    return out
