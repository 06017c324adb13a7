"""Legacy and OpenDocument files through LibreOffice: the seed renditions read back field by
field as the seeds do, by either way of converting (the UNO bridge without a view, and
`soffice --convert-to` where the bridge is missing), and conversion is safe (own folder and
profile, time and size limits, no other file reachable, two at once) and refuses what it cannot
read."""

from __future__ import annotations

import shutil
import tempfile
import threading
import time
from pathlib import Path, PurePath

import pytest

from muniplan.readers import read_document
from muniplan.readers.draft import ReadError
from muniplan.readers.intake import convert as conversion
from muniplan.readers.tests.gold import load_gold, mismatches
from muniplan.readers.tests.legacy_renditions import FIXTURES

pytestmark = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice absent")
GOLDS = ["tyumen_2026", "smolensk_2022", "tula_2024"]


@pytest.fixture(params=["uno", "convert-to"])
def way(request, monkeypatch) -> str:
    """Each way LibreOffice is driven: through the UNO bridge, or `soffice --convert-to` when
    no Python has the bridge."""
    if request.param == "uno" and conversion.uno_python() is None:
        pytest.skip("no Python with LibreOffice's UNO bridge (Debian python3-uno)")
    if request.param == "convert-to":
        monkeypatch.setattr(conversion, "uno_python", lambda: None)
    return request.param


def _spy(path: Path, log: Path, then: str = "") -> str:
    """An executable that appends its arguments and $HOME to `log`, then runs `then`."""
    path.write_text(f'#!/bin/sh\necho "$@" >> {log}\necho "HOME=$HOME" >> {log}\n{then}')
    path.chmod(0o755)
    return str(path)


@pytest.fixture(scope="module")
def legacy() -> dict[str, bytes]:
    """The seed renditions saved by LibreOffice (legacy_renditions.write_fixtures)."""
    return {p.name.replace("__seed_rendition", ""): p.read_bytes() for p in FIXTURES.iterdir()}


@pytest.mark.parametrize("gold", GOLDS)
@pytest.mark.parametrize("suffix", [".doc", ".rtf", ".odt", ".xls", ".ods"])
def test_a_seed_plan_saved_in_a_legacy_format_reads_back_as_its_gold(legacy, gold, suffix):
    expected = load_gold(gold)
    got = read_document(f"{gold}{suffix}", legacy[f"{gold}{suffix}"]).to_json()
    assert mismatches(got, expected) == []


@pytest.mark.parametrize("name", ["tula_2024.doc", "smolensk_2022.xls"])
def test_either_way_of_converting_reads_a_seed_rendition_as_its_gold(legacy, way, name):
    got = read_document(name, legacy[name]).to_json()
    assert mismatches(got, load_gold(PurePath(name).stem)) == []


def test_a_spreadsheet_named_doc_is_refused_and_nothing_is_kept(legacy, way, monkeypatch, tmp_path):
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    with pytest.raises(ReadError) as error:
        read_document("план.doc", legacy["tula_2024.xls"])
    assert "план.doc: LibreOffice не смог его преобразовать" in str(error.value)
    assert list(tmp_path.iterdir()) == []


def test_two_conversions_at_once_do_not_collide(legacy):
    results: dict[str, object] = {}

    def read(name: str) -> None:
        results[name] = read_document(name, legacy[name]).to_json()

    threads = [
        threading.Thread(target=read, args=(n,)) for n in ("tula_2024.doc", "smolensk_2022.odt")
    ]
    for thread in threads:
        thread.start()
    for thread in threads:
        thread.join()
    assert mismatches(results["tula_2024.doc"], load_gold("tula_2024")) == []
    assert mismatches(results["smolensk_2022.odt"], load_gold("smolensk_2022")) == []


