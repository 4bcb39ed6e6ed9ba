"""Model speed: the slowest build of each explorer's outputs (figure, table) and its longest model call.

Every public function of every ``helpers.models`` module is wrapped with a timer (wherever a
loaded ``helpers`` module refers to it) while each explorer builds its outputs at every handout
position and at the min/default/max of every control, so new models and explorers are
measured without new code. A few long runs a lesson offers (e.g. a 180-day
regimen) are timed on their own from ``LONG_CALLS``; those not written yet are skipped.
"""

from __future__ import annotations

import functools
import importlib
import inspect
import pkgutil
import statistics
import sys
import time
from contextlib import contextmanager

from bench.report import Section

REPEATS = 3                  # builds per setting; the median is kept
MODEL_CALL_TARGET_MS = 10.0  # CONTRIBUTING.md: every call an explorer makes stays well under 10 ms

# (what, module, function, args, kwargs): long model runs a lesson can ask for.
LONG_CALLS = [
    ("180-day regimen, diazepam 10 mg daily", "helpers.models.adaptation", "simulate_regimen",
     ("diazepam", 10.0), {"interval_h": 24.0, "days": 180}),
    ("180 daily doses, diazepam 10 mg (PK)", "helpers.models.pharmacokinetics", "concentration_profile",
     ("diazepam", 10.0), {"hours": 180 * 24.0, "interval_h": 24.0, "n_doses": 180}),
    ("VTA time course, default", "helpers.models.circuit", "simulate_vta", (), {}),
    ("FSCV recording, 120 s", "helpers.models.release", "simulate_fscv", ("control",), {"seconds": 120.0}),
]


class CallLog:
    """Durations of model calls during one figure build: per function the longest single call,
    and the total of the outermost calls (model time inside the build)."""

    def __init__(self):
        self.longest_s: dict[str, float] = {}
        self.total_outer_s = 0.0
        self.depth = 0

    def record(self, name: str, seconds: float, outermost: bool) -> None:
        self.longest_s[name] = max(seconds, self.longest_s.get(name, 0.0))
        if outermost:
            self.total_outer_s += seconds


@contextmanager
def timed_model_functions(log_holder: list):
    """Wrap every public function of ``helpers.models.*``; calls are logged into ``log_holder[0]``.

    The wrapper replaces the function wherever a loaded ``helpers`` module holds it, so calls
    through ``from helpers.models.x import f`` are timed too.
    """
    import helpers.models

    wrappers = {}
    for info in pkgutil.iter_modules(helpers.models.__path__):
        module = importlib.import_module(f"helpers.models.{info.name}")
        for name, function in vars(module).items():
            if not name.startswith("_") and inspect.isfunction(function) and function.__module__ == module.__name__:
                wrappers[function] = _timed(function, f"{info.name}.{name}", log_holder)
    replaced = []
    for module in [m for name, m in sys.modules.items() if name.startswith("helpers.") and m is not None]:
        for name, value in list(vars(module).items()):
            if inspect.isfunction(value) and value in wrappers:
                replaced.append((module, name, value))
                setattr(module, name, wrappers[value])
    try:
        yield
    finally:
        for module, name, function in replaced:
            setattr(module, name, function)


def _timed(function, label: str, log_holder: list):
    @functools.wraps(function)
    def wrapper(*args, **kwargs):
        log = log_holder[0]
        log.depth += 1
        start = time.perf_counter()
        try:
            return function(*args, **kwargs)
        finally:
            log.depth -= 1
            log.record(label, time.perf_counter() - start, outermost=log.depth == 0)
    return wrapper


def explorer_settings(explorer) -> list[dict]:
    """The defaults, every handout setting and each control alone at its min and max (others at defaults)."""
    from helpers.activities.handout import handout_settings

    extremes = [{control.name: value} for control in explorer.controls for value in control.sample_points]
    settings = [{}]
    for setting in [*handout_settings(explorer).values(), *extremes]:
        if setting not in settings and explorer.settings(**setting) != explorer.defaults:
            settings.append(setting)
    return settings


