"""When a self-check item is due for review: a simple spacing scheme (Leitner boxes), read from the learner's record.

Each self-check item climbs one box each **day** whose first answer to it was right, and falls back to box 0 on a
day whose first answer was wrong (retries on the same day do not count: the first answer is the one that counts).
An item is due when its interval has passed since the day it was last answered:

=====  ==========================================
box    due again after
=====  ==========================================
0      at once (the last first answer was wrong: a miss)
1      1 day
2      3 days
3      7 days
4+     21 days
=====  ==========================================

Spreading retrieval over days rather than massing it helps long-term retention (a well-replicated finding of
learning research, outside this course's reference base, so not cited here). Whether the gaps should grow, as here,
or stay equal is not settled; the growth and the intervals are a course ASSUMPTION (a common Leitner choice), not a
measured optimum. Warm-ups draw misses first, then other due
items; "My progress" counts the due items per lesson. ``helpers/activities/static/record.js`` holds no copy of
this scheme: handout pages that need it use ``review.js`` (same rules; a test runs both on the same events).
"""

from __future__ import annotations

import datetime
from dataclasses import dataclass

INTERVAL_DAYS = (0, 1, 3, 7, 21)   # ASSUMPTION: a common Leitner schedule (see the module docstring)


@dataclass(frozen=True)
class ItemState:
    """One self-check item's place in the scheme: its box, the day it was last answered, and when it is due."""

    item: str
    box: int
    last_day: datetime.date
    missed: bool

    @property
    def due_day(self) -> datetime.date:
        return self.last_day + datetime.timedelta(days=INTERVAL_DAYS[min(self.box, len(INTERVAL_DAYS) - 1)])

    def due(self, today: datetime.date) -> bool:
        return self.missed or today >= self.due_day


def item_states(events: list[dict]) -> dict[str, ItemState]:
    """Every self-check item the record holds, with its box (events: :mod:`helpers.record`'s, any order)."""
    first_of_day: dict[tuple[str, datetime.date], dict] = {}
    for event in sorted((e for e in events if e.get("kind") == "selfcheck"), key=lambda e: e["time"]):
        first_of_day.setdefault((event["item"], _day(event["time"])), event)
    states: dict[str, ItemState] = {}
    for (item, day), event in sorted(first_of_day.items(), key=lambda pair: pair[0][1]):
        box = states[item].box if item in states else 0
        right = bool(event.get("right"))
        states[item] = ItemState(item, box + 1 if right else 0, day, not right)
    return states


def due_items(events: list[dict], today: datetime.date | None = None) -> list[str]:
    """The self-check items due for review on ``today`` (default: today, UTC): misses first, then the longest
    overdue, each group in item order."""
    today = today or datetime.datetime.now(datetime.UTC).date()
    due = [state for state in item_states(events).values() if state.due(today)]
    return [state.item for state in sorted(due, key=lambda s: (not s.missed, s.due_day, s.item))]


def _day(time: str) -> datetime.date:
    """The UTC day of a record time, ``"2026-12-07T21:00:00Z"`` -> 2026-12-07."""
    return datetime.date.fromisoformat(time[:10])
