"""A problem found in the book's data: the file, the record's first line, the column, and what is expected."""

from __future__ import annotations

from dataclasses import dataclass


@dataclass(frozen=True)
class Problem:
    """One thing wrong with one file. ``file`` is relative to the data folder (``course/options.csv``)."""

    file: str
    message: str
    line: int | None = None
    column: str | None = None

    def where(self, prefix: str = "") -> str:
        text = prefix + self.file
        if self.line is not None:
            text += f", line {self.line}"
        if self.column is not None:
            text += f", column '{self.column}'"
        return text

    def render(self, prefix: str = "") -> str:
        """``FILE, line N, column 'C': what is wrong and what is expected`` (``prefix`` goes before FILE)."""
        return f"{self.where(prefix)}: {self.message}"


class DataError(ValueError):
    """Bad data, located as precisely as possible. Carries the first problem's parts and every problem found."""

    def __init__(
        self,
        file: str,
        message: str,
        line: int | None = None,
        column: str | None = None,
        problems: tuple[Problem, ...] = (),
    ):
        self.file, self.line, self.column, self.message = file, line, column, message
        first = Problem(file, message, line, column)
        self.problems: tuple[Problem, ...] = problems or (first,)
        more = len(self.problems) - 1
        tail = (
            f" (and {more} more problem{'s' if more > 1 else ''}: run python -m cuproptosis_book.validate)"
            if more
            else ""
        )
        super().__init__(first.render() + tail)

    @classmethod
    def of(cls, problems: list[Problem]) -> DataError:
        first = problems[0]
        return cls(first.file, first.message, first.line, first.column, tuple(problems))


def raise_if_any(problems: list[Problem]) -> None:
    """Raise :class:`DataError` for the first problem (all of them attached) when there is any."""
    if problems:
        raise DataError.of(problems)
