"""One conversion through LibreOffice's UNO bridge, without a view of the document.

Run as a script by a Python that has the bridge (Debian `python3-uno`, or the `python` an
official LibreOffice bundles), never imported by the application:

    python3 -I uno_convert.py SOFFICE SOURCE RESULT FILTER

`soffice --convert-to` opens the document in a hidden window, and with a window Writer lays the
whole document out into pages while loading it (as much CPU as making a PDF of it): a 2,000-row
.doc took 36 s of LibreOffice's CPU that way, 39 s of wall time in the load and 0.4 s in writing
the .docx. Loaded into a bare document model instead (`XLoadable.load`, no frame, no
controller), the layout is never made and the same file takes 3 s: about 1 s each to start
LibreOffice, read the .doc and write the .docx. The .docx is the same to the readers, field by
field.

This script starts LibreOffice with the profile `profile` and a pipe named after the folder
SOURCE is in (the application's temporary folder for this one conversion, so two conversions
never share either), connects, loads SOURCE with the import filter LibreOffice detects, refuses
anything but a text document when FILTER writes Word (a spreadsheet when it writes Excel), never
runs macros or updates links, saves RESULT with FILTER and closes LibreOffice. It exits 1 on any
failure; the application gives the time limit, kills the process group past it and reads RESULT.
"""

from __future__ import annotations

import subprocess
import sys
import time
from pathlib import Path

import uno
from com.sun.star.beans import PropertyValue

# The export filter says which kind of document the source must load as.
DOCUMENTS = {
    "MS Word 2007 XML": "com.sun.star.text.TextDocument",
    "Calc MS Excel 2007 XML": "com.sun.star.sheet.SpreadsheetDocument",
}
NEVER_EXECUTE = 0  # com.sun.star.document.MacroExecMode
NO_UPDATE = 0  # com.sun.star.document.UpdateDocMode


def main(soffice: str, source: str, result: str, export: str) -> int:
    work = Path(source).parent
    pipe = f"{work.name}-uno"
    office = subprocess.Popen(
        [
            soffice,
            "--headless",
            "--invisible",
            "--norestore",
            "--nologo",
            "--nodefault",
            "--nolockcheck",
            f"-env:UserInstallation={(work / 'profile').as_uri()}",
            f"--accept=pipe,name={pipe};urp;",
        ],
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
    )
    context = _connect(office, pipe)
    if context is None:
        return 1
    try:
        _convert(context, Path(source).as_uri(), Path(result).as_uri(), export)
    finally:
        _close(context, office)
    return 0


def _connect(office: subprocess.Popen, pipe: str):
    """LibreOffice's component context once it listens on the pipe; None if it exited first."""
    local = uno.getComponentContext()
    resolver = local.ServiceManager.createInstanceWithContext(
        "com.sun.star.bridge.UnoUrlResolver", local
    )
    while office.poll() is None:
        try:
            return resolver.resolve(f"uno:pipe,name={pipe};urp;StarOffice.ComponentContext")
        except Exception:  # noqa: BLE001 — NoConnectException until it listens
            time.sleep(0.05)
    return None


def _convert(context, source: str, result: str, export: str) -> None:
    services = context.ServiceManager
    detection = services.createInstanceWithContext("com.sun.star.document.TypeDetection", context)
    kind, _ = detection.queryTypeByDescriptor((_property("URL", source),), True)
    filters = services.createInstanceWithContext("com.sun.star.document.FilterFactory", context)
    imported = dict(_pairs(detection.getByName(kind)))["PreferredFilter"] if kind else ""
    service = dict(_pairs(filters.getByName(imported))).get("DocumentService") if imported else ""
    if service != DOCUMENTS[export]:
        raise SystemExit(1)
    document = services.createInstanceWithContext(service, context)
    document.load(
        (
            _property("URL", source),
            _property("FilterName", imported),
            _property("ReadOnly", True),
            _property("MacroExecutionMode", NEVER_EXECUTE),
            _property("UpdateDocMode", NO_UPDATE),
        )
    )
    try:
        document.storeToURL(result, (_property("FilterName", export),))
    finally:
        document.close(True)


def _close(context, office: subprocess.Popen) -> None:
    desktop = context.ServiceManager.createInstanceWithContext(
        "com.sun.star.frame.Desktop", context
    )
    try:
        desktop.terminate()
    except Exception:  # noqa: BLE001 — the bridge goes down while terminate() returns
        pass
    office.wait()


def _pairs(values) -> list[tuple[str, object]]:
    return [(v.Name, v.Value) for v in values]


def _property(name: str, value) -> PropertyValue:
    prop = PropertyValue()
    prop.Name = name
    prop.Value = value
    return prop


if __name__ == "__main__":
    try:
        sys.exit(main(*sys.argv[1:]))
    except Exception:  # noqa: BLE001 — any failure is "not converted"; the caller says so
        sys.exit(1)
