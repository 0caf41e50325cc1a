"""QTI 3.0 export: one item per file, a manifest listing them, shared stimuli, keys in the response declarations."""

from __future__ import annotations

import xml.etree.ElementTree as ET
import zipfile
from pathlib import Path

import pytest

from examprep.cli import main
from examprep.core.loader import load_bank_bytes
from examprep.interchange import qti
from examprep.interchange.report import Report
from tests.unit.test_interchange_common import DATA

Q = "{http://www.imsglobal.org/xsd/imsqtiasi_v3p0}"
M = "{http://www.imsglobal.org/xsd/qti/qtiv3p0/imscp_v1p1}"
BANK = DATA / "all-types.yaml"


@pytest.fixture(scope="module")
def package() -> tuple[dict[str, bytes], Report]:
    report = Report()
    bank, _ = load_bank_bytes(BANK.read_bytes(), str(BANK))
    return qti.package(bank, report), report


def _item(files: dict[str, bytes], item_id: str) -> ET.Element:
    root = ET.fromstring(files[f"items/{item_id}.xml"])
    assert root.tag == f"{Q}qti-assessment-item" and root.get("identifier") == item_id
    return root


def _correct(root: ET.Element, response: str = "RESPONSE") -> list[str]:
    declaration = next(d for d in root.iter(f"{Q}qti-response-declaration") if d.get("identifier") == response)
    return [v.text or "" for v in declaration.iter(f"{Q}qti-value")]


def test_manifest_lists_every_item_and_the_shared_stimulus(package: tuple[dict[str, bytes], Report]) -> None:
    files, report = package
    manifest = ET.fromstring(files["imsmanifest.xml"])
    resources = {r.get("identifier"): r for r in manifest.iter(f"{M}resource")}
    assert len([r for r in resources.values() if r.get("type") == "imsqti_item_xmlv3p0"]) == 12
    assert {r.get("href") for r in resources.values()} == set(files) - {"imsmanifest.xml"}
    case_item = resources["ixt-case-001-a"]
    assert [d.get("identifierref") for d in case_item.iter(f"{M}dependency")] == ["stimulus-ixt-case-001"]
    assert resources["stimulus-ixt-case-001"].get("type") == "imsqti_stimulus_xmlv3p0"
    stimulus = ET.fromstring(files["stimuli/stimulus-ixt-case-001.xml"])
    assert stimulus.tag == f"{Q}qti-assessment-stimulus" and "Ana buys 3 pens" in "".join(stimulus.itertext())
    ref = _item(files, "ixt-case-001-b").find(f"{Q}qti-assessment-stimulus-ref")
    assert ref is not None and ref.get("href") == "../stimuli/stimulus-ixt-case-001.xml"
    assert any(line.startswith("ixt-case-001: case study: scenario written once") for line in report.lines)


def test_keys_are_the_correct_responses(package: tuple[dict[str, bytes], Report]) -> None:
    files, _ = package
    assert _correct(_item(files, "ixt-single-001")) == ["not-x"]
    assert _correct(_item(files, "ixt-multi-001")) == ["exhausted", "empty"]
    assert _correct(_item(files, "ixt-tf-001")) == ["false"]
    assert _correct(_item(files, "ixt-order-001")) == ["base", "exc", "arith", "zero"]
    assert _correct(_item(files, "ixt-match-001")) == ["L1 R1", "L2 R2", "L3 R3"]
    assert _correct(_item(files, "ixt-num-001")) == ["3.5"]
    fill = _item(files, "ixt-fill-003")
    assert (_correct(fill, "RESPONSE_a"), _correct(fill, "RESPONSE_b")) == (["list"], ["tuple"])
    entry = next(fill.iter(f"{Q}qti-map-entry"))
    assert entry.get("case-sensitive") == "true"
    equal = next(_item(files, "ixt-num-001").iter(f"{Q}qti-equal"))
    assert (equal.get("tolerance-mode"), equal.get("tolerance")) == ("absolute", "0.01 0.01")


def test_rationales_explanations_pins_and_code(package: tuple[dict[str, bytes], Report]) -> None:
    files, report = package
    single = _item(files, "ixt-single-001")
    choices = {c.get("identifier"): c for c in single.iter(f"{Q}qti-simple-choice")}
    feedback = choices["bool-x"].find(f"{Q}qti-feedback-inline")
    assert feedback is not None and "".join(feedback.itertext()) == "bool(0) is False."
    assert choices["none"].get("fixed") == "true" and choices["not-x"].get("fixed") == "false"
    modal = single.find(f"{Q}qti-modal-feedback")
    assert modal is not None and "Zero of any numeric type is falsy" in "".join(modal.itertext())
    pre = next(_item(files, "ixt-code-001").iter(f"{Q}pre"))
    assert "".join(pre.itertext()) == 'x = {"a": 1}\nprint(x["a"] ** 3 ** 2 // 64)'
    gap = next(_item(files, "ixt-fill-002").iter(f"{Q}qti-inline-choice-interaction"))
    assert [c.text for c in gap] == ["append", "extend", "insert"]
    assert (
        "ixt-code-001: code_output exported as multiple choice with the code in a <pre> block (QTI cannot run code)"
        in report.lines
    )
    assert "ixt-fill-001: expected_output dropped (only examprep lint runs code)" in report.lines


def test_cli_writes_a_zip_or_a_folder(tmp_path: Path, capsys: pytest.CaptureFixture[str]) -> None:
    assert main(["export-bank", str(BANK), "--to", "qti", "-o", str(tmp_path / "bank.zip")]) == 0
    with zipfile.ZipFile(tmp_path / "bank.zip") as archive:
        assert "imsmanifest.xml" in archive.namelist() and "items/ixt-tf-001.xml" in archive.namelist()
    assert main(["export-bank", str(BANK), "--to", "qti", "-o", str(tmp_path / "out")]) == 0
    assert (tmp_path / "out" / "stimuli" / "stimulus-ixt-case-001.xml").is_file()
    assert "exported interchange-all-types as qti" in capsys.readouterr().err
    assert main(["export-bank", str(BANK), "--to", "qti"]) == 2
    assert "a QTI package needs -o OUT.zip or -o OUT/" in capsys.readouterr().err
