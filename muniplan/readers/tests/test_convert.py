"""Legacy and OpenDocument files through LibreOffice: the seed renditions read back field by
field as the seeds do, and conversion is safe (own folder and profile, time and size limits,
no other file reachable, two at once) and refuses what it cannot read."""

from __future__ import annotations

import os
import shutil
import threading
from pathlib import Path

import pytest

from muniplan.readers import read_document
from muniplan.readers.draft import ReadError
from muniplan.readers.intake import convert as conversion
from muniplan.readers.tests.gold import load_gold, mismatches
from muniplan.readers.tests.legacy_renditions import FIXTURES

pytestmark = pytest.mark.skipif(shutil.which("soffice") is None, reason="LibreOffice absent")
GOLDS = ["tyumen_2026", "smolensk_2022", "tula_2024"]


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


def test_a_conversion_hanging_past_its_limit_is_stopped_and_refused(monkeypatch, tmp_path):
    hanging = tmp_path / "soffice"
    hanging.write_text("#!/bin/sh\nsleep 30 & sleep 30\n")
    hanging.chmod(0o755)
    monkeypatch.setattr(conversion, "soffice", lambda: str(hanging))
    monkeypatch.setattr(conversion, "TIME_LIMIT", 1.0)
    with pytest.raises(ReadError) as error:
        read_document("вечный.doc", b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 600)
    assert "вечный.doc" in str(error.value) and "не уложилось в 1 с" in str(error.value)


def test_the_command_never_names_the_uploaded_file_or_another_path(monkeypatch, tmp_path):
    seen: list[list[str]] = []
    spy = tmp_path / "soffice"
    spy.write_text(f'#!/bin/sh\necho "$@" >> {tmp_path}/args\n')
    spy.chmod(0o755)
    monkeypatch.setattr(conversion, "soffice", lambda: str(spy))
    with pytest.raises(ReadError):
        read_document("../../etc/passwd; rm -rf ~.doc", b"\xd0\xcf\x11\xe0" + b"\x00" * 600)
    seen = (tmp_path / "args").read_text().split()
    source = seen[-1]
    assert Path(source).name == "source.doc" and "passwd" not in " ".join(seen)
    assert not Path(source).exists()  # the temporary folder is gone


def test_a_password_protected_doc_is_refused_before_conversion(monkeypatch):
    monkeypatch.setattr(conversion, "soffice", lambda: pytest.fail("converted a locked file"))
    header = bytearray(b"\xd0\xcf\x11\xe0\xa1\xb1\x1a\xe1" + b"\x00" * 2048)
    header[1024:1026] = b"\xec\xa5"  # the Word FIB at a sector boundary …
    header[1024 + 0x0B] = 0x01  # … with fEncrypted set
    with pytest.raises(ReadError) as error:
        read_document("секрет.doc", bytes(header))
    assert "секрет.doc защищён паролем" in str(error.value)


def test_a_converted_result_over_the_size_limit_is_refused(legacy, monkeypatch):
    monkeypatch.setattr(conversion, "RESULT_FACTOR", 0)
    with pytest.raises(ReadError) as error:
        read_document("tula_2024.doc", legacy["tula_2024.doc"])
    assert "после преобразования" in str(error.value)


def test_libreoffice_runs_with_its_own_profile_in_a_temporary_folder(monkeypatch, tmp_path):
    spy = tmp_path / "soffice"
    spy.write_text(f'#!/bin/sh\necho "$@" > {tmp_path}/args\necho $HOME > {tmp_path}/home\n')
    spy.chmod(0o755)
    monkeypatch.setattr(conversion, "soffice", lambda: str(spy))
    with pytest.raises(ReadError):
        read_document("plan.odt", b"PK\x03\x04" + b"\x00" * 100)
    args = (tmp_path / "args").read_text()
    home = (tmp_path / "home").read_text().strip()
    assert f"-env:UserInstallation=file://{home}/profile" in args
    assert home.startswith(os.path.realpath("/tmp")) or "muniplan-convert-" in home
