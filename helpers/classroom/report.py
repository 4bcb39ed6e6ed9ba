"""The class report's statistics, from the learners' records (pandas): what the class predicted, how hard each
self-check item was and how well it told stronger from weaker learners, the concept inventory's gains, the most
common wrong answers, and what was read.

Every value in a record is untrusted (learners can edit the file): fields are read as the types the format gives
them (a text, an integer, a boolean) and anything else counts as missing; the page escapes every text.

**Definitions** (each section of the page repeats its own):

* *first answer*: a learner's earliest answer to an item in one context (the lesson's self-check, a warm-up);
  retries never count. A prediction counts as first committed (before the reveal).
* *difficulty*: the share of learners right on their first answer in the lesson's self-check.
* *discrimination*: the corrected point-biserial correlation: over the learners who answered the item and at
  least one other item in the lesson's self-check, the correlation between being right on this item (1 or 0) and
  the share right on their other first answers (the item itself left out, so it does not correlate with itself).
  Computed from :data:`MIN_LEARNERS` learners on. Below :data:`LOW_DISCRIMINATION` an item is flagged "low" (a
  usual rule of thumb for classroom tests: it tells stronger from weaker learners poorly); at or below
  :data:`CHECK_KEY_DISCRIMINATION` it is flagged "check the key and the wording" (the weaker learners did clearly
  better, which often means a flawed key or a confusing wording). A value just below 0 is flagged "low" only: near
  0 the standard error of r is about 1/√n (0.18 for 30 learners), so a small negative value is well within chance,
  and even one at the threshold deserves a look rather than a verdict.
* *normalised gain* (concept inventory): Hake's gain of the class means, (post − pre) / (1 − pre), where pre and
  post are the class's mean shares right on the concept's items, over the learners who took both.
"""

from __future__ import annotations

from dataclasses import dataclass

import numpy as np
import pandas as pd

from helpers.activities.practice import FAMILIES
from helpers.activities.predict import CONFIDENCE_LEVELS, Prediction
from helpers.activities.quiz import Question
from helpers.classroom import course_items
from helpers.classroom.records import LearnerRecord, Reading, Skipped
from helpers.course import course_version

MIN_LEARNERS = 5             # fewer learners on an item: no discrimination is computed
LOW_DISCRIMINATION = 0.2     # below it an item is flagged "low"
CHECK_KEY_DISCRIMINATION = -0.1   # at or below it an item is flagged "check the key and the wording"
TOP_WRONG_ANSWERS = 20       # rows of the most-common-wrong-answers table
POINTS_TO = "what it points to (the course's feedback, a hint, or the misconception behind it)"
HINT = "Hint: "                       # a typed number's or an ordering's hint, in the POINTS_TO column
MISCONCEPTION = "Misconception: "     # an inventory option's misconception: a wrong idea, never a claim
NO_CONFIDENCE = "not given"
TEXT_FIELDS = ("label", "confidence", "line", "answer_text", "context", "status", "phase", "family", "course_version")
INTEGER_FIELDS = ("outcome", "attempt", "seed")
BOOLEAN_FIELDS = ("right",)
RAW_FIELDS = ("answer",)   # an index, a number or a list: read where the item's kind is known
UNKNOWN_VERSION = "unknown"


@dataclass
class MomentResult:
    """One prediction moment: what the class chose first (``table``: one row per option or outcome, columns the
    confidence levels, ``learners`` and ``share``), the right option's label, and the learners' one-line
    explanations of the chart (untrusted text)."""

    lesson: str
    moment: str
    prompt: str
    learners: int
    table: pd.DataFrame
    right_label: str
    lines: list[str]
    from_bank: bool = True


@dataclass
class InventoryResult:
    """The concept inventory: per concept, the matched learners' pre and post means and Hake's gain; per item, the
    shares right before and after; the lesson each phase is taken in."""

    concepts: pd.DataFrame
    items: pd.DataFrame
    lessons: dict[str, str]


