"""``run_survey``: an archive's paths in, a ``SurveyReport`` out (what ``yakugo survey`` calls).

Documents are streamed from the readers, given their group and their place in
the archive, counted (here, in worker processes or on a Dask cluster) and the
merged counts aggregated. Bad records are handed to ``on_error`` and skipped.
"""

from __future__ import annotations

from collections.abc import Iterable, Iterator
from dataclasses import dataclass, field
from typing import Callable

from yakugo.aligner.survey.counts import Grouping, WorkItem
from yakugo.aligner.survey.parallel import PARTITION_DOCUMENTS, Progress, survey_counts
from yakugo.aligner.survey.readers import RecordFormat, read_documents
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


def work_items(
    paths: Iterable[str], options: SurveyOptions, on_error: Callable[[InputError], None] | None = None
) -> Iterator[WorkItem]:
    """The archive's documents as the counters take them, numbered in archive order."""
    for place, document in enumerate(read_documents(paths, options.record_format, on_error)):
        try:
            group = options.grouping.group_of(document.metadata, document.path, document.line, f"document {document.id}")
        except InputError as error:
            if on_error is None:
                raise
            on_error(error)
            continue
        yield place, document.id, document.text, document.markdown, group


def run_survey(
    paths: Iterable[str],
    glossary: Glossary,
    options: SurveyOptions | None = None,
    on_error: Callable[[InputError], None] | None = None,
    progress: Progress | None = None,
) -> SurveyReport:
    options = options or SurveyOptions()
    counts = survey_counts(
        work_items(paths, options, on_error),
        glossary,
        jobs=options.jobs,
        scheduler=options.scheduler,
        progress=progress,
        partition_documents=options.partition_documents,
    )
    return build_report(counts, glossary, grouped=options.grouping.by is not None)
