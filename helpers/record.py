"""The learner's record: every committed prediction, self-check answer, exercise check and inventory answer, kept
on the learner's own machine (nothing leaves it unless the learner exports it).

**Where.** One JSON file, ``~/.benzo-course/record.json``; the environment variable ``COURSE_RECORD`` names
another path (tests, a shared machine). Handout pages keep the same events in the browser's local storage
(``helpers/activities/static/record.js``); both download as the same format, which the class report reads.

**Safe.** Each write takes a lock (a ``.lock`` file beside the record, so two notebooks writing at once both keep
their events), writes a temporary file and renames it over the record (a crash never leaves half a file). A record
that is not valid JSON, or not a record of this course, is never used and never crashes a lesson: it is renamed
``record.corrupt-<time>.json`` beside the original, a :class:`RecordWarning` says so and where, and a new record
starts.

**Format** (``format_version`` 1)::

    {"format": "benzo-course-record", "format_version": 1, "course": "benzo-dopamine-course",
     "record_id": "<random, names nobody>", "created": "2026-12-07T21:00:00Z",
     "events": [{"lesson": "03", "kind": "prediction", "item": "03-peak", "time": "...", "course_version": "0.1.0",
                 "source": "live", ...the kind's fields}, ...]}

The kinds and their fields (:data:`KINDS`): ``prediction`` (``response``, ``label``, ``outcome``, ``right``,
``confidence``), ``explanation`` (``line``: the learner's one line on the chart), ``selfcheck`` (``answer``,
``answer_text``, ``right``, ``attempt``: 0 for the first answer, then 1, 2... for retries; ``family`` and ``seed``
for a practice item), ``exercise`` (``value``, ``status``: right, close or wrong; ``route``: code or box),
``inventory`` (``phase``: pre or post, ``concept``, ``answer``, ``right``).
"""

from __future__ import annotations

import contextlib
import datetime
import json
import os
import re
import tempfile
import uuid
import warnings
from pathlib import Path

from helpers.course import COURSE_ID, course_version

RECORD_ENV = "COURSE_RECORD"
DEFAULT_RECORD = Path("~") / ".benzo-course" / "record.json"
FORMAT = "benzo-course-record"
FORMAT_VERSION = 1
KINDS = ("prediction", "explanation", "selfcheck", "exercise", "inventory")
SOURCES = ("live", "handout", "synthetic")
MAX_BYTES = 5_000_000      # a record larger than this is refused (a year of daily use is well under 1 MB)
MAX_DEPTH = 6              # record -> events -> event -> field -> list: deeper nesting is not a record
MAX_EVENTS = 50_000
MAX_TEXT = 2_000           # characters in one field (a learner's line, an answer)
LESSON = re.compile(r"\d\d")
TIME = re.compile(r"\d{4}-\d\d-\d\dT\d\d:\d\d:\d\d(?:\.\d+)?Z")   # UTC, as now() writes it (a browser may add ms)


class RecordWarning(UserWarning):
    """Something about the learner's record needs their attention (it was set aside, or could not be written)."""


class RecordError(ValueError):
    """A record file that is not a valid record of this course; the message says why, in one line."""


def record_path() -> Path:
    """The learner's record file: ``$COURSE_RECORD`` if set, else ``~/.benzo-course/record.json``."""
    return Path(os.environ.get(RECORD_ENV) or DEFAULT_RECORD).expanduser()


def now() -> str:
    """The time now, UTC, ISO 8601 to the second: ``"2026-12-07T21:00:00Z"``."""
    return datetime.datetime.now(datetime.UTC).strftime("%Y-%m-%dT%H:%M:%SZ")


def new_record() -> dict:
    """An empty record of this course, with a random id that names nobody."""
    return {"format": FORMAT, "format_version": FORMAT_VERSION, "course": COURSE_ID, "record_id": uuid.uuid4().hex,
            "created": now(), "events": []}


# ---------------------------------------------------------------- checking a record (also the class report's input)


def parse_record(text: str, name: str = "record") -> dict:
    """The record in ``text`` (a file's content), checked; :class:`RecordError` says in one line why it is not one."""
    if len(text.encode("utf-8")) > MAX_BYTES:
        raise RecordError(f"{name}: larger than {MAX_BYTES // 1_000_000} MB, which no learner's record is")
    if not text.strip():
        raise RecordError(f"{name}: empty")
    try:
        data = json.loads(text)
    except RecursionError:
        raise RecordError(f"{name}: nested deeper than {MAX_DEPTH} levels, which no record is") from None
    except json.JSONDecodeError as error:
        raise RecordError(f"{name}: not valid JSON (line {error.lineno}, column {error.colno}: {error.msg}); "
                          f"truncated or edited by hand?") from None
    return check_record(data, name)