@dataclass
class ClassReport:
    """Everything the page shows (see the module docstring for the definitions)."""

    records: int
    events: int
    current_version: str
    versions: pd.DataFrame
    skipped: list[Skipped]
    files: pd.DataFrame | None          # file names and record ids: only when the instructor asks for them
    show_ids: bool                      # the instructor asked for them (a skipped copy then names its original)
    moments: list[MomentResult]
    items: pd.DataFrame
    practice: pd.DataFrame
    inventory: InventoryResult
    wrong_answers: pd.DataFrame
    exercises: pd.DataFrame
    unknown: pd.DataFrame


def class_report(reading: Reading, show_ids: bool = False) -> ClassReport:
    """The statistics of the records in ``reading``; file names and record ids only with ``show_ids``."""
    events = class_events(reading.records)
    return ClassReport(
        records=len(reading.records), events=len(events), current_version=course_version(),
        versions=versions_table(events), skipped=list(reading.skipped),
        files=files_table(reading.records) if show_ids else None, show_ids=show_ids,
        moments=moment_results(events), items=item_table(events), practice=practice_table(events),
        inventory=inventory_result(events), wrong_answers=wrong_answer_table(events),
        exercises=exercise_table(events), unknown=unknown_items(events))


# ---------------------------------------------------------------- the records as one table


def class_events(records: list[LearnerRecord]) -> pd.DataFrame:
    """One row per event: ``learner`` (0, 1, ... in file order: a number, never shown), ``order`` (its place in
    the record), ``kind``, ``lesson``, ``item``, ``version`` and the kinds' fields, each of its type or missing."""
    rows = [_event_row(learner, order, event) for learner, record in enumerate(records)
            for order, event in enumerate(record.events)]
    columns = ["learner", "order", "kind", "lesson", "item", "version", *TEXT_FIELDS, *INTEGER_FIELDS,
               *BOOLEAN_FIELDS, *RAW_FIELDS]
    # object columns: a missing integer or boolean stays None (not a float NaN standing in for it)
    return pd.DataFrame(rows, columns=columns, dtype=object).astype({"learner": int, "order": int})


def _event_row(learner: int, order: int, event: dict) -> dict:
    row = {"learner": learner, "order": order, "kind": event["kind"], "lesson": event["lesson"],
           "item": event["item"]}
    for name in TEXT_FIELDS:   # the usual case (a text, or nothing) without a call: 40 000 events take ~1 s
        value = event.get(name)
        row[name] = value if value is None or type(value) is str else _text(value)
    for name in INTEGER_FIELDS:
        value = event.get(name)
        row[name] = value if value is None or type(value) is int else _integer(value)
    for name in BOOLEAN_FIELDS:
        value = event.get(name)
        row[name] = value if type(value) is bool else None
    for name in RAW_FIELDS:
        row[name] = event.get(name)
    row["version"] = row["course_version"] or UNKNOWN_VERSION
    return row


def _text(value) -> str | None:
    """A text field as text (a number is written out); anything else (a list, an object) counts as missing."""
    if isinstance(value, str):
        return value
    if isinstance(value, int | float) and not isinstance(value, bool):
        return f"{value:g}" if isinstance(value, float) else str(value)
    return None


def _integer(value) -> int | None:
    if isinstance(value, bool):
        return None
    if isinstance(value, int):
        return value
    if isinstance(value, float) and value.is_integer():
        return int(value)
    return None


def first_answers(events: pd.DataFrame, kind: str, by: tuple[str, ...] = ()) -> pd.DataFrame:
    """Each learner's first event of ``kind`` per item (and per column of ``by``, e.g. the context)."""
    chosen = events[events["kind"] == kind]
    return chosen.drop_duplicates(["learner", "item", *by], keep="first")


# ---------------------------------------------------------------- what was read


