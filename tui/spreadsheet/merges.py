"""Merged cells of each sheet of an ``.xlsx`` workbook, read from the file's XML.

The cell reader (calamine, through fastexcel) gives a merge's value to its top-left
cell and leaves the others empty, which would silently turn a merged ``element`` over
four rows into one good row and three rows missing their element. So the merges are
looked up here, in the workbook's own parts, and refused by name.
"""

from __future__ import annotations

import posixpath
import re
import zipfile
from pathlib import Path
from xml.etree import ElementTree

_MAIN = "{http://schemas.openxmlformats.org/spreadsheetml/2006/main}"
_RELATIONSHIPS = "{http://schemas.openxmlformats.org/officeDocument/2006/relationships}"
_PACKAGE_RELATIONSHIPS = "{http://schemas.openxmlformats.org/package/2006/relationships}"
_MERGE = re.compile(rb'<(?:\w+:)?mergeCell\s+ref="([A-Z]+[0-9]+(?::[A-Z]+[0-9]+)?)"')


def merged_ranges(path: Path) -> dict[str, list[str]]:
    """Sheet name → its merged ranges (``A2:A5``), for the sheets that have any.

    A workbook whose parts cannot be read this way gives no merges: the cell reader
    will then report what is wrong with the file.
    """
    try:
        with zipfile.ZipFile(path) as archive:
            parts = _sheet_parts(archive)
            found = {}
            for sheet, part in parts.items():
                try:
                    data = archive.read(part)
                except KeyError:
                    continue
                if b"mergeCell" in data:
                    ranges = [m.decode("ascii") for m in _MERGE.findall(data)]
                    if ranges:
                        found[sheet] = ranges
            return found
    except (OSError, zipfile.BadZipFile, ElementTree.ParseError, KeyError):
        return {}


def _sheet_parts(archive: zipfile.ZipFile) -> dict[str, str]:
    """Sheet name → the zip member holding its cells, through the workbook's relationships."""
    workbook = ElementTree.fromstring(archive.read("xl/workbook.xml"))
    relationships = ElementTree.fromstring(archive.read("xl/_rels/workbook.xml.rels"))
    targets = {
        rel.get("Id"): rel.get("Target", "")
        for rel in relationships.iter(f"{_PACKAGE_RELATIONSHIPS}Relationship")
    }
    parts = {}
    for sheet in workbook.iter(f"{_MAIN}sheet"):
        target = targets.get(sheet.get(f"{_RELATIONSHIPS}id"), "")
        if not target:
            continue
        if target.startswith("/"):
            part = target.lstrip("/")
        else:
            part = posixpath.normpath(posixpath.join("xl", target))
        parts[sheet.get("name", "")] = part
    return parts
