"""Files → notice records: expand the inputs, read each file, parse each notice it holds.

`parse_paths` yields, in input order, one result per notice (a `NoticeRecord`) or per failure
(an `InputError` naming the file or `file#k`). A failing file never stops the others. With
`jobs > 1` files are read and parsed in a process pool; at most a few batches per worker are
in flight at a time, so memory stays flat however many files there are.
"""

from __future__ import annotations

import contextlib
import json
import os
import sys
from collections import deque
from collections.abc import Callable, Iterable, Iterator, Sequence
from concurrent.futures import ProcessPoolExecutor
from typing import NamedTuple, TypeAlias

from graphkit.errors import InputError
from graphkit.read import SUPPORTED_SUFFIXES
from graphkit.records import NoticeRecord

ParseResult: TypeAlias = NoticeRecord | InputError
"""One notice's record, or the reason a file (or one notice in it) could not be parsed."""

Parser: TypeAlias = Callable[[str, str], NoticeRecord]
"""`parse_notice(text, source) -> NoticeRecord`; must be a module-level function for `jobs > 1`."""

# Files per task sent to a worker: enough to amortise the inter-process round trip, small
# enough that results come back steadily and in order.
_BATCH = 4
# Batches in flight per worker.
_WINDOW_PER_JOB = 4


class Input(NamedTuple):
    """One file to read (`path`, or `-` for standard input) and the name its records carry.

    `source` is the path as the user gave it, or, for a file found in a folder given as an
    absolute path, the folder's name joined to the file's path inside it: a record, a Notice
    node and `dcterms:source` never carry the layout of the machine that read them.
    """

    path: str
    source: str


def iter_inputs(paths: list[str]) -> Iterator[str]:
    """Expand the command-line inputs into files, in order.

    A directory is walked recursively (sorted, symlinked folders not followed) for files whose
    suffix is one of .txt .html .htm .docx .pdf; anything else named directly is passed on as
    it is (so a missing or unsupported file gets its own error later); `-` is standard input.
    """
    for item in iter_sourced(paths):
        yield item.path


def iter_sourced(paths: Iterable[str | Input]) -> Iterator[Input]:
    """`iter_inputs` with each file's source name (see `Input`); an `Input` passes through."""
    for path in paths:
        if isinstance(path, Input):
            yield path
        elif path != "-" and os.path.isdir(path):
            root = os.path.dirname(os.path.normpath(path)) if os.path.isabs(path) else None
            for found in _walk(path):
                yield Input(found, found if root is None else os.path.relpath(found, root))
        else:
            yield Input(path, path)


def _walk(root: str) -> Iterator[str]:
    for dirpath, dirnames, filenames in os.walk(root):
        dirnames.sort()
        for name in sorted(filenames):
            if os.path.splitext(name)[1].lower() in SUPPORTED_SUFFIXES:
                yield os.path.join(dirpath, name)


def parse_paths(
    paths: Sequence[str | Input],
    jobs: int = 1,
    *,
    debug: bool = False,
    parser: Parser | None = None,
) -> Iterator[ParseResult]:
    """Read and parse every input, yielding results in input order.

    Args:
        paths: files, directories (read recursively) or `-` for standard input; an `Input`
            names the source its records carry.
        jobs: worker processes; 1 reads and parses in this process.
        debug: let unexpected exceptions propagate instead of turning them into InputError.
        parser: the notice parser; defaults to `graphkit.parse.parse_notice`.

    Yields:
        A NoticeRecord per notice, or an InputError per file (or notice) that failed; an
        unexpected exception becomes `InputError(path, "internal error: …")` unless `debug`.
    """
    for item in _results(paths, jobs, debug, parser, as_json=False):
        assert not isinstance(item, RecordLine)
        yield item


class RecordLine(NamedTuple):
    """A record already serialised as one JSON Lines line (no newline), its source, and its
    warnings as (code, message) pairs, so that callers can report them without re-reading JSON."""

    source: str
    json: str
    warnings: tuple[tuple[str, str], ...] = ()


def parse_paths_json(
    paths: Sequence[str | Input],
    jobs: int = 1,
    *,
    debug: bool = False,
    parser: Parser | None = None,
) -> Iterator[RecordLine | InputError]:
    """Like `parse_paths`, with each record serialised to its JSON line where it was parsed.

    `graphkit parse` uses this: with `jobs > 1` the workers serialise, so the main process
    only writes lines instead of unpickling and re-serialising records.
    """
    for item in _results(paths, jobs, debug, parser, as_json=True):
        assert not isinstance(item, NoticeRecord)
        yield item


def record_json(record: NoticeRecord) -> str:
    """The JSON Lines form of a record: `model_dump(mode="json")`, non-ASCII kept readable."""
    return json.dumps(record.model_dump(mode="json"), ensure_ascii=False)


def _results(
    paths: Sequence[str | Input], jobs: int, debug: bool, parser: Parser | None, as_json: bool
) -> Iterator[ParseResult | RecordLine]:
    items = _with_stdin(iter_sourced(paths))
    if jobs <= 1:
        for path, source, data in items:
            for result in parse_one(path, data, debug=debug, parser=parser, source=source):
                yield _serialise(result) if as_json else result
        return
    yield from _parallel(items, jobs, debug, parser, as_json)


def _serialise(result: ParseResult) -> RecordLine | InputError:
    if isinstance(result, InputError):
        return result
    return record_line(result)


def record_line(record: NoticeRecord) -> RecordLine:
    """The RecordLine of a record."""
    return RecordLine(record.source, record_json(record), tuple((w.code, w.message) for w in record.warnings))


