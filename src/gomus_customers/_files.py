"""Text files people save from spreadsheets: read in the encoding they were saved in."""

from __future__ import annotations

from pathlib import Path

from gomus_customers.exceptions import FileAccessError

__all__ = ["read_text"]


def read_text(path: str | Path) -> str:
    """The file's text: UTF-8 (with or without BOM), UTF-16 with BOM, else Windows-1252."""
    try:
        data = Path(path).read_bytes()
    except FileNotFoundError:
        raise FileAccessError(str(path), "read", "there is no such file") from None
    except OSError as error:
        raise FileAccessError(str(path), "read", error.strerror or str(error)) from None
    if data.startswith((b"\xff\xfe", b"\xfe\xff")):  # a byte order mark: UTF-16 ("Unicode")
        try:
            return data.decode("utf-16")
        except UnicodeDecodeError as error:
            reason = f"it starts as UTF-16 but is not UTF-16 text (byte {error.start})"
            raise FileAccessError(str(path), "read", f"{reason}; save it as CSV UTF-8") from None
    for encoding in ("utf-8-sig", "cp1252"):  # Excel on Windows saves CSV as Windows-1252
        try:
            return data.decode(encoding)
        except UnicodeDecodeError as error:
            failure = error
    raise FileAccessError(
        str(path),
        "read",
        f"it is neither UTF-8 nor Windows-1252 (byte {failure.start}); save it as CSV UTF-8",
    )
