"""The embedded store's buffer pool (issue 16, families_store at 1M under 4 GB): bounded by
default, sized by GRAPHKIT_BUFFER_POOL, and a pool too small for what a statement needs is one
line naming the store and the setting, on a real LadybugDB store.

LadybugDB's own default (`buffer_pool_size=0`) is ~80 % of the machine's memory, and one
connection kept ~100 MB of the pool from every write transaction: a long load grew without
bound, or failed in a bounded pool once the kept memory filled it.
"""

from __future__ import annotations

import os
import subprocess
import sys
from pathlib import Path

import pytest

from graphkit.errors import QueryError, StoreError
from graphkit.ingest import load_records
from graphkit.stores.embedded_store import BUFFER_POOL_ENV, EmbeddedStore, buffer_pool_bytes
from graphkit.testing.synth import generate

MB, GB = 1024**2, 1024**3


def _pool(store: EmbeddedStore) -> tuple[int, int]:
    """(limit, in use) of the store's buffer pool, as LadybugDB reports them."""
    limit, used = store._rows("CALL bm_info() RETURN *")[0]
    return int(limit), int(used)


def _cli_error_line(setting: str, *args: str) -> str:
    """`graphkit ARGS` with GRAPHKIT_BUFFER_POOL=setting: exit 2 and one line on stderr."""
    env = {**os.environ, BUFFER_POOL_ENV: setting}
    res = subprocess.run(
        [sys.executable, "-m", "graphkit.cli.app", *args],
        capture_output=True,
        text=True,
        env=env,
        timeout=300,
    )
    assert res.returncode == 2, (res.returncode, res.stdout, res.stderr)
    lines = [line for line in res.stderr.splitlines() if line.strip()]
    assert len(lines) == 1 and "Traceback" not in res.stderr, res.stderr
    return lines[0]


def test_default_pool_is_a_quarter_of_the_machine_within_bounds(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.delenv(BUFFER_POOL_ENV, raising=False)
    assert buffer_pool_bytes(machine=1 * GB) == 512 * MB
    assert buffer_pool_bytes(machine=4 * GB) == 1 * GB
    assert buffer_pool_bytes(machine=64 * GB) == 2 * GB
    machine = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    with EmbeddedStore(tmp_path / "db") as store:
        limit, _ = _pool(store)
    assert limit == buffer_pool_bytes() <= 2 * GB
    if machine > 3 * GB:  # LadybugDB's own default would be ~80 % of it
        assert limit < machine // 2


@pytest.mark.parametrize(
    ("setting", "size"), [("96MB", 96 * MB), ("1.5GB", 3 * GB // 2), ("1g", GB), (str(200 * MB), 200 * MB)]
)
def test_the_setting_sizes_the_pool(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch, setting: str, size: int
) -> None:
    monkeypatch.setenv(BUFFER_POOL_ENV, setting)
    with EmbeddedStore(tmp_path / "db") as store:
        assert store.buffer_pool == size
        assert _pool(store)[0] == size


def test_zero_leaves_ladybugdb_its_own_default(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(BUFFER_POOL_ENV, "0")
    machine = os.sysconf("SC_PAGE_SIZE") * os.sysconf("SC_PHYS_PAGES")
    with EmbeddedStore(tmp_path / "db") as store:
        assert _pool(store)[0] > machine // 2


def test_a_setting_that_is_not_a_size_is_one_line(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setenv(BUFFER_POOL_ENV, "lots")
    with pytest.raises(StoreError, match=f"{BUFFER_POOL_ENV}='lots' is not a size"):
        EmbeddedStore(tmp_path / "db")
    line = _cli_error_line("lots", "--store", "embedded", "--db", str(tmp_path / "db"), "stats")
    assert f"{BUFFER_POOL_ENV}='lots' is not a size" in line
    assert not (tmp_path / "db").exists()


def test_a_pool_too_small_to_open_names_the_store_and_the_setting(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv(BUFFER_POOL_ENV, "8MB")
    with pytest.raises(StoreError) as err:
        EmbeddedStore(tmp_path / "db")
    msg = str(err.value)
    assert "\n" not in msg
    assert str(tmp_path / "db") in msg and "(8MB)" in msg and f"{BUFFER_POOL_ENV}=16MB" in msg
    assert not (tmp_path / "db").exists()  # the store this open began is not left half made
    samples = Path(__file__).resolve().parents[2] / "graphkit" / "samples"
    line = _cli_error_line("8MB", "--store", "embedded", "--db", str(tmp_path / "db"), "ingest", str(samples))
    assert str(tmp_path / "db") in line and f"set {BUFFER_POOL_ENV} larger" in line
    assert not (tmp_path / "db").exists()


def test_a_transaction_larger_than_the_pool_is_rolled_back_in_one_line(tmp_path: Path) -> None:
    with EmbeddedStore(tmp_path / "db", buffer_pool=48 * MB) as store:
        big = "UNWIND range(1, 400000) AS i CREATE (:Person {id: 'p' + string(i), name: 'abcdefghijklmnopqrstuvwxyz'})"
        with pytest.raises(StoreError) as err:
            store.run_transaction([(big, {})])
        msg = str(err.value)
        assert msg.startswith("embedded write failed (rolled back): ")
        assert str(tmp_path / "db") in msg and "(48MB)" in msg and f"{BUFFER_POOL_ENV}=96MB" in msg
        # nothing of it stayed, and the store goes on
        assert store.query("MATCH (p:Person) RETURN count(p) AS n").rows == [[0]]
        store.run_transaction([("CREATE (:Person {id: 'p1', name: '张三'})", {})])
        assert store.query("MATCH (p:Person) RETURN p.name").rows == [["张三"]]


def test_a_query_larger_than_the_pool_names_the_setting(tmp_path: Path) -> None:
    with EmbeddedStore(tmp_path / "db", buffer_pool=48 * MB) as store:
        with pytest.raises(StoreError, match=f"cannot hold what this statement needs; set {BUFFER_POOL_ENV}"):
            store.query(
                "UNWIND range(1, 2000000) AS i "
                "RETURN size(collect('abcdefghijklmnopqrstuvwxyz' + string(i))) AS n"
            )
        with pytest.raises(QueryError):  # any other error stays the query's own
            store.query("RETURN nothing_here(1)")
        assert store.query("RETURN 1 AS one").rows == [[1]]


def test_a_long_load_keeps_no_pool_memory_from_batch_to_batch(tmp_path: Path) -> None:
    """Ten write transactions into a pool that holds about two of them: one connection kept
    each transaction's memory until closed (the second batch failed, 95 of 160 MB held after
    the first); the store renews its connection after every transaction."""
    records = generate(
        n_units=400, measures_per_notice=(25, 25), notices_per_unit=(1, 1), n_families=10, with_text=True
    ).records
    held: list[int] = []
    with EmbeddedStore(tmp_path / "db", buffer_pool=160 * MB) as store:
        summary = load_records(
            store,
            records,
            notices_per_batch=40,
            pipeline=False,
            on_batch=lambda _: held.append(_pool(store)[1]),
        )
        assert summary.written == 400
        assert store.query("MATCH (n:Notice) RETURN count(n)").rows == [[400]]
    assert len(held) == 10
    assert max(held) < 80 * MB, [h // MB for h in held]