def versions_table(events: pd.DataFrame) -> pd.DataFrame:
    """The course versions the events were recorded in: learners and events of each (the current one marked)."""
    grouped = events.groupby("version").agg(learners=("learner", "nunique"), events=("item", "size"))
    grouped.index.name = "course version"
    grouped["this version"] = ["yes" if version == course_version() else "no" for version in grouped.index]
    return grouped.reset_index()


def files_table(records: list[LearnerRecord]) -> pd.DataFrame:
    """The files counted, with each record's id, events and course versions (shown only with ``--show-ids``)."""
    return pd.DataFrame({"file": [record.path.name for record in records],
                         "record id": [record.record_id for record in records],
                         "events": [len(record.events) for record in records],
                         "course versions": [", ".join(record.versions) for record in records]})


def unknown_items(events: pd.DataFrame) -> pd.DataFrame:
    """Events naming an item the current banks do not hold (an older course version, or an edited record)."""
    known = _known_items(events)
    unknown = events[~known]
    if unknown.empty:
        return pd.DataFrame(columns=["kind", "item", "course versions", "learners", "events"])
    grouped = unknown.groupby(["kind", "item"]).agg(
        versions=("version", lambda values: ", ".join(sorted(set(values)))),
        learners=("learner", "nunique"), events=("order", "size"))
    return grouped.reset_index().rename(columns={"versions": "course versions"})


def _known_items(events: pd.DataFrame) -> pd.Series:
    moments = set(course_items.moments()) | set(course_items.moments_asked_elsewhere())
    inventory = course_items.inventory()
    known_by_kind = {"prediction": moments, "explanation": moments, "selfcheck": set(course_items.selfcheck_items()),
                     "exercise": set(course_items.exercises()),
                     "inventory": set(inventory.items)}
    known = pd.Series([item in known_by_kind[kind] for kind, item in zip(events["kind"], events["item"])],
                      index=events.index, dtype=bool)
    return known | ((events["kind"] == "selfcheck") & (events["context"] == "practice"))


# ---------------------------------------------------------------- predictions, before the reveal


def moment_results(events: pd.DataFrame) -> list[MomentResult]:
    """Every prediction moment of the banks, in course order, then the moments asked elsewhere that were answered."""
    committed = first_answers(events, "prediction")
    lines = first_answers(events, "explanation")
    results = [_bank_moment(prediction, committed[committed["item"] == moment], lines[lines["item"] == moment])
               for moment, prediction in course_items.moments().items()]
    for moment in course_items.moments_asked_elsewhere():
        chosen = committed[committed["item"] == moment]
        if not chosen.empty:
            results.append(_other_moment(moment, chosen, lines[lines["item"] == moment]))
    return sorted(results, key=lambda result: result.lesson)


def outcome_labels(prediction: Prediction) -> tuple[str, ...]:
    """The options (choice, direction) or, for a number, the three outcomes as ranges of the answer."""
    if prediction.kind != "number":
        return prediction.labels
    low, high, unit = prediction.answer - prediction.tolerance, prediction.answer + prediction.tolerance, \
        prediction.unit
    return (f"below {low:g} {unit}".strip(), f"{low:g} to {high:g} {unit}".strip(), f"above {high:g} {unit}".strip())


def _bank_moment(prediction: Prediction, chosen: pd.DataFrame, lines: pd.DataFrame) -> MomentResult:
    labels = outcome_labels(prediction)
    outcome = chosen["outcome"].map(lambda value: labels[value] if value is not None and 0 <= value < len(labels)
                                    else "unreadable")
    right = labels[1] if prediction.kind == "number" else labels[int(prediction.answer)]
    return MomentResult(lesson=prediction.moment[:2], moment=prediction.moment, prompt=prediction.prompt,
                        learners=len(chosen), table=_choice_table(outcome, chosen["confidence"], labels),
                        right_label=right, lines=_lines(lines))


