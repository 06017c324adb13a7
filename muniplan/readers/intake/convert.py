"""Legacy and OpenDocument files (.doc, .rtf, .odt, .xls, .ods) converted by LibreOffice to
the Office Open XML formats the readers take.

Each conversion runs in a fresh temporary folder holding the input under a fixed name
(`source` + its suffix, so a crafted file name never reaches a command line and the command
cannot be pointed at another file), with its own LibreOffice user profile (two conversions at
once do not share a profile lock, and nothing of the server user's profile is read), a time
limit after which the whole process group is killed, and a limit on the size of the result.

When a Python with LibreOffice's UNO bridge is at hand (Debian `python3-uno`, which LibreOffice
recommends), `uno_convert.py` loads the file without a view, so Writer never lays the document
out into pages: a 2,000-activity .doc takes 3 s of LibreOffice's CPU instead of 36. Without it
the conversion is `soffice --convert-to`, which gives the same document, slowly.
"""

from __future__ import annotations

import functools
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path, PurePath

from muniplan.lib.sizes import megabytes
from muniplan.readers.draft import ReadError
from muniplan.readers.intake.guard import check_not_encrypted

TIME_LIMIT = float(os.environ.get("MUNIPLAN_CONVERT_SECONDS", "180"))
# A converted .docx is usually smaller than its .doc; ten times the upload limit is generous.
RESULT_FACTOR = 10
_FILTERS = {".docx": "MS Word 2007 XML", ".xlsx": "Calc MS Excel 2007 XML"}
INSTALL_HINT = "установите LibreOffice (Debian: libreoffice-writer-nogui, libreoffice-calc-nogui и python3-uno)"
UNO_SCRIPT = Path(__file__).with_name("uno_convert.py")


def soffice() -> str | None:
    return shutil.which("soffice") or shutil.which("libreoffice")


@functools.cache
def uno_python() -> str | None:
    """The Python that can run `uno_convert.py`: the one an official LibreOffice bundles beside
    soffice, else the system's (Debian python3-uno); None when neither imports `uno`."""
    program = soffice()
    candidates = [Path(os.path.realpath(program)).with_name("python")] if program else []
    system = shutil.which("python3", path="/usr/bin:/bin")
    candidates += [Path(system)] if system else []
    for python in candidates:
        probe = [str(python), "-I", "-c", "import uno"]
        if python.is_file() and subprocess.run(probe, capture_output=True).returncode == 0:
            return str(python)
    return None


def convert(name: str, data: bytes, target: str, *, limit: int) -> bytes:
    suffix = PurePath(name).suffix.lower()
    check_not_encrypted(name, data)
    program = soffice()
    if program is None:
        raise ReadError(
            f"Файл {name} в формате {suffix} читается через LibreOffice, а он на сервере не "
            f"установлен: {INSTALL_HINT}. Или сохраните файл как {target} и загрузите снова."
        )
    with tempfile.TemporaryDirectory(prefix="muniplan-convert-") as folder:
        work = Path(folder)
        source = work / f"source{suffix}"
        source.write_bytes(data)
        (work / "out").mkdir()
        _run(name, program, work, source, target)
        return _result(name, work / "out" / f"source{target}", target, limit * RESULT_FACTOR)


def _command(program: str, work: Path, source: Path, target: str) -> list[str]:
    result = work / "out" / f"source{target}"
    python = uno_python()
    if python:
        return [python, "-I", str(UNO_SCRIPT), program, str(source), str(result), _FILTERS[target]]
    return [
        program,
        "--headless",
        "--norestore",
        "--nologo",
        "--nodefault",
        "--nolockcheck",
        f"-env:UserInstallation={(work / 'profile').as_uri()}",
        "--convert-to",
        f"{target[1:]}:{_FILTERS[target]}",
        "--outdir",
        str(work / "out"),
        str(source),
    ]


def _run(name: str, program: str, work: Path, source: Path, target: str) -> None:
    command = _command(program, work, source, target)
    env = {"PATH": os.environ.get("PATH", "/usr/bin:/bin"), "HOME": str(work), "LANG": "C.UTF-8"}
    process = subprocess.Popen(
        command,
        cwd=work,
        env=env,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
    )
    try:
        process.wait(timeout=TIME_LIMIT)
    except subprocess.TimeoutExpired as error:
        # soffice starts helper processes: the whole session goes, not just the launcher
        os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        raise ReadError(
            f"Файл {name}: преобразование через LibreOffice не уложилось в "
            f"{TIME_LIMIT:.0f} с и остановлено. Сохраните файл как "
            f"{target} и загрузите снова."
        ) from error
    finally:
        _kill_leftovers(process.pid)


def _kill_leftovers(group: int) -> None:
    try:
        os.killpg(group, signal.SIGKILL)
    except (ProcessLookupError, PermissionError):
        pass


def _result(name: str, path: Path, target: str, limit: int) -> bytes:
    if not path.is_file():
        raise ReadError(
            f"Файл {name}: LibreOffice не смог его преобразовать — файл повреждён, защищён "
            f"паролем или это не документ. Сохраните его как {target} и загрузите снова."
        )
    size = path.stat().st_size
    if size > limit:
        raise ReadError(
            f"Файл {name}: после преобразования документ занял {megabytes(size)} МБ, "
            f"допустимо не более {megabytes(limit, digits=0)} МБ."
        )
    return path.read_bytes()
