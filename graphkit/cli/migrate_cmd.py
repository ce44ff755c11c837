"""`graphkit migrate`: a store written by an earlier graphkit, brought to this one's format."""

from __future__ import annotations

from graphkit.cli.common import err_console, out_console, state


def migrate_command() -> None:
    """Upgrade a store written by an earlier graphkit: every notice read again from its stored
    text (unit names and ids as this graphkit makes them), stale units removed, families
    detected anew. Safe to run again after an interruption; nothing to do on a current store."""
    from graphkit import service

    with service.open_store(state.settings, migrating=True) as store:
        where = service.store_location(store)
        with err_console.status("migrating"):
            result = service.migrate(store)
    if not result.migrated:
        out_console.print(
            f"{where} is current (store format {result.to_format}): nothing to migrate", soft_wrap=True
        )
        return
    removed = ", ".join(f"{n} {label}" for label, n in result.removed.items() if n) or "none"
    by = f"graphkit {result.from_version}" if result.from_version else "an earlier graphkit"
    out_console.print(
        f"migrated {where} from store format {result.from_format} ({by}) to {result.to_format}: "
        f"{result.notices} notices read again ({result.written} rewritten) · stale nodes removed: "
        f"{removed} · measures given their due date: {result.due} · recycled-measure families: "
        f"{result.families}",
        soft_wrap=True,
    )
