"""Files → notice records, with the errors and parser warnings each command reports."""

from __future__ import annotations

import dataclasses
import os
from collections.abc import Iterable, Iterator

from graphkit.errors import GraphkitError, InputError, RecordError
from graphkit.pipeline import RecordLine, iter_sourced, parse_paths, parse_paths_json
from graphkit.records import NoticeRecord
from graphkit.service.results import NoticeWarning, Parsed, WarningTally


class ParseRun:
    """Reading and parsing some inputs: iterate it once for one `Parsed` per notice or failure.

    The inputs are expanded when the run is made (`files`, `empty_folders`); reading and
    parsing happen while it is iterated, in input order, and the counts (`errors`, `tally`,
    `parsed`, `failed`) grow as it goes.

    Attributes:
        files: the input files, folders walked (recursively, sorted); `-` is standard input.
        empty_folders: folders given that hold no file graphkit reads.
        tally: the parser's warnings so far (and whether the run is strict).
        errors: the inputs (or notices in them) that could not be read or parsed.
        parsed: notices that gave a record (not held back).
        held: notices held back by `strict` for their warnings.
    """

    def __init__(
        self,
        paths: Iterable[str],
        *,
        jobs: int = 1,
        strict: bool = False,
        debug: bool = False,
        as_json: bool = False,
    ) -> None:
        given = [str(p) for p in paths]
        self.inputs = list(iter_sourced(given))
        self.files = [i.path for i in self.inputs]
        self.empty_folders = [p for p in given if _is_empty_folder(p, self.files)]
        self.tally = WarningTally(strict)
        self.errors: list[GraphkitError] = []
        self.parsed = 0
        self.held = 0
        self._jobs, self._debug, self._as_json = jobs, debug, as_json

    @property
    def failed(self) -> int:
        """Inputs that gave no record so far: empty folders, errors and held-back notices."""
        return len(self.empty_folders) + len(self.errors) + self.held

    def __iter__(self) -> Iterator[Parsed]:
        path_of = {i.source: i.path for i in self.inputs}  # a record names its source
        file_set = set(self.files) | set(path_of)
        parse = parse_paths_json if self._as_json else parse_paths
        for result in parse(self.inputs, jobs=self._jobs, debug=self._debug):
            item = parsed_item(result, self.tally, file_set)
            if item.file in path_of:
                item = dataclasses.replace(item, file=path_of[item.file])
            if item.error is not None:
                self.errors.append(item.error)
            elif item.held:
                self.held += 1
            else:
                self.parsed += 1
            yield item

    def records(self) -> Iterator[NoticeRecord]:
        """The records that go on (errors and held-back notices left out)."""
        for item in self:
            if item.ok and item.record is not None:
                yield item.record


def parse(
    paths: Iterable[str], *, jobs: int = 1, strict: bool = False, debug: bool = False, as_json: bool = False
) -> ParseRun:
    """Read and parse notice files into records, reporting what went wrong per input.

    Args:
        paths: files (.txt .html .htm .docx .pdf), folders (read recursively) or `-` for stdin.
        jobs: worker processes; 1 reads and parses in this process.
        strict: a notice with parser warnings fails: it gives no record (`Parsed.held`).
        debug: let unexpected exceptions propagate instead of becoming an error per input.
        as_json: give each record as its JSON Lines line (`Parsed.line`), serialised where it
            was parsed, instead of a NoticeRecord.

    Returns:
        The run: iterate it (once) for a `Parsed` per notice or failure, in input order.
    """
    return ParseRun(paths, jobs=jobs, strict=strict, debug=debug, as_json=as_json)


def parsed_item(
    result: NoticeRecord | RecordLine | GraphkitError, tally: WarningTally, files: set[str] | None = None
) -> Parsed:
    """One parse result as a `Parsed`, its warnings counted in `tally` (which may hold it back)."""
    if isinstance(result, GraphkitError):
        where = _where(result)
        return Parsed(_file_of(where, files), where, error=result)
    if isinstance(result, RecordLine):
        warnings = tuple(NoticeWarning(result.source, c, m) for c, m in result.warnings)
        record, line = None, result.json
    else:
        warnings = tuple(NoticeWarning(result.source, w.code, w.message) for w in result.warnings)
        record, line = result, None
    held = not tally.add(warnings)
    return Parsed(_file_of(result.source, files), result.source, record, line, warnings=warnings, held=held)


def _where(error: GraphkitError) -> str:
    """The input an error is about: a file (`file#k`) or a record line (`file:n`)."""
    if isinstance(error, InputError):
        return error.path
    if isinstance(error, RecordError):
        return error.where
    return str(error)


def _file_of(where: str, files: set[str] | None) -> str:
    """The input file of a result: `where`, or the file of `file#k`."""
    base = where.rsplit("#", 1)[0]
    return base if files is not None and where not in files and base in files else where


def _is_empty_folder(path: str, files: list[str]) -> bool:
    return (
        path != "-" and os.path.isdir(path) and not any(f.startswith(path.rstrip("/") + "/") for f in files)
    )
