"""Our pictograms: small, valid SVG, black and white only (they must survive a photocopier)."""

from __future__ import annotations

import re
import xml.etree.ElementTree as ET

import pytest

from scripts import interface_text
from scripts.site_config import ROOT

PICTOGRAMS = sorted((ROOT / "docs/assets/pictograms").glob("*.svg"))
COLOUR = re.compile(r'(?:fill|stroke)="([^"]+)"')
BLACK_AND_WHITE = {"#000", "#fff", "none"}


@pytest.mark.parametrize("svg", PICTOGRAMS, ids=lambda path: path.stem)
def test_pictogram_is_small_valid_and_black_and_white(svg):
    assert svg.stat().st_size < 4096, f"{svg.name} is {svg.stat().st_size} bytes"
    root = ET.parse(svg).getroot()
    assert root.tag == "{http://www.w3.org/2000/svg}svg"
    assert root.get("viewBox") == "0 0 64 64"
    colours = set(COLOUR.findall(svg.read_text(encoding="utf-8")))
    assert colours <= BLACK_AND_WHITE, f"{svg.name} uses {colours - BLACK_AND_WHITE}"


def test_every_step_has_a_pictogram():
    names = {svg.stem for svg in PICTOGRAMS}
    for step in interface_text.steps():
        assert step["id"] in names