def _with_stdin(inputs: Iterable[Input]) -> Iterator[_Item]:
    """Each input with its bytes when they must be read here (stdin), else None."""
    for path, source in inputs:
        if path == "-":
            from graphkit.read import max_input_bytes

            limit = max_input_bytes()
            data = sys.stdin.buffer.read(limit + 1)
            yield path, source, data
        else:
            yield path, source, None


def parse_one(
    path: str,
    data: bytes | None = None,
    *,
    debug: bool = False,
    parser: Parser | None = None,
    source: str | None = None,
) -> list[ParseResult]:
    """Read one file (or the given bytes) and parse each notice in it; never raises unless debug.

    Records carry `source` (default: `path`), with `#k` for the k-th notice of a file that holds
    several; errors name `path`, the file the user can open.
    """
    from graphkit.read import input_kind, read_bytes, read_path

    try:
        if data is None:
            texts = read_path(path)
        else:
            from graphkit.read import max_input_bytes

            if len(data) > max_input_bytes():
                raise InputError(path, f"too large: more than {max_input_bytes() / 2**20:g} MB")
            texts = read_bytes(data, path, input_kind(path, data))
    except InputError as exc:
        return [exc]
    except Exception as exc:
        if debug:
            raise
        return [InputError(path, f"internal error: {type(exc).__name__}: {exc}")]
    out: list[ParseResult] = []
    for st in texts:
        named = st.source if source is None or source == path else source + st.source[len(path) :]
        try:
            parse = parser or _default_parser()
            record = parse(st.text, named)
            if record.text is None:  # the clean text that spans point into travels with the record
                record.text = st.text
            out.append(record)
        except InputError as exc:
            out.append(type(exc)(st.source, exc.reason) if exc.path == named != st.source else exc)
        except Exception as exc:
            if debug:
                raise
            out.append(InputError(st.source, f"internal error: {type(exc).__name__}: {exc}"))
    return out


def _default_parser() -> Parser:
    from graphkit.parse import parse_notice

    return parse_notice


# Per file of a batch, its results.
_BatchResults: TypeAlias = list[list[ParseResult | RecordLine]]
# a file's path, its source name and its bytes when they were read here (stdin), else None
_Item: TypeAlias = tuple[str, str, bytes | None]


def _parse_batch(batch: list[_Item], debug: bool, parser: Parser | None, as_json: bool) -> _BatchResults:
    """Parse a worker's files; results cross back as they are (InputError pickles itself)."""
    return [
        [
            _serialise(r) if as_json else r
            for r in parse_one(path, data, debug=debug, parser=parser, source=source)
        ]
        for path, source, data in batch
    ]


def _batches(items: Iterator[_Item], size: int) -> Iterator[list[_Item]]:
    batch: list[_Item] = []
    for item in items:
        batch.append(item)
        if len(batch) >= size:
            yield batch
            batch = []
    if batch:
        yield batch


def _preload(parser: Parser | None) -> None:
    """Import the reading and parsing code here, so that forked workers inherit it."""
    import graphkit.read.chrome
    import graphkit.read.decode
    import graphkit.read.split
    import graphkit.read.whitespace  # noqa: F401

    if parser is None:
        with contextlib.suppress(ImportError):  # each file will report it
            _default_parser()


def die_with_parent(parent: int) -> None:
    """Make this worker process die with its parent (a pool's initializer).

    A pool's workers wait on a pipe that every sibling also holds open, so a parent killed with
    `kill -9` (no clean shutdown) left them waiting for ever. On Linux the kernel sends SIGKILL
    to this process when its parent dies (prctl PR_SET_PDEATHSIG); a parent that died before
    this ran is seen by its pid.
    """
    import signal

    if sys.platform.startswith("linux"):
        import ctypes

        with contextlib.suppress(OSError, AttributeError):
            libc = ctypes.CDLL(None, use_errno=True)
            libc.prctl(1, signal.SIGKILL, 0, 0, 0)  # PR_SET_PDEATHSIG = 1
    if os.getppid() != parent:
        os._exit(1)


def _parallel(
    items: Iterator[_Item], jobs: int, debug: bool, parser: Parser | None, as_json: bool
) -> Iterator[ParseResult | RecordLine]:
    from concurrent.futures import Future
    from concurrent.futures.process import BrokenProcessPool

    _preload(parser)
    window = max(2, jobs * _WINDOW_PER_JOB)
    pending: deque[tuple[list[_Item], Future[_BatchResults]]] = deque()
    batches = _batches(items, _BATCH)
    pool = _pool(jobs)
    try:
        exhausted = False
        while True:
            while not exhausted and len(pending) < window:
                batch = next(batches, None)
                if batch is None:
                    exhausted = True
                    break
                pending.append((batch, pool.submit(_parse_batch, batch, debug, parser, as_json)))
            if not pending:
                return
            batch, future = pending.popleft()
            try:
                per_file = future.result()
            except BrokenProcessPool:
                if debug:
                    raise
                # A worker died (killed, out of memory): report this batch's files, start a
                # fresh pool and resubmit what was in flight.
                for path, _source, _data in batch:
                    yield InputError(path, "internal error: worker process died while reading this file")
                pool.shutdown(wait=False, cancel_futures=True)
                pool = _pool(jobs)
                pending = deque(
                    (b, pool.submit(_parse_batch, b, debug, parser, as_json)) for b, _f in pending
                )
                continue
            except Exception as exc:
                if debug:
                    raise
                for path, _source, _data in batch:
                    yield InputError(path, f"internal error: {type(exc).__name__}: {exc}")
                continue
            for results in per_file:
                yield from results
    finally:
        pool.shutdown(wait=True, cancel_futures=True)


def _pool(jobs: int) -> ProcessPoolExecutor:
    """A pool of `jobs` workers that die with this process."""
    return ProcessPoolExecutor(max_workers=jobs, initializer=die_with_parent, initargs=(os.getpid(),))
