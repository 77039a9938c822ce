"""The psikg exception hierarchy.

Every error psikg raises on purpose derives from :class:`PsikgError` and carries an
``exit_code`` the CLI returns (see README, "Exit codes"). Messages name the file, line,
record or IRI at fault and say what to do about it.
"""

from __future__ import annotations

from dataclasses import dataclass


class PsikgError(Exception):
    """Root of psikg's errors; ``exit_code`` is what the CLI exits with."""

    exit_code = 3


class UsageError(PsikgError):
    """The user asked for something that does not exist or does not fit (exit 2)."""

    exit_code = 2


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one input: where it is and what to do about it."""

    file: str
    message: str
    record: str | None = None
    field: str | None = None
    line: int | None = None

    def __str__(self) -> str:
        where = self.file
        if self.line is not None:
            where += f":{self.line}"
        if self.record:
            where += f" record {self.record}"
        if self.field:
            where += f" field '{self.field}'"
        return f"{where}: {self.message}"


class InputError(PsikgError):
    """A source could not be loaded; ``problems`` lists each fault found in it.

    Nothing from a source with problems reaches the store.
    """

    exit_code = 3

    def __init__(self, problems: list[Problem]):
        self.problems = list(problems)
        super().__init__("\n".join(str(p) for p in self.problems))


class StoreError(PsikgError):
    """The store cannot be opened, read or written."""

    exit_code = 3


class QueryError(PsikgError):
    """A SPARQL query is malformed, refused, or failed."""

    exit_code = 2