def _other_moment(moment: str, chosen: pd.DataFrame, lines: pd.DataFrame) -> MomentResult:
    """A moment whose question lesson code builds: the options are the labels the learners saw (as recorded)."""
    labels = chosen["label"].fillna("unreadable")
    right_labels = labels[chosen["right"] == True].value_counts()   # noqa: E712 (a column of True, False, None)
    order = tuple(labels.value_counts().index)
    return MomentResult(lesson=moment[:2], moment=moment, prompt="(asked by the lesson's code; options as recorded)",
                        learners=len(chosen), table=_choice_table(labels, chosen["confidence"], order),
                        right_label=right_labels.index[0] if len(right_labels) else "", lines=_lines(lines),
                        from_bank=False)


def _choice_table(choices: pd.Series, confidence: pd.Series, labels: tuple[str, ...]) -> pd.DataFrame:
    """Learners per choice (rows, in ``labels`` order, then any other) and confidence (columns), with totals."""
    levels = [level if level in CONFIDENCE_LEVELS else NO_CONFIDENCE for level in confidence.fillna(NO_CONFIDENCE)]
    table = pd.crosstab(pd.Series(list(choices), name="choice"), pd.Series(levels, name="confidence"))
    rows = list(labels) + [label for label in table.index if label not in labels]
    columns = list(CONFIDENCE_LEVELS) + ([NO_CONFIDENCE] if NO_CONFIDENCE in table.columns else [])
    table = table.reindex(index=rows, columns=columns, fill_value=0)
    table["learners"] = table.sum(axis=1)
    total = table["learners"].sum()
    table["share"] = table["learners"] / total if total else 0.0
    return table


def _lines(lines: pd.DataFrame) -> list[str]:
    return [line for line in lines["line"] if isinstance(line, str) and line.strip()]


# ---------------------------------------------------------------- self-check items


def lesson_first_answers(events: pd.DataFrame) -> pd.DataFrame:
    """First answers to the banks' self-check items in the lesson's own self-check (not warm-ups, not practice)."""
    first = first_answers(events, "selfcheck", by=("context",))
    known = first["item"].isin(set(course_items.selfcheck_items()))
    return first[known & (first["context"] == "lesson") & first["right"].notna()]


def score_matrix(first: pd.DataFrame) -> pd.DataFrame:
    """Learners (rows) by items (columns): 1.0 right, 0.0 wrong, NaN not answered."""
    return first.pivot_table(index="learner", columns="item", values="right", aggfunc="first").astype(float)


def discrimination(scores: pd.DataFrame) -> pd.DataFrame:
    """Per item: ``n`` (learners who answered it and another item) and ``r``, the corrected point-biserial
    correlation (NaN below :data:`MIN_LEARNERS` learners, or when everyone scored alike)."""
    answered = scores.notna().sum(axis=1)
    totals = scores.sum(axis=1)
    rows = {}
    for item in scores.columns:
        mask = scores[item].notna() & (answered > 1)
        own = scores.loc[mask, item]
        rest = (totals[mask] - own) / (answered[mask] - 1)
        rows[item] = {"n": int(mask.sum()), "r": _correlation(own, rest)}
    return pd.DataFrame.from_dict(rows, orient="index", columns=["n", "r"])


def _correlation(own: pd.Series, rest: pd.Series) -> float:
    if len(own) < MIN_LEARNERS or own.std() == 0 or rest.std() == 0:
        return float("nan")
    return float(np.corrcoef(own, rest)[0, 1])


