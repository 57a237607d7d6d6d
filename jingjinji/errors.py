"""The error every check of the data raises: a problem located by file, line and column."""

from __future__ import annotations


class DataError(ValueError):
    """A problem in the data package, located by file, line and column."""

    def __init__(
        self, file: str, problem: str, line: int | None = None, column: str | None = None
    ) -> None:
        self.file, self.problem, self.line, self.column = file, problem, line, column
        where = file
        if line is not None:
            where += f", line {line}"
        if column is not None:
            where += f", column '{column}'"
        super().__init__(f"{where}: {problem}")