def profile_explorer(explorer) -> dict:
    """Median build time of the outputs and model calls at every setting; the slowest setting of each."""
    holder = [CallLog()]
    per_setting = []
    with timed_model_functions(holder):
        explorer.outputs()  # first call fills caches (blank figures, imports)
        for values in explorer_settings(explorer):
            builds, logs = [], []
            for _ in range(REPEATS):
                holder[0] = CallLog()
                start = time.perf_counter()
                explorer.outputs(**values)
                builds.append(time.perf_counter() - start)
                logs.append(holder[0])
            per_setting.append({"values": values, "build_s": statistics.median(builds),
                                "model_total_s": statistics.median(log.total_outer_s for log in logs),
                                "longest_call": _longest_call(logs)})
    slowest = max(per_setting, key=lambda s: s["build_s"])
    calls = [s for s in per_setting if s["longest_call"]]
    longest = max(calls, key=lambda s: s["longest_call"][1]) if calls else None
    return {"slowest_build": slowest, "longest_call": longest, "settings": len(per_setting)}


def _longest_call(logs: list[CallLog]):
    names = set().union(*(log.longest_s for log in logs))
    if not names:
        return None
    medians = {name: statistics.median(log.longest_s.get(name, 0.0) for log in logs) for name in names}
    name = max(medians, key=medians.get)
    return name, medians[name]


def time_long_calls() -> list[dict]:
    """Time each ``LONG_CALLS`` entry (median of ``REPEATS``); missing or failing ones say why."""
    results = []
    for what, module_name, function_name, args, kwargs in LONG_CALLS:
        try:
            function = getattr(importlib.import_module(module_name), function_name)
        except (ImportError, AttributeError):
            results.append({"what": what, "call": f"{module_name}.{function_name}", "seconds": None,
                            "note": "not written yet"})
            continue
        try:
            durations = []
            for _ in range(REPEATS):
                start = time.perf_counter()
                function(*args, **kwargs)
                durations.append(time.perf_counter() - start)
            results.append({"what": what, "call": f"{module_name}.{function_name}",
                            "seconds": statistics.median(durations), "note": ""})
        except Exception as error:  # report, do not stop the benchmark
            results.append({"what": what, "call": f"{module_name}.{function_name}", "seconds": None,
                            "note": f"failed: {type(error).__name__}: {error}"})
    return results


def run() -> Section:
    from helpers.lessons import all_explorers

    section = Section("models")
    raw = {}
    try:
        explorers = all_explorers()
    except Exception as error:  # a lesson module that does not import yet: say so, time the rest
        section.notes.append(f"explorers could not be loaded: {type(error).__name__}: {error}")
        explorers = {}
    for name, explorer in explorers.items():
        profile = profile_explorer(explorer)
        slowest = profile["slowest_build"]
        share = slowest["model_total_s"] / slowest["build_s"] if slowest["build_s"] else 0.0
        section.add(f"{name} slowest {' and '.join(_outputs(explorer))} build", 1000 * slowest["build_s"], "ms", None,
                    f"at {_setting_text(slowest['values'])}; model {100 * share:.0f}% of it")
        longest = profile["longest_call"]
        if longest:
            function, seconds = longest["longest_call"]
            section.add(f"{name} longest model call", 1000 * seconds, "ms", MODEL_CALL_TARGET_MS,
                        f"{function} at {_setting_text(longest['values'])}")
        raw[name] = profile
    for call in time_long_calls():
        value = None if call["seconds"] is None else 1000 * call["seconds"]
        section.add(call["what"], value, "ms", None, call["note"] or call["call"])
    section.notes.append(f"median of {REPEATS} builds per setting; settings = every handout position and the "
                         f"min/default/max of each control; model-call target {MODEL_CALL_TARGET_MS:g} ms "
                         "from CONTRIBUTING.md.")
    section.raw = raw
    return section


def _outputs(explorer) -> list[str]:
    return [kind for kind, present in (("figure", explorer.has_figure), ("table", explorer.has_table)) if present]


def _setting_text(values: dict) -> str:
    return ", ".join(f"{k}={v:.3g}" if isinstance(v, float) else f"{k}={v}" for k, v in values.items()) or "defaults"