def item_table(events: pd.DataFrame) -> pd.DataFrame:
    """One row per self-check item answered in a lesson's self-check, in course order: its difficulty (share right
    on the first answer, lesson context), discrimination, a flag, and the share right in warm-ups."""
    first = lesson_first_answers(events)
    columns = ["lesson", "item", "core", "question", "learners", "right first time", "discrimination",
               "discrimination (n)", "flag", "warm-up right", "warm-up learners"]
    if first.empty:
        return pd.DataFrame(columns=columns)
    scores = score_matrix(first)
    spread = discrimination(scores)
    warm = first_answers(events, "selfcheck", by=("context",))
    warm = warm[(warm["context"] == "warm-up") & warm["right"].notna()].astype({"right": float})
    warm_right, warm_learners = warm.groupby("item")["right"].mean(), warm.groupby("item").size()
    items = course_items.selfcheck_items()
    rows = [{"lesson": items[item].lesson, "item": item, "core": "core" if items[item].core else "extension",
             "question": items[item].question.prompt, "learners": int(scores[item].notna().sum()),
             "right first time": float(scores[item].mean()), "discrimination (n)": int(spread.loc[item, "n"]),
             "discrimination": spread.loc[item, "r"], "flag": discrimination_flag(spread.loc[item, "r"]),
             "warm-up right": warm_right.get(item, np.nan), "warm-up learners": int(warm_learners.get(item, 0))}
            for item in items if item in scores.columns]
    return pd.DataFrame(rows, columns=columns)


FLAG_CHECK_KEY = "check the key and the wording: the weaker learners did clearly better"
FLAG_LOW = "low: tells stronger from weaker learners poorly"


def discrimination_flag(r: float) -> str:
    """The items table's flag for discrimination ``r``: :data:`FLAG_CHECK_KEY` at or below
    :data:`CHECK_KEY_DISCRIMINATION`, :data:`FLAG_LOW` below :data:`LOW_DISCRIMINATION`, else none (nor for a
    missing r)."""
    if np.isnan(r):
        return ""
    if r <= CHECK_KEY_DISCRIMINATION:
        return FLAG_CHECK_KEY
    return FLAG_LOW if r < LOW_DISCRIMINATION else ""


PRACTICE_COLUMNS = ["lesson", "family", "learners", "instances answered", "right, all instances",
                    "right on the first instance", "right on later instances"]


def practice_table(events: pd.DataFrame) -> pd.DataFrame:
    """Mastery practice by family (context "practice": the instances "Another one like this" gives): the learners,
    the instances they answered (each learner's first answer to each item and seed), and the share right on those
    first answers: over all instances, on each learner's first instance of the family, and on their later ones."""
    first = first_answers(events, "selfcheck", by=("context", "seed"))
    practice = first[(first["context"] == "practice") & first["right"].notna()]
    if practice.empty:
        return pd.DataFrame(columns=PRACTICE_COLUMNS)
    practice = practice.assign(family=practice["family"].fillna("(no family)"), right=practice["right"].astype(float))
    later = practice.groupby(["learner", "family"]).cumcount() > 0   # rows are in record order
    grouped = practice.groupby("family").agg(learners=("learner", "nunique"), answered=("item", "size"),
                                             right=("right", "mean"))
    grouped["first"] = practice[~later].groupby("family")["right"].mean()
    grouped["later"] = practice[later].groupby("family")["right"].mean()
    grouped = grouped.reset_index().rename(columns={
        "answered": "instances answered", "right": "right, all instances", "first": "right on the first instance",
        "later": "right on later instances"})
    grouped.insert(0, "lesson", [_family_lesson(family) for family in grouped["family"]])
    return grouped.sort_values(["lesson", "family"], kind="stable")[PRACTICE_COLUMNS].reset_index(drop=True)


def _family_lesson(family: str) -> str:
    """The lesson a practice family belongs to ("" for a family this course version does not hold)."""
    known = FAMILIES.get(family)
    return known.lesson if known else ""


# ---------------------------------------------------------------- concept inventory


