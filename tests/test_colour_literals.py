"""No colour is written outside helpers/theme.py: not in Python, CSS, SVG, JavaScript or page templates.

A colour literal is a hex colour (#rgb, #rgba, #rrggbb, #rrggbbaa), an rgb()/rgba()/hsl()/hsla() call, or a CSS
named colour ("white", "black", "steelblue"...) where a colour goes: after a colour-like name (``color=``,
``"color": ``, ``fill:``, ``stroke="``, ``bgcolor=``, ``line_color=``, ``background:``, ``border-left:`` ...), so
the same words in prose ("a black dot") do not count. The vendored plotly.js bundle is not the course's code.
"""

from __future__ import annotations

import pathlib
import re

import pytest

ROOT = pathlib.Path(__file__).resolve().parents[1]
HELPERS = ROOT / "helpers"
THEME = HELPERS / "theme.py"
VENDORED = (HELPERS / "activities" / "plotlyjs", HELPERS / "publish" / "revealjs")   # released code, not the course's
SUFFIXES = (".py", ".css", ".svg", ".js", ".j2", ".html")

# CSS Color Module Level 4 named colours, and "transparent".
CSS_NAMED_COLOURS = frozenset("""
aliceblue antiquewhite aqua aquamarine azure beige bisque black blanchedalmond blue blueviolet brown burlywood
cadetblue chartreuse chocolate coral cornflowerblue cornsilk crimson cyan darkblue darkcyan darkgoldenrod darkgray
darkgreen darkgrey darkkhaki darkmagenta darkolivegreen darkorange darkorchid darkred darksalmon darkseagreen
darkslateblue darkslategray darkslategrey darkturquoise darkviolet deeppink deepskyblue dimgray dimgrey dodgerblue
firebrick floralwhite forestgreen fuchsia gainsboro ghostwhite gold goldenrod gray green greenyellow grey honeydew
hotpink indianred indigo ivory khaki lavender lavenderblush lawngreen lemonchiffon lightblue lightcoral lightcyan
lightgoldenrodyellow lightgray lightgreen lightgrey lightpink lightsalmon lightseagreen lightskyblue lightslategray
lightslategrey lightsteelblue lightyellow lime limegreen linen magenta maroon mediumaquamarine mediumblue
mediumorchid mediumpurple mediumseagreen mediumslateblue mediumspringgreen mediumturquoise mediumvioletred
midnightblue mintcream mistyrose moccasin navajowhite navy oldlace olive olivedrab orange orangered orchid
palegoldenrod palegreen paleturquoise palevioletred papayawhip peachpuff peru pink plum powderblue purple
rebeccapurple red rosybrown royalblue saddlebrown salmon sandybrown seagreen seashell sienna silver skyblue
slateblue slategray slategrey snow springgreen steelblue tan teal thistle tomato turquoise violet wheat white
whitesmoke yellow yellowgreen transparent
""".split())

HEX_OR_FUNCTION = re.compile(r"#(?:[0-9A-Fa-f]{8}|[0-9A-Fa-f]{6}|[0-9A-Fa-f]{4}|[0-9A-Fa-f]{3})(?![\w-])"
                             r"|\b(?:rgba?|hsla?)\(")
# A colour-like name (fill, stroke, color, colour, bgcolor, line_color, background, border-left, outline, ...),
# then ":" or "=", then a value up to the end of the declaration or argument; a subscript such as
# PALETTE["black"] ends the value (a theme key, not a colour).
COLOUR_NAME_AND_VALUE = re.compile(
    r"""(?i)\b[\w-]*(?:colou?r|fill|stroke|background|border|outline|shadow)[\w-]*["']?\s*[:=]\s*([^;\n,)}\[]*)""")
WORD = re.compile(r"""(?<![\w\-#.$\[])["']?([A-Za-z]+)["']?(?![\w\-(])""")


