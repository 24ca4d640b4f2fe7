"""Errors that carry a message meant for the user: no traceback, just what and where."""

from __future__ import annotations


class UserError(Exception):
    """A problem with the user's input or set-up, reported as one clear message."""


class DataFileError(UserError):
    """Bad input in a data file: names the file, the line and the field."""

    def __init__(self, file: str, message: str, *, line: int | None = None, field: str | None = None):
        self.file, self.line, self.field, self.reason = file, line, field, message
        where = file
        if line is not None:
            where += f", line {line}"
        if field:
            where += f", field '{field}'"
        super().__init__(f"{where}: {message}")