def inventory_answers(events: pd.DataFrame) -> pd.DataFrame:
    """First answers to the inventory's items per phase (pre, post), with the bank's concept and verdict (the
    option's ``right`` in the bank where the answer names an option, else the recorded ``right``)."""
    inventory = course_items.inventory()
    first = first_answers(events, "inventory", by=("phase",))
    first = first[first["item"].isin(set(inventory.items)) & first["phase"].isin(("pre", "post"))]
    option = [_option_index(answer, len(inventory.items[item].options))
              for answer, item in zip(first["answer"], first["item"])]
    right = [inventory.items[item].options[index].right if index is not None else recorded
             for index, item, recorded in zip(option, first["item"], first["right"])]
    first = first.assign(option=pd.Series(option, index=first.index, dtype=object), right=right,
                         concept=[inventory.items[item].concept for item in first["item"]])
    return first[first["right"].notna()].astype({"right": bool})


def inventory_result(events: pd.DataFrame) -> InventoryResult:
    """Pre and post means and Hake's gain per concept (and for all concepts), over the learners with both."""
    inventory = course_items.inventory()
    answers = inventory_answers(events)
    by_learner = answers.pivot_table(index=["concept", "learner"], columns="phase", values="right", aggfunc="mean")
    by_learner = by_learner.reindex(columns=["pre", "post"])
    rows = [_gain_row(name, by_learner.loc[concept] if concept in by_learner.index.get_level_values(0) else None)
            for concept, name in inventory.concepts.items()]
    overall = answers.pivot_table(index="learner", columns="phase", values="right", aggfunc="mean")
    rows.append(_gain_row("all concepts", overall.reindex(columns=["pre", "post"])))
    items = answers.pivot_table(index="item", columns="phase", values="right", aggfunc=["mean", "size"])
    return InventoryResult(concepts=pd.DataFrame(rows), items=_inventory_items_table(items, inventory),
                           lessons=inventory.lessons)


def _gain_row(name: str, shares: pd.DataFrame | None) -> dict:
    """Hake's normalised gain of the class means for one concept, over the learners with a pre and a post share."""
    matched = shares.dropna() if shares is not None else pd.DataFrame(columns=["pre", "post"])
    pre, post = (float(matched[phase].mean()) if len(matched) else np.nan for phase in ("pre", "post"))
    gain = (post - pre) / (1 - pre) if len(matched) and pre < 1 else np.nan
    return {"concept": name, "learners with both": len(matched), "before (pre)": pre, "after (post)": post,
            "normalised gain": gain}


def _inventory_items_table(items: pd.DataFrame, inventory) -> pd.DataFrame:
    rows = []
    for item_id, item in inventory.items.items():
        if item_id not in items.index:
            continue
        rows.append({"item": item_id, "concept": inventory.concepts.get(item.concept, item.concept),
                     "question": item.prompt,
                     "right before": items.loc[item_id].get(("mean", "pre"), np.nan),
                     "learners before": _count(items.loc[item_id].get(("size", "pre"), 0)),
                     "right after": items.loc[item_id].get(("mean", "post"), np.nan),
                     "learners after": _count(items.loc[item_id].get(("size", "post"), 0))})
    return pd.DataFrame(rows)


def _count(value) -> int:
    return 0 if pd.isna(value) else int(value)


def _option_index(answer, count: int) -> int | None:
    index = _integer(answer)
    return index if index is not None and 0 <= index < count else None


# ---------------------------------------------------------------- most common wrong answers


def wrong_answer_table(events: pd.DataFrame, top: int = TOP_WRONG_ANSWERS) -> pd.DataFrame:
    """The ``top`` most chosen wrong first answers, self-check (lesson context) and inventory together: where, the
    item, the wrong answer, how many learners gave it, their share of those who answered, and what it points to
    (:data:`POINTS_TO`: a self-check option's feedback as the course gives it, a typed number's or an ordering's
    hint after :data:`HINT`, an inventory option's misconception after :data:`MISCONCEPTION`)."""
    rows = _selfcheck_wrong(events) + _inventory_wrong(events)
    columns = ["where", "item", "question", "wrong answer", "learners", "share of answers", POINTS_TO]
    if not rows:
        return pd.DataFrame(columns=columns)
    table = pd.DataFrame(rows)
    answered = table.groupby(["where", "item"])["learner"].transform("size")
    table = table.assign(answered=answered)
    wrong = table[~table["right"]]
    grouped = wrong.groupby(["where", "item", "question", "wrong answer", POINTS_TO], sort=False).agg(
        learners=("learner", "nunique"), answered=("answered", "first")).reset_index()
    grouped["share of answers"] = grouped["learners"] / grouped["answered"]
    grouped = grouped.sort_values(["learners", "share of answers"], ascending=False, kind="stable")
    return grouped[columns].head(top).reset_index(drop=True)


