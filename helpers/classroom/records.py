"""Reading the learners' downloaded records for the class report: every file checked, every bad one named.

Each file is checked with :func:`helpers.record.parse_record` (the learner's own record goes through the same
checks): a file larger than :data:`helpers.record.MAX_BYTES` is refused from its size, before a byte is read; an
empty, truncated or malformed file, one nested deeper than a record is, one of another course or with a bad event
is refused with the one-line reason. Two files with the same content, or the same ``record_id`` (a learner who
downloaded their record twice), count once: the copy with the most events is kept. A skipped copy's reason names
no other file (a counted file's name is left out of the report unless the instructor asks for names): the file it
repeats is kept in :attr:`Skipped.same_as`, and :meth:`Skipped.explained` names it only when asked. Nothing here
writes a file.
"""

from __future__ import annotations

import hashlib
import stat
from dataclasses import dataclass, field
from pathlib import Path

from helpers.record import MAX_BYTES, RecordError, parse_record

PATTERN = "*.json"   # the files a folder contributes


@dataclass(frozen=True)
class LearnerRecord:
    """One learner's record, read from ``path``: its ``record_id`` and events (untrusted: a learner can edit them)."""

    path: Path
    record_id: str
    events: tuple[dict, ...]

    @property
    def versions(self) -> tuple[str, ...]:
        """The course versions its events were recorded in, sorted."""
        return tuple(sorted({str(event.get("course_version", "unknown")) for event in self.events}))


OTHER_FILE = "another file read"   # how a reason names the counted file a skipped copy repeats


@dataclass(frozen=True)
class Skipped:
    """A file that was not counted, and why (one line, naming no other file); for a copy, the counted file it
    repeats (``same_as``)."""

    path: Path
    reason: str
    same_as: Path | None = None

    def explained(self, show_ids: bool = False) -> str:
        """The reason; with ``show_ids``, a copy's reason also names the counted file it repeats."""
        if show_ids and self.same_as is not None:
            return f"{self.reason} (that file: {self.same_as.name})"
        return self.reason


@dataclass
class Reading:
    """What :func:`read_records` found: the records counted, in file order, and the files skipped."""

    records: list[LearnerRecord] = field(default_factory=list)
    skipped: list[Skipped] = field(default_factory=list)


def input_files(paths) -> tuple[list[Path], list[Skipped]]:
    """The files named by ``paths`` (a file, or a folder whose ``*.json`` files count, not its subfolders), each
    once, in the order given (a folder's files sorted by name); a path that does not exist is skipped."""
    files, missing, seen = [], [], set()
    for path in map(Path, paths):
        if path.is_dir():
            found = sorted(child for child in path.glob(PATTERN) if child.is_file())
        elif path.exists():
            found = [path]
        else:
            missing.append(Skipped(path, "no such file or folder"))
            continue
        for child in found:
            if child.resolve() not in seen:
                seen.add(child.resolve())
                files.append(child)
    return files, missing


def input_folders(paths) -> list[Path]:
    """The folders the inputs live in (a folder itself, or a file's folder), resolved: nothing is written there.
    A path that does not exist names no folder (it is skipped as missing)."""
    return [(path if path.is_dir() else path.parent).resolve() for path in map(Path, paths) if path.exists()]


def read_records(paths) -> Reading:
    """Every learner record in ``paths`` (files or folders of ``*.json``); bad files are skipped with a reason."""
    files, skipped = input_files(paths)
    reading, by_content = Reading(skipped=skipped), {}
    for path in files:
        try:
            text = read_text(path)
            digest = hashlib.sha256(text.encode("utf-8")).hexdigest()
            data = None if digest in by_content else parse_record(text, path.name)
        except RecordError as error:
            reading.skipped.append(Skipped(path, _without_name(str(error), path.name)))
            continue
        if data is None:
            reading.skipped.append(Skipped(path, f"the same content as {OTHER_FILE}; counted once",
                                           same_as=by_content[digest]))
            continue
        by_content[digest] = path
        reading.records.append(LearnerRecord(path, _record_id(data, digest), tuple(data["events"])))
    _drop_repeated_ids(reading)
    reading.skipped.sort(key=lambda skipped: _position(skipped.path, files))
    return reading


def read_text(path: Path) -> str:
    """The file's text; :class:`RecordError` for a file larger than a record may be (checked from its size
    before reading, and no more than that is ever read), one that is not a regular file, or not UTF-8 text."""
    too_large = f"larger than {MAX_BYTES // 1_000_000} MB, which no learner's record is"
    try:
        status = path.stat()
        if not stat.S_ISREG(status.st_mode):   # a pipe or a device would block or never end
            raise RecordError("not a regular file")
        if status.st_size > MAX_BYTES:
            raise RecordError(too_large)
        with path.open("rb") as handle:
            data = handle.read(MAX_BYTES + 1)
    except OSError as error:
        raise RecordError(f"could not be read ({error.strerror or error})") from None
    if len(data) > MAX_BYTES:
        raise RecordError(too_large)
    try:
        return data.decode("utf-8")
    except UnicodeDecodeError:
        raise RecordError("not UTF-8 text, so not a record downloaded from the course") from None


def _record_id(data: dict, digest: str) -> str:
    """The record's id as text (a hand-edited record may lack one: then its content's digest stands in)."""
    record_id = data.get("record_id")
    return str(record_id)[:100] if isinstance(record_id, str | int) and str(record_id) else f"content-{digest[:16]}"


def _drop_repeated_ids(reading: Reading) -> None:
    """Keep one record per ``record_id``, the one with the most events (the first on a tie); skip the others."""
    kept: dict[str, LearnerRecord] = {}
    for record in reading.records:
        other = kept.get(record.record_id)
        if other is None or len(record.events) > len(other.events):
            kept[record.record_id] = record
    for record in reading.records:
        keeper = kept[record.record_id]
        if keeper is not record:
            reason = (f"the same record_id as {OTHER_FILE} (one learner's record downloaded twice); only that "
                      f"file, which holds at least as many events, counts")
            reading.skipped.append(Skipped(record.path, reason, same_as=keeper.path))
    reading.records = [record for record in reading.records if kept[record.record_id] is record]


def _without_name(message: str, name: str) -> str:
    """``parse_record``'s message without the leading ``"<name>: "`` (the report names the file beside it)."""
    return message[len(name) + 2:] if message.startswith(f"{name}: ") else message


def _position(path: Path, files: list[Path]) -> int:
    return files.index(path) if path in files else -1