def test_a_conversion_hanging_past_its_limit_is_stopped_and_refused(way, monkeypatch, tmp_path):
    hanging = tmp_path / "soffice"
    hanging.write_text(f"#!/bin/sh\nsleep 30 & echo $$ > {tmp_path}/pid; sleep 30\n")
    hanging.chmod(0o755)
    monkeypatch.setattr(conversion, "soffice", lambda: str(hanging))
    monkeypatch.setattr(conversion, "TIME_LIMIT", 1.0)
    with pytest.raises(ReadError) as error:
        read_document("вечный.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    assert "вечный.doc" in str(error.value) and "не уложилось в 1 с" in str(error.value)
    assert _ended(int((tmp_path / "pid").read_text()))


def _ended(pid: int) -> bool:
    """Gone, or a zombie left to an init that does not reap (SIGKILL lands within moments)."""
    for _ in range(100):
        stat = Path(f"/proc/{pid}/stat")
        if not stat.exists() or stat.read_text().rsplit(")", 1)[1].split()[0] == "Z":
            return True
        time.sleep(0.02)
    return False


def test_the_commands_never_name_the_uploaded_file_or_another_path(way, monkeypatch, tmp_path):
    log = tmp_path / "args"
    monkeypatch.setattr(conversion, "soffice", lambda: _spy(tmp_path / "soffice", log))
    if way == "uno":
        python = _spy(tmp_path / "python", log, f'exec {conversion.uno_python()} "$@"\n')
        monkeypatch.setattr(conversion, "uno_python", lambda: python)
    with pytest.raises(ReadError):
        read_document("../../etc/passwd; rm -rf ~.doc", b"\xd0\xcf\x11\xe0" + b"\x00" * 600)
    seen = log.read_text().split()
    named = [w for w in seen if w.endswith((".doc", ".docx"))]
    assert named and "passwd" not in " ".join(seen)
    assert {PurePath(w).name for w in named} <= {"source.doc", "source.docx"}
    assert all(PurePath(w).parts[2].startswith("muniplan-convert-") for w in named)
    assert not Path(named[0]).exists()  # the temporary folder is gone


def test_a_password_protected_doc_is_refused_before_conversion(legacy, monkeypatch):
    monkeypatch.setattr(conversion, "soffice", lambda: pytest.fail("converted a locked file"))
    with pytest.raises(ReadError) as error:
        read_document("секрет.doc", legacy["tula_2024__password_secret.doc"])
    assert "секрет.doc защищён паролем" in str(error.value)


def test_a_locked_doc_past_the_guard_is_refused_by_libreoffice_not_asked_for(
    legacy, way, monkeypatch, tmp_path
):
    monkeypatch.setattr(conversion, "check_not_encrypted", lambda name, data: None)
    monkeypatch.setattr(tempfile, "tempdir", str(tmp_path))
    with pytest.raises(ReadError) as error:
        read_document("секрет.doc", legacy["tula_2024__password_secret.doc"])
    assert "секрет.doc: LibreOffice не смог его преобразовать" in str(error.value)
    assert list(tmp_path.iterdir()) == []


def test_a_converted_result_over_the_size_limit_is_refused(legacy, monkeypatch):
    monkeypatch.setattr(conversion, "RESULT_FACTOR", 0)
    with pytest.raises(ReadError) as error:
        read_document("tula_2024.doc", legacy["tula_2024.doc"])
    assert "после преобразования" in str(error.value)


def test_libreoffice_runs_with_its_own_profile_in_a_temporary_folder(way, monkeypatch, tmp_path):
    log = tmp_path / "args"
    monkeypatch.setattr(conversion, "soffice", lambda: _spy(tmp_path / "soffice", log))
    with pytest.raises(ReadError):
        read_document("plan.odt", b"PK\x03\x04" + b"\x00" * 100)
    args, home = log.read_text().strip().rsplit("HOME=", 1)
    assert f"-env:UserInstallation=file://{home}/profile" in args
    assert PurePath(home).name.startswith("muniplan-convert-")