def _selfcheck_wrong(events: pd.DataFrame) -> list[dict]:
    items = course_items.selfcheck_items()
    rows = []
    for answer in lesson_first_answers(events).itertuples():
        item = items[answer.item]
        wrong, points_to = _selfcheck_choice(item.question, answer)
        rows.append({"where": f"lesson {item.lesson} self-check", "item": answer.item, "learner": answer.learner,
                     "question": item.question.prompt, "right": bool(answer.right), "wrong answer": wrong,
                     POINTS_TO: points_to})
    return rows


def _selfcheck_choice(question, answer) -> tuple[str, str]:
    """The answer as the learner saw it and the feedback written for it (a choice item's option in this version;
    an older version's option by its text; a typed number or an ordering as recorded, with the item's hint)."""
    if not isinstance(question, Question):
        return answer.answer_text or _text(answer.answer) or "(unreadable)", _labelled(HINT, question.hint)
    index = _option_index(answer.answer, len(question.options))
    if index is None or answer.version != course_version():
        index = question.options.index(answer.answer_text) if answer.answer_text in question.options else None
    if index is None:
        return f"{answer.answer_text or '(unreadable)'} (not an option of this course version)", ""
    return question.options[index], question.option_feedback[index] if question.option_feedback else ""


def _inventory_wrong(events: pd.DataFrame) -> list[dict]:
    inventory = course_items.inventory()
    phases = {"pre": f"inventory, before (lesson {inventory.lessons['pre']})",
              "post": f"inventory, after (lesson {inventory.lessons['post']})"}
    rows = []
    for answer in inventory_answers(events).itertuples():
        item = inventory.items[answer.item]
        option = item.options[answer.option] if answer.option is not None else None
        rows.append({"where": phases[answer.phase], "item": answer.item, "learner": answer.learner,
                     "question": item.prompt, "right": bool(answer.right),
                     "wrong answer": option.text if option else f"{answer.answer_text or '(unreadable)'}",
                     POINTS_TO: _labelled(MISCONCEPTION, option.misconception if option else "")})
    return rows


def _labelled(label: str, text: str) -> str:
    """``text`` after ``label`` (e.g. "Misconception: "), or nothing when there is no text."""
    return f"{label}{text}" if text else ""


# ---------------------------------------------------------------- exercises


def exercise_table(events: pd.DataFrame) -> pd.DataFrame:
    """Each checked exercise: learners, and the shares right, close and wrong on their first check."""
    first = first_answers(events, "exercise")
    exercises = course_items.exercises()
    first = first[first["item"].isin(set(exercises)) & first["status"].isin(("right", "close", "wrong"))]
    columns = ["lesson", "exercise", "prompt", "learners", "right", "close", "wrong"]
    if first.empty:
        return pd.DataFrame(columns=columns)
    shares = pd.crosstab(first["item"], first["status"], normalize="index").reindex(
        columns=["right", "close", "wrong"], fill_value=0.0)
    counts = first.groupby("item").size()
    rows = [{"lesson": exercise.lesson, "exercise": item, "prompt": exercise.prompt, "learners": int(counts[item]),
             **shares.loc[item].to_dict()} for item, exercise in exercises.items() if item in counts.index]
    return pd.DataFrame(rows, columns=columns)
