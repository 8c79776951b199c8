"""``run_survey``: an archive's paths in, a ``SurveyReport`` out (what ``yakugo survey`` calls).

Entries are streamed from the readers with their place in the archive and
counted (here, in worker processes or on a Dask cluster: JSON Lines records
are parsed and grouped there too), and the merged counts aggregated. Bad
records are skipped and handed to ``on_error`` in archive order.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Callable

from yakugo.aligner.survey.counts import Grouping, Reading, WorkItem
from yakugo.aligner.survey.parallel import PARTITION_DOCUMENTS, Progress, survey_counts
from yakugo.aligner.survey.readers import RecordFormat, read_archive
from yakugo.aligner.survey.report import SurveyReport, build_report
from yakugo.glossary.errors import InputError
from yakugo.glossary.model import Glossary


@dataclass
class SurveyOptions:
    record_format: RecordFormat = field(default_factory=RecordFormat)
    grouping: Grouping = field(default_factory=Grouping)
    jobs: int = 1
    scheduler: str | None = None
    partition_documents: int = PARTITION_DOCUMENTS


class _Numbered:
    """The archive's entries numbered in order; a reader's problem takes the number of the
    entry after it, so that problems are reported in archive order however they are counted."""

    def __init__(self, paths: Iterable[str], options: SurveyOptions):
        self.paths = paths
        self.options = options
        self.problems: list[tuple[tuple[int, int], str]] = []
        self.place = 0

    def _problem(self, error: InputError) -> None:
        self.problems.extend(((self.place, 0), problem) for problem in error.problems)

    def __iter__(self) -> Iterator[WorkItem]:
        for entry in read_archive(self.paths, self.options.record_format, self._problem):
            yield self.place, entry
            self.place += 1


def run_survey(
    paths: Iterable[str],
    glossary: Glossary,
    options: SurveyOptions | None = None,
    on_error: Callable[[InputError], None] | None = None,
    progress: Progress | None = None,
) -> SurveyReport:
    """Survey the archive at ``paths``. Unusable files and records are skipped and handed to
    ``on_error`` at the end, in archive order (without ``on_error``: one ``InputError``
    holding them all is raised)."""
    options = options or SurveyOptions()
    entries = _Numbered(paths, options)
    counts = survey_counts(
        iter(entries),
        glossary,
        Reading(options.record_format, options.grouping),
        jobs=options.jobs,
        scheduler=options.scheduler,
        progress=progress,
        partition_documents=options.partition_documents,
    )
    problems = sorted([*entries.problems, *(((place, 1), problem) for place, problem in counts.problems)])
    if problems:
        error = InputError([problem for _, problem in problems])
        if on_error is None:
            raise error
        for problem in error.problems:
            on_error(InputError(problem))
    return build_report(counts, glossary, grouped=options.grouping.by is not None)