def check_record(data, name: str = "record") -> dict:
    """``data`` if it is a record of this course (see the module docstring), else :class:`RecordError`.

    A record nests at most :data:`MAX_DEPTH` levels (record, events, event, field, list...): the depth is measured
    only inside the few fields that hold a list or an object, never by a walk of the whole record."""
    deeper = RecordError(f"{name}: nested deeper than {MAX_DEPTH} levels, which no record is")
    if not isinstance(data, dict):
        raise deeper if _depth(data) > MAX_DEPTH else RecordError(f"{name}: not a course record (not an object)")
    if any(_depth(value, 2) > MAX_DEPTH for key, value in data.items() if key != "events"):
        raise deeper
    if data.get("format") != FORMAT:
        raise RecordError(f"{name}: not a course record (no \"format\": \"{FORMAT}\")")
    if data.get("course") != COURSE_ID:
        raise RecordError(f"{name}: a record of another course ({str(data.get('course'))[:60]!r}, not {COURSE_ID!r})")
    if data.get("format_version") != FORMAT_VERSION:
        raise RecordError(f"{name}: record format {data.get('format_version')!r}; this course reads {FORMAT_VERSION}")
    events = data.get("events")
    if not isinstance(events, list):
        raise RecordError(f"{name}: \"events\" must be a list")
    if len(events) > MAX_EVENTS:
        raise RecordError(f"{name}: {len(events)} events, more than the {MAX_EVENTS} a record may hold")
    for index, event in enumerate(events):
        if not isinstance(event, dict) and _depth(event, 3) > MAX_DEPTH:
            raise deeper
        problem = _event_problem(event)
        if problem:
            raise RecordError(f"{name}: event {index + 1} {problem}")
    return data


def _event_problem(event) -> str:
    if not isinstance(event, dict):
        return "is not an object"
    if not isinstance(event.get("lesson"), str) or not LESSON.fullmatch(event["lesson"]):
        return "has no two-digit \"lesson\""
    if event.get("kind") not in KINDS:
        return f"has kind {str(event.get('kind'))[:40]!r}, none of {', '.join(KINDS)}"
    if not isinstance(event.get("item"), str) or not event["item"]:
        return "has no \"item\""
    if not isinstance(event.get("time"), str) or not TIME.fullmatch(event["time"]) or not _is_date(event["time"][:10]):
        return f"has no \"time\" of the form 2026-12-07T21:00:00Z (got {str(event.get('time'))[:40]!r})"
    for key, value in event.items():
        if isinstance(value, str) and len(value) > MAX_TEXT:
            return f"has the field \"{str(key)[:40]}\" longer than {MAX_TEXT} characters"
        if isinstance(value, (dict, list)) and _depth(value, 4) > MAX_DEPTH:
            return f"is nested deeper than {MAX_DEPTH} levels, which no record is"
    return ""


def _is_date(text: str) -> bool:
    try:
        datetime.date.fromisoformat(text)
    except ValueError:
        return False
    return True


def _depth(value, level: int = 1) -> int:
    if level > MAX_DEPTH:
        return level
    if isinstance(value, dict):
        return max((_depth(item, level + 1) for item in value.values()), default=level)
    if isinstance(value, list):
        return max((_depth(item, level + 1) for item in value), default=level)
    return level


# ---------------------------------------------------------------- the learner's own record file


@contextlib.contextmanager
def _locked(path: Path):
    """Hold the record's lock (``record.json.lock``) while reading and writing it: one writer at a time."""
    path.parent.mkdir(parents=True, exist_ok=True)
    with path.with_name(path.name + ".lock").open("a+b") as lock:
        _lock_file(lock)
        try:
            yield
        finally:
            _unlock_file(lock)


def _lock_file(lock) -> None:
    try:
        import fcntl
        fcntl.flock(lock.fileno(), fcntl.LOCK_EX)
    except ImportError:   # Windows
        import msvcrt
        lock.seek(0)
        msvcrt.locking(lock.fileno(), msvcrt.LK_LOCK, 1)


def _unlock_file(lock) -> None:
    try:
        import fcntl
        fcntl.flock(lock.fileno(), fcntl.LOCK_UN)
    except ImportError:
        import msvcrt
        lock.seek(0)
        msvcrt.locking(lock.fileno(), msvcrt.LK_UNLCK, 1)


