"""The two package lists (pip and conda/Binder) must name the same runtime packages."""

import re
import tomllib

import yaml

import fingerprints
from conftest import ROOT

NOT_PACKAGES = {"python", "pip"}


def _name(requirement: str) -> str:
    return re.split(r"[<>=!~ \[]", requirement.strip(), maxsplit=1)[0].lower()


def test_environment_yml_and_pyproject_list_the_same_runtime_packages():
    pyproject = tomllib.loads((ROOT / "pyproject.toml").read_text())
    pip_names = {_name(r) for r in pyproject["project"]["dependencies"]}
    conda = yaml.safe_load((ROOT / "environment.yml").read_text())
    conda_names = {_name(d) for d in conda["dependencies"] if isinstance(d, str)} - NOT_PACKAGES
    assert pip_names == conda_names, (f"only in pyproject: {sorted(pip_names - conda_names)}; "
                                      f"only in environment.yml: {sorted(conda_names - pip_names)}")


def test_environment_yml_installs_the_course_itself():
    conda = yaml.safe_load((ROOT / "environment.yml").read_text())
    pip_section = next(d["pip"] for d in conda["dependencies"] if isinstance(d, dict))
    assert "-e ." in pip_section


def test_course_reference_data_is_the_checked_reference_base():
    """The copy in helpers/data equals the checked base: by its recorded digest in any clone, and directly
    where ../shared lies beside the checkout (then the record must be current too)."""
    course_copy = fingerprints.COURSE_REFERENCES.read_text(encoding="utf-8")
    assert fingerprints.digest(course_copy) == fingerprints.recorded()["reference_base_sha256"], \
        "helpers/data/references.yaml differs from the checked base it was copied from"
    if fingerprints.SHARED_REFERENCES.exists():
        assert course_copy == fingerprints.SHARED_REFERENCES.read_text(encoding="utf-8"), \
            "copy ../shared/science/references.yaml to helpers/data/ and run python tests/fingerprints.py"


def test_every_citation_says_where_its_record_is_and_never_prints_nd():
    """A course that criticises opaque citations must itself be traceable."""
    from helpers.references import CONFIDENCE_LABELS, citation_text, references

    for source_id, entry in references().items():
        text = citation_text(source_id)
        assert "(n.d.)" not in text, text
        assert text.endswith(f"[{source_id}; {CONFIDENCE_LABELS[entry['confidence']]}]")
        markers = ("doi:", "PMID ", "PMC", "http", "Read at", "Not seen in any source")
        located = any(marker in text for marker in markers)
        assert located, f"{source_id}: no DOI, PMID, PMCID or address in {text!r}"


def test_a_citation_prints_the_recorded_identifiers_or_the_page_read():
    from helpers.references import citation_text, references

    base = references()
    tan = citation_text("tan2010_abstract_findings")   # its citation is the record citation_ref points to
    recorded = base[base["tan2010_abstract_findings"]["citation_ref"]]["citation"]
    assert f"doi:{recorded['doi']}" in tan and f"PMID {recorded['pmid']}" in tan and f"({recorded['year']})" in tan
    read_only = citation_text("pk_diazepam_elimination")   # no citation recorded: the page it was read at
    assert f"Read at {base['pk_diazepam_elimination']['verified_in'][0]}" in read_only
    assert "partly verified" in read_only
    assert "Not seen in any source" in citation_text("dat_vmax")
    assert "?." not in citation_text("lalive2011_review"), "a title ending in '?' gets no extra full stop"


def test_the_top_level_is_the_design_card_s():
    allowed = {"notebooks", "lessons", "helpers", "tests", "environment.yml", "README.md", "Makefile",
               "pyproject.toml", "CONTRIBUTING.md", "LICENSE"}
    build_products = {"build"}   # made by make handouts / make bench; ignored by git, as are .venv and egg-info
    top = {path.name for path in ROOT.iterdir()
           if not path.name.startswith(".") and path.name not in build_products and not path.name.endswith(".egg-info")}
    assert top == allowed, f"unexpected: {sorted(top - allowed)}; missing: {sorted(allowed - top)}"


def test_importing_the_models_does_not_pull_in_nbformat():
    """nbformat brings jsonschema (about a second per kernel); the models and tables need neither."""
    import subprocess
    import sys

    done = subprocess.run([sys.executable, "-c", "import sys, helpers.models.taper, helpers.tables, helpers.course; "
                           "print(sorted({'nbformat', 'jsonschema'} & set(sys.modules)))"],
                          capture_output=True, text=True, check=True, cwd=ROOT)
    assert done.stdout.strip() == "[]"
