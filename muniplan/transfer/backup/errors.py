"""The error a backup or restore stops with, and OS errors told as Russian reasons."""

from __future__ import annotations

import errno


class BackupError(Exception):
    """A backup or restore that cannot go on; the message is for the person at the console."""


_OS_REASONS = {
    errno.ENOSPC: "нет места на диске",
    errno.EDQUOT: "превышена дисковая квота",
    errno.EACCES: "нет прав доступа",
    errno.EPERM: "нет прав доступа",
    errno.EROFS: "файловая система доступна только для чтения",
    errno.ENOENT: "файл или папка не найдены",
}


def os_reason(error: OSError) -> str:
    reason = _OS_REASONS.get(error.errno, f"ошибка ввода-вывода (код {error.errno})")
    return f"{reason}: {error.filename}" if error.filename else reason
