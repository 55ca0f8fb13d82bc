"""Writing files so that nobody ever sees half of one, and describing file errors in plain words.

Both the project file and exported documents are written through here: a
temporary file in the same folder, flushed and fsynced, then renamed over the
target, then the folder fsynced so the rename itself survives a power cut.
"""

from __future__ import annotations

import errno
import os
import stat
import tempfile
from collections.abc import Callable
from pathlib import Path
from typing import BinaryIO

from .core.errors import WyassemblerError


class FileWriteError(WyassemblerError):
    """A file could not be written; the message says which and why, in plain words."""


def describe_os_error(error: OSError, path: Path, doing: str) -> str:
    """One line such as "cannot save /x/y.docx: permission denied"."""
    reason = {
        errno.ENOENT: "no such file or folder",
        errno.EACCES: "permission denied",
        errno.EPERM: "permission denied",
        errno.ENOSPC: "the disk is full",
        errno.EROFS: "the disk is read-only",
        errno.EISDIR: "it is a folder, not a file",
        errno.ENOTDIR: "a part of the path is not a folder",
        errno.ENAMETOOLONG: "the name is too long",
    }.get(error.errno or 0, error.strerror or str(error))  # no errno: no key, the error's own words
    return f"cannot {doing} {path}: {reason}"


NOT_A_PLAIN_FILE = "it is not a plain file (a pipe or a device?)"


def open_to_read(path: str | os.PathLike) -> BinaryIO:
    """``path`` opened for reading in binary; an :class:`OSError` unless it is a regular file
    (:class:`IsADirectoryError` for a folder, :data:`NOT_A_PLAIN_FILE` for anything else).

    Opening a named pipe waits for a writer, and a device such as /dev/zero never ends: both are
    opened without waiting (``O_NONBLOCK``) and refused before a byte is read."""
    fd = os.open(path, os.O_RDONLY | getattr(os, "O_NONBLOCK", 0) | getattr(os, "O_BINARY", 0))
    try:
        mode = os.fstat(fd).st_mode
        if stat.S_ISDIR(mode):
            raise IsADirectoryError(errno.EISDIR, "it is a folder, not a file", str(path))
        if not stat.S_ISREG(mode):
            raise OSError(errno.EINVAL, NOT_A_PLAIN_FILE, str(path))
        if hasattr(os, "set_blocking"):
            os.set_blocking(fd, True)
        return os.fdopen(fd, "rb")
    except BaseException:
        os.close(fd)
        raise


def real_path(path: str | os.PathLike) -> Path:
    """``path`` with every symbolic link resolved: where a file reached through a shortcut really is."""
    return Path(os.path.realpath(path))


class OutputIsProject(FileWriteError):
    """An output chosen for an export is the project file the export is made from."""


def refuse_project_as_output(project_path: str | os.PathLike | None, output: str | os.PathLike) -> None:
    """Raise :class:`OutputIsProject` when ``output`` is the project file itself: by its name, a symbolic link or
    a hard link to it. No output ever replaces the project it came from, whatever replacing was agreed to
    (--force, or Yes to "Replace it?"). ``project_path`` None: a project never saved has no file to protect."""
    if project_path is None:
        return
    try:
        same = os.path.lexists(output) and os.path.samefile(project_path, output)
    except OSError:  # one of them cannot be looked at (a dangling link, no project file yet): the write says why
        same = False
    if same:
        raise OutputIsProject(f"{output} is the project file itself ({project_path}): choose another name for the "
                              f"output")


def write_atomically(path: Path, data: bytes, before_replace: Callable[[Path], None] | None = None,
                     permissions: int | None = None) -> None:
    """Write ``data`` to ``path`` so that readers only ever see the old or the new bytes, whole.

    A ``path`` that is a symbolic link is written through: the file it points to is replaced, beside
    itself, and the link stays. ``before_replace`` runs after the new bytes are safely on disk and
    before they take the name (the project file keeps its backup there, and checks nobody else wrote
    meanwhile; whatever it raises stops the write). On any failure the temporary file is removed and
    :class:`FileWriteError` says what went wrong. ``permissions`` (POSIX mode bits) replace the usual
    ones: a private key is written ``0o600`` from its first byte, never readable by others even briefly.
    """
    path = real_path(path)
    folder = _existing_folder(path)
    _refuse_special_file(path)
    try:
        fd, temp_name = tempfile.mkstemp(prefix=f".{path.name}.", suffix=".tmp", dir=folder)
    except OSError as error:
        raise FileWriteError(describe_os_error(error, folder, "save in")) from None
    try:
        with os.fdopen(fd, "wb") as handle:
            if permissions is None:
                _give_usual_permissions(handle.fileno(), path)
            elif hasattr(os, "fchmod"):
                os.fchmod(handle.fileno(), permissions)
            handle.write(data)
            handle.flush()
            os.fsync(handle.fileno())
        if before_replace is not None:
            before_replace(path)
        os.replace(temp_name, path)
    except OSError as error:
        _remove_quietly(temp_name)
        raise FileWriteError(describe_os_error(error, path, "save")) from None
    except BaseException:
        _remove_quietly(temp_name)
        raise
    fsync_folder(folder)


def refuse_unwritable_folder(path: str | os.PathLike) -> None:
    """Raise the :class:`FileWriteError` that :func:`write_atomically` would raise for ``path``'s folder (none
    there, a read-only disk, no permission) now, before a long piece of work rather than after it."""
    target = real_path(path)
    folder = _existing_folder(target)
    try:  # a real file, not os.access: that says "permission denied" of a read-only disk too
        with tempfile.TemporaryFile(dir=folder):
            pass
    except OSError as error:
        raise FileWriteError(describe_os_error(error, target, "save")) from None


def _existing_folder(path: Path) -> Path:
    """The folder ``path`` would be written into; :class:`FileWriteError` if there is none."""
    folder = path.parent
    if not folder.is_dir():
        raise FileWriteError(f"cannot save {path}: the folder {folder} does not exist")
    return folder


def _refuse_special_file(path: Path) -> None:
    """A named pipe, device or socket is never replaced, whatever replacing was agreed to: renamed over, the
    device itself would be gone (/dev/zero reached through a link, written as root). A folder is the rename's
    own error."""
    try:
        mode = os.stat(path).st_mode
    except OSError:
        return  # nothing there (or nothing that can be looked at): the write says why, if anything
    if not (stat.S_ISREG(mode) or stat.S_ISDIR(mode)):
        raise FileWriteError(f"cannot save {path}: {NOT_A_PLAIN_FILE}")


# mkstemp makes files only their owner can read; a project or export on a shared drive must be
# readable by the partners as a normally saved file would be. Read once, while nothing else runs.
_UMASK = os.umask(0o022)
os.umask(_UMASK)


def _give_usual_permissions(fd: int, path: Path) -> None:
    """The replaced file's permissions, or those a newly created file would get."""
    if not hasattr(os, "fchmod"):  # Windows: ACLs of the folder apply
        return
    try:
        mode = os.stat(path).st_mode & 0o7777
    except OSError:
        mode = 0o666 & ~_UMASK
    os.fchmod(fd, mode)


def _remove_quietly(name: str) -> None:
    try:
        os.unlink(name)
    except OSError:
        pass


def fsync_folder(folder: Path) -> None:
    """Make a rename durable (POSIX); harmless to skip where folders cannot be opened."""
    try:
        fd = os.open(folder, os.O_RDONLY)
    except OSError:
        return
    try:
        os.fsync(fd)
    except OSError:
        pass
    finally:
        os.close(fd)
