"""Word 97–2003 (.doc), RTF and OpenDocument (.odt) files, converted to DOCX by LibreOffice in
headless mode, so that the DOCX reader reads them like any .docx: tables, headings, and runs in
legacy TCVN3/VNI fonts (LibreOffice keeps the font names) converted run by run.
"""

from __future__ import annotations

import contextlib
import os
import shutil
import signal
import subprocess
import tempfile
from pathlib import Path

from qa import messages
from qa.ingest.base import IngestError
from qa.ingest.intake import KIND_OF_SUFFIX, sniff

SUFFIXES = (".doc", ".rtf", ".odt")
TIMEOUT_SECONDS = 120.0
DEBIAN_PACKAGE = "libreoffice-writer-nogui"
_COMMANDS = ("soffice", "libreoffice")


def to_docx(data: bytes, suffix: str, timeout: float = TIMEOUT_SECONDS) -> bytes:
    """The file converted to DOCX, or IngestError: not installed, not this format, corrupt, or
    not converted within ``timeout`` seconds."""
    kind = KIND_OF_SUFFIX[suffix]
    if sniff(data) != kind:  # LibreOffice would import a text file named .doc as text
        raise IngestError(messages.CORRUPT_FILE.format(kind=kind))
    command = next(filter(None, map(shutil.which, _COMMANDS)), None)
    if command is None:
        raise IngestError(messages.OFFICE_MISSING.format(kind=kind, package=DEBIAN_PACKAGE))
    # a killed LibreOffice may leave files behind that cleaning up must not fail on
    with tempfile.TemporaryDirectory(prefix="qa-office-", ignore_cleanup_errors=True) as folder:
        work = Path(folder)
        source = work / f"document{suffix}"
        source.write_bytes(data)
        _convert(command, source, work, timeout, kind)
        converted = work / "out" / "document.docx"
        if not converted.is_file():  # LibreOffice says nothing useful; it could not read it
            raise IngestError(messages.CORRUPT_FILE.format(kind=kind))
        return converted.read_bytes()


def _convert(command: str, source: Path, work: Path, timeout: float, kind: str) -> None:
    """Run LibreOffice with a profile of its own (parallel runs would otherwise hand their work
    to one another), in a process group that is killed whole when it takes too long."""
    args = [
        command,
        f"-env:UserInstallation={(work / 'profile').as_uri()}",
        "--headless",
        "--norestore",
        "--convert-to",
        "docx",
        "--outdir",
        str(work / "out"),
        str(source),
    ]
    process = subprocess.Popen(
        args,
        stdin=subprocess.DEVNULL,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.DEVNULL,
        start_new_session=True,
        env={**os.environ, "HOME": str(work)},
    )
    try:
        process.wait(timeout)
    except subprocess.TimeoutExpired as error:
        with contextlib.suppress(ProcessLookupError):  # ended just now
            os.killpg(process.pid, signal.SIGKILL)
        process.wait()
        raise IngestError(messages.OFFICE_TIMEOUT.format(kind=kind, seconds=timeout)) from error