def course_files() -> list[pathlib.Path]:
    """Every Python, CSS, SVG, JavaScript and template file under helpers/, but the theme and vendored code."""
    return sorted(path for path in HELPERS.rglob("*") if path.suffix in SUFFIXES and path != THEME
                  and not any(folder in path.parents for folder in VENDORED))


def named_colours(text: str) -> list[str]:
    """The CSS named colours ``text`` writes where a colour goes: ``['white']`` for ``line=dict(color="white")``."""
    return [word.group(1) for value in COLOUR_NAME_AND_VALUE.finditer(text)
            for word in WORD.finditer(value.group(1)) if word.group(1).lower() in CSS_NAMED_COLOURS]


def hex_and_functions(text: str) -> list[str]:
    """The hex colours and the starts of rgb()/rgba()/hsl()/hsla() calls in ``text``."""
    return [match.group(0) for match in HEX_OR_FUNCTION.finditer(text)]


def literals_in_course_files(find) -> list[str]:
    """``"file:line: literal"`` for every literal ``find(line)`` returns, in every course file."""
    return [f"{path.relative_to(ROOT)}:{number}: {literal}" for path in course_files()
            for number, line in enumerate(path.read_text(encoding="utf-8").splitlines(), start=1)
            for literal in find(line)]


@pytest.mark.parametrize("text, expected", [
    ('line=dict(color="white", width=1)', ["white"]),
    ('font=dict(size=14, color="white" if is_marked else NEUTRAL["text"])', ["white"]),
    ('bgcolor=colour if is_marked else "white", bordercolor=colour,', ["white"]),
    ("border-left:6px solid Tomato;background:white", ["Tomato", "white"]),
    ('<rect fill="white" stroke="navy"/>', ["white", "navy"]),
    ('{"color": "red", "fillcolor": "gold"}', ["red", "gold"]),
    ("element.style.backgroundColor = 'silver';", ["silver"]),
    ('line_color="black"', ["black"]),
])
def test_named_colours_are_found_where_a_colour_goes(text, expected):
    assert named_colours(text) == expected


@pytest.mark.parametrize("text", [
    'color=PALETTE["black"], line=dict(color=NEUTRAL["outline"])',
    'line=dict(color=PALETTE[("orange", "blue", "purple")[index]])',
    "A black dot on that alpha1 subunit; two blue circles mark the GABA sites.",
    "white-space: nowrap; border: 0;",
    "colour = DRUG_COLOURS[drug]  # one colour per drug: red means alprazolam",
    'fill="none" stroke-width="2"',
    "background: var(--course-background); color: var(--course-text);",
    'class="course-fill-gaba course-stroke-outline"',
])
def test_colour_names_in_prose_keys_or_variables_are_not_literals(text):
    assert named_colours(text) == [] and not HEX_OR_FUNCTION.search(text)


def test_hex_and_colour_functions_are_found_but_not_anchors():
    literals = [m.group(0) for m in HEX_OR_FUNCTION.finditer('#fff #00603F #0072b2cc rgba(0, 0, 0, 0.5) hsl(0 0% 0%)')]
    assert literals == ["#fff", "#00603F", "#0072b2cc", "rgba(", "hsl("]
    assert not HEX_OR_FUNCTION.search('<a href="#add-more">, <a href="#diagram-gaba">, item #21')


def test_the_scan_covers_every_kind_of_course_file():
    suffixes = {path.suffix for path in course_files()}
    assert {".py", ".css", ".svg", ".js", ".j2"} <= suffixes
    assert HELPERS / "publish" / "static" / "course.css" in course_files()
    assert not any(folder in path.parents for path in course_files() for folder in VENDORED)


def test_no_hex_or_rgb_colour_is_written_outside_the_theme():
    found = literals_in_course_files(hex_and_functions)
    assert found == [], "use a colour of helpers.theme instead:\n" + "\n".join(found)


def test_no_named_colour_is_written_outside_the_theme():
    found = literals_in_course_files(named_colours)
    assert found == [], "use a colour of helpers.theme instead:\n" + "\n".join(found)