def _read_unlocked(path: Path) -> dict:
    """The record at ``path`` (a new one if there is none); a bad file is set aside with a :class:`RecordWarning`."""
    if not path.exists():
        return new_record()
    try:
        return parse_record(path.read_text(encoding="utf-8"), path.name)
    except (RecordError, UnicodeDecodeError, OSError) as error:
        aside = path.with_name(f"{path.stem}.corrupt-{now().replace(':', '')}{path.suffix}")
        if aside.exists():   # a second bad file within the same second keeps the first one set aside
            aside = aside.with_name(f"{path.stem}.corrupt-{now().replace(':', '')}-{uuid.uuid4().hex[:6]}{path.suffix}")
        with contextlib.suppress(OSError):
            path.replace(aside)
        warnings.warn(f"Your course record could not be read ({error}). It was set aside as {aside} and a new "
                      f"record started; your earlier answers are in that file.", RecordWarning, stacklevel=3)
        return new_record()


def _write_unlocked(path: Path, record: dict) -> None:
    """Write ``record`` to ``path`` atomically: a temporary file in the same folder, then a rename over it."""
    handle, temporary = tempfile.mkstemp(dir=path.parent, prefix=f".{path.name}.", suffix=".tmp")
    try:
        with os.fdopen(handle, "w", encoding="utf-8") as out:
            json.dump(record, out, ensure_ascii=False, indent=1)
            out.flush()
            os.fsync(out.fileno())
        Path(temporary).replace(path)
    except BaseException:
        with contextlib.suppress(OSError):
            Path(temporary).unlink()
        raise


def load_record(path: Path | None = None) -> dict:
    """The learner's record (a new, empty one when there is none or it was set aside); never raises for a bad file.

    Read once per change of the file (its size and modification time): the activities of a lesson that each look
    for their own answers share one parse. Do not change what it returns."""
    path = path or record_path()
    key = _stamp(path)
    if key is None:
        return new_record()   # nothing recorded yet: no folder or lock file is made just to read
    if _last_read.get("key") != key:
        with _locked(path):
            _last_read.update(key=key, record=_read_unlocked(path))
    return _last_read["record"]


_last_read: dict = {}   # the last record read by load_record, with the file's (path, mtime, size) it was read at


def add_event(kind: str, lesson: str, item: str, path: Path | None = None, **fields) -> dict:
    """Append one event to the record (under the lock, written atomically) and return it.

    ``kind`` is one of :data:`KINDS`, ``lesson`` the two-digit lesson, ``item`` the moment, question or exercise
    id; ``fields`` are the kind's fields (see the module docstring; a text longer than :data:`MAX_TEXT` characters
    is cut to it). ``ValueError`` names a bad argument."""
    fields = {key: value[:MAX_TEXT] if isinstance(value, str) else value for key, value in fields.items()}
    event = {"lesson": lesson, "kind": kind, "item": item, "time": now(), "course_version": course_version(),
             "source": "live", **fields}
    problem = _event_problem(event)
    if problem:
        raise ValueError(f"event {problem.replace('has ', '')} (kind={kind!r}, lesson={lesson!r}, item={item!r})")
    path = path or record_path()
    with _locked(path):
        stamp = _stamp(path)
        known = stamp is not None and _last_read.get("key") == stamp
        record = dict(_last_read["record"]) if known else _read_unlocked(path)
        record["events"] = [*record["events"], event]
        _write_unlocked(path, record)
        _last_read.update(key=_stamp(path), record=record)
    return event


def _stamp(path: Path) -> tuple | None:
    """What tells one version of the record file from another: its path, modification time and size."""
    try:
        stamp = path.stat()
    except FileNotFoundError:
        return None
    return (str(path), stamp.st_mtime_ns, stamp.st_size)


def events(kind: str | None = None, lesson: str | None = None, item: str | None = None, *,
           current: bool = True, path: Path | None = None) -> list[dict]:
    """The record's events, oldest first, filtered by ``kind``, ``lesson`` and ``item`` where given; with
    ``current`` (the default) only those of this course version (an older version's items may have changed)."""
    return [event for event in load_record(path)["events"]
            if (kind is None or event["kind"] == kind) and (lesson is None or event["lesson"] == lesson)
            and (item is None or event["item"] == item)
            and (not current or event.get("course_version") == course_version())]


def export_record(target: Path, path: Path | None = None) -> Path:
    """Copy the learner's record to ``target`` (a JSON file the learner can hand in) and return its path."""
    target = Path(target)
    target.write_text(json.dumps(load_record(path), ensure_ascii=False, indent=1), encoding="utf-8")
    return target


def clear_record(path: Path | None = None) -> None:
    """Delete the learner's record: every answer of every lesson (a new record starts with the next answer)."""
    path = path or record_path()
    with _locked(path):
        path.unlink(missing_ok=True)
