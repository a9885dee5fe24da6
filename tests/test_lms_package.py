"""`make package`: the SCORM 1.2 and 2004 zips. Their manifests are valid against ADL's schemas (lxml, the
XSDs from npm), list every file, launch the SCO page and carry the pass mark where each version expects it;
nothing in them loads from another host; bad input gets one clear line."""

from __future__ import annotations

import re
import subprocess
import sys
import zipfile
from pathlib import Path
from urllib.parse import unquote

import pytest
from lxml import etree

from conftest import EXERCISES, ROOT
from lms_tools import XSD, ensure_tools, packages  # noqa: F401 (a fixture)

from coursewidgets.lms.manifest import manifest
from coursewidgets.lms.package import LAUNCH, PackageError, build

IMPORTS = {
    "1.2": {"http://www.imsproject.org/xsd/imscp_rootv1p1p2": "scorm12edition/imscp_rootv1p1p2.xsd",
            "http://www.adlnet.org/xsd/adlcp_rootv1p2": "scorm12edition/adlcp_rootv1p2.xsd"},
    "2004": {f"http://www.{ns}": f"scorm20044thedition/{xsd}" for ns, xsd in [
        ("imsglobal.org/xsd/imscp_v1p1", "imscp_v1p1.xsd"), ("adlnet.org/xsd/adlcp_v1p3", "adlcp_v1p3.xsd"),
        ("adlnet.org/xsd/adlseq_v1p3", "adlseq_v1p3.xsd"), ("adlnet.org/xsd/adlnav_v1p3", "adlnav_v1p3.xsd"),
        ("imsglobal.org/xsd/imsss", "imsss_v1p0.xsd")]},
}
EXTERNAL_LOAD = re.compile(r'<(?:script|img|link|iframe|source|video|audio|embed|object)\b[^>]*?\b(?:src|href|data)='
                           r'["\']?(?:https?:)?//', re.I)
CSS_URL = re.compile(r"url\(\s*['\"]?(?:https?:)?//", re.I)


def schema(version: str) -> etree.XMLSchema:
    """A schema importing every namespace a manifest of ``version`` uses, from ADL's XSDs."""
    ensure_tools()
    imports = "".join(f'<xs:import namespace="{ns}" schemaLocation="{(XSD / path).as_uri()}"/>'
                      for ns, path in IMPORTS[version].items())
    wrapper = f'<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">{imports}</xs:schema>'
    return etree.XMLSchema(etree.fromstring(wrapper.encode(), base_url=XSD.as_uri() + "/"))


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_manifest_is_valid_lists_every_file_and_sets_the_pass_mark(packages, version):
    with zipfile.ZipFile(packages[version]) as z:
        names = set(z.namelist())
        doc = etree.fromstring(z.read("imsmanifest.xml"))
    checker = schema(version)
    assert checker.validate(doc), checker.error_log
    ns = {"cp": doc.nsmap[None]}
    resources = doc.findall("cp:resources/cp:resource", ns)
    assert len(resources) == 1 and resources[0].get("href") == LAUNCH
    listed = {unquote(f.get("href")) for f in resources[0].findall("cp:file", ns)}
    assert listed == names - {"imsmanifest.xml"}
    assert {LAUNCH, "_static/lms.js", "_static/coursewidgets.js", "intro.html"} <= names
    if version == "1.2":
        assert doc.findtext(".//{http://www.adlnet.org/xsd/adlcp_rootv1p2}masteryscore") == "70"
        assert resources[0].get("{http://www.adlnet.org/xsd/adlcp_rootv1p2}scormtype") == "sco"
    else:
        assert doc.findtext(".//{http://www.imsglobal.org/xsd/imsss}minNormalizedMeasure") == "0.7"
        assert doc.find(".//{http://www.imsglobal.org/xsd/imsss}primaryObjective").get("satisfiedByMeasure") == "true"


def test_the_schema_check_can_fail():
    """A manifest with an unknown SCO type, a file without its address, or a pass mark out of range is refused."""
    good = manifest("1.2", "c", "T", LAUNCH, [LAUNCH], 70)
    assert schema("1.2").validate(etree.fromstring(good.encode()))
    for bad in (good.replace('scormtype="sco"', 'scormtype="page"'), good.replace('<file href="', '<file src="')):
        assert not schema("1.2").validate(etree.fromstring(bad.encode()))
    wrong = manifest("2004", "c", "T", LAUNCH, [LAUNCH], 70).replace(">0.7<", ">7<")
    assert not schema("2004").validate(etree.fromstring(wrong.encode()))


@pytest.mark.parametrize("version", ["1.2", "2004"])
def test_nothing_in_the_package_loads_from_another_host(packages, version):
    with zipfile.ZipFile(packages[version]) as z:
        for name in z.namelist():
            if name.endswith((".html", ".css")):
                text = z.read(name).decode("utf-8")
                assert not EXTERNAL_LOAD.search(text), name
                assert not CSS_URL.search(text), name
        launch = z.read(LAUNCH).decode()
    assert f'"version":"{version}"' in launch and '"pass":70' in launch


def test_the_pass_mark_is_set_at_packaging(built_site, tmp_path):
    for path in build(built_site, EXERCISES, tmp_path, pass_mark=55, name="c"):
        with zipfile.ZipFile(path) as z:
            text = z.read("imsmanifest.xml").decode()
        assert ("<adlcp:masteryscore>55<" in text) != (">0.55</imsss:minNormalizedMeasure>" in text)


def test_bad_input_gets_one_clear_line(tmp_path):
    with pytest.raises(PackageError, match=r"intro\.html: no built start page \(run `make build` first\)"):
        build(tmp_path / "nowhere", EXERCISES, tmp_path / "out")
    (tmp_path / "site").mkdir()
    (tmp_path / "site" / "intro.html").write_text('<section data-exercise="no-such-exercise"></section>')
    with pytest.raises(PackageError, match="pass mark 120: give a percentage from 0 to 100"):
        build(tmp_path / "site", EXERCISES, tmp_path / "out", pass_mark=120)
    with pytest.raises(PackageError, match="pages show exercises .* does not have: no-such-exercise"):
        build(tmp_path / "site", EXERCISES, tmp_path / "out")
    assert not (tmp_path / "out").exists() or not list((tmp_path / "out").iterdir())
    cli = Path(sys.executable).with_name("coursewidgets-package")
    run = subprocess.run([str(cli), "--site", str(tmp_path / "site"), "--pass-mark", "-5"], capture_output=True,
                         text=True, cwd=ROOT)
    assert run.returncode == 1 and run.stdout == ""
    assert run.stderr.strip().splitlines() == ["coursewidgets-package: pass mark -5: give a percentage from 0 to 100 "
                                               "(PASS=70 is the default)"]
