"""The two package lists (pip and conda/Binder) must name the same runtime packages."""

import re
import tomllib

import yaml

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


def test_course_reference_data_matches_the_shared_reference_base():
    shared = ROOT.parent / "shared" / "science" / "references.yaml"
    if not shared.exists():
        import pytest
        pytest.skip("../shared/science/references.yaml is not beside this checkout")
    assert (ROOT / "helpers" / "data" / "references.yaml").read_text() == shared.read_text()
