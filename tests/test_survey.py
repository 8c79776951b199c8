"""``yakugo survey``: counts that agree with ``yakugo terms``, readers of archives, the JSON
contract, and output identical whatever the parallelism (processes, a Dask cluster)."""

from __future__ import annotations

import csv
import gzip
import io
import json
from collections import Counter
from pathlib import Path

import pytest

from support import DATA, SEED_001, SEED_004, need_shared
from yakugo.aligner.survey.counts import Grouping, SurveyCounts
from yakugo.aligner.survey.readers import RecordFormat, read_documents
from yakugo.glossary.errors import InputError

WMT_SOURCE = ("wmt24-ja-news", "ja-zh.src.ja")
WMT_DOCS = ("wmt24-ja-news", "ja-zh.docs")


def wmt_documents(limit_lines: int | None = None) -> list[tuple[str, str]]:
    """WMT24 ja-zh source documents as (document id, text), the CANARY line left out."""
    source = need_shared("data", *WMT_SOURCE).read_text(encoding="utf-8").split("\n")
    docs = need_shared("data", *WMT_DOCS).read_text(encoding="utf-8").split("\n")
    assert source[0].startswith("CANARY") and docs[0].startswith("canary")
    documents: dict[str, list[str]] = {}
    for line, doc in list(zip(source[1:], docs[1:]))[:limit_lines]:
        if doc:
            documents.setdefault(doc.split("\t")[1], []).append(line)
    return [(doc_id, "\n".join(lines)) for doc_id, lines in documents.items()]


def write_jsonl(path: Path, documents: list[tuple[str, str]], **extra: object) -> Path:
    with path.open("w", encoding="utf-8") as out:
        for doc_id, text in documents:
            out.write(json.dumps({"id": doc_id, "text": text, **extra}, ensure_ascii=False) + "\n")
    return path


def terms_tallies(run_cli, *paths: object) -> tuple[Counter, Counter, Counter]:
    """What ``yakugo terms`` counts: occurrences per concept, per (concept, status), and documents per concept."""
    result = run_cli("terms", *paths, "-f", "json")
    assert result.exit_code == 0, result.stderr
    records = json.loads(result.stdout)
    per_concept = Counter(record["concept"] for record in records)
    per_status = Counter((record["concept"], record["status"]) for record in records)
    documents = Counter(concept for concept, _ in {(record["concept"], record["path"]) for record in records})
    return per_concept, per_status, documents


def survey_tallies(report: dict) -> tuple[Counter, Counter, Counter]:
    per_concept = Counter({entry["concept"]: entry["occurrences"] for entry in report["concepts"]})
    per_status: Counter = Counter()
    for entry in report["concepts"]:
        assert sum(form["occurrences"] for form in entry["forms"]) == entry["occurrences"]
        for form in entry["forms"]:
            per_status[(entry["concept"], form["status"])] += form["occurrences"]
    documents = Counter({entry["concept"]: entry["documents"] for entry in report["concepts"]})
    return per_concept, per_status, documents


def survey_json(run_cli, *args: object) -> dict:
    result = run_cli("survey", *args, "-f", "json")
    assert result.exit_code == 0, result.stderr
    return json.loads(result.stdout)


# --- agreement with yakugo terms ----------------------------------------------------------


def test_counts_agree_with_terms_on_the_seeds(run_cli, seeds):
    report = survey_json(run_cli, seeds, "--jobs", "1")
    assert survey_tallies(report) == terms_tallies(run_cli, seeds)
    assert report["documents"] == 5
    assert report["characters"] == sum(len(path.read_text(encoding="utf-8")) for path in seeds.glob("*.txt"))
    by_id = {entry["concept"]: entry for entry in report["concepts"]}
    # Seeds 001 and 004 write the deprecated グルジア; the preferred ジョージア dominates.
    georgia = by_id["georgia"]
    assert georgia["dominant"] == "ジョージア" and {f["form"]: f["status"] for f in georgia["forms"]}["グルジア"] == "deprecated"
    assert georgia["deprecated_documents"] == [str(seeds / SEED_001), str(seeds / SEED_004)]
    # 米ロ beside 米露 in seed 004 is what lint's mixed-variants reports there too.
    assert by_id["us-russia"]["mixed_documents"] == [str(seeds / SEED_004)]


def test_the_seeds_mixed_documents_are_those_mixed_variants_reports(run_cli, seeds):
    report = survey_json(run_cli, seeds, "--jobs", "1")
    lint = run_cli("lint", seeds, "-f", "json", "--select", "mixed-variants", "--isolated")
    flagged = {(finding["concept"], finding["path"]) for finding in json.loads(lint.stdout)}
    surveyed = {(entry["concept"], path) for entry in report["concepts"] for path in entry["mixed_documents"]}
    assert surveyed == flagged and len(flagged) >= 3


def test_counts_agree_with_terms_on_wmt24_documents(run_cli, tmp_path):
    documents = wmt_documents(limit_lines=2500)
    folder = tmp_path / "articles"
    folder.mkdir()
    for number, (_, text) in enumerate(documents):
        (folder / f"{number:05}.txt").write_text(text, encoding="utf-8")
    archive = write_jsonl(tmp_path / "wmt.jsonl", documents)
    report = survey_json(run_cli, archive, "--jobs", "1")
    assert report["documents"] == len(documents) > 500
    assert report["characters"] == sum(len(text) for _, text in documents)
    tallies = survey_tallies(report)
    assert tallies == terms_tallies(run_cli, folder)
    assert sum(tallies[0].values()) > 300  # the news part of WMT24 names security concepts


# --- readers ------------------------------------------------------------------------------


def test_jsonl_csv_tsv_and_gzip_records_with_metadata(tmp_path):
    records = [{"id": "a1", "text": "米露首脳会談", "date": "2021-03-04", "desk": "外信"}, {"text": "米ロ関係", "desk": 7}]
    plain = tmp_path / "archive.jsonl"
    plain.write_text("".join(json.dumps(r, ensure_ascii=False) + "\n\n" for r in records), encoding="utf-8")
    (tmp_path / "archive.jsonl.gz").write_bytes(gzip.compress(plain.read_bytes()))
    table = io.StringIO()
    writer = csv.writer(table)
    writer.writerow(["text", "id", "desk"])
    writer.writerow(["複数行の\n米露", "c1", "政治"])
    (tmp_path / "archive.csv").write_text(table.getvalue(), encoding="utf-8")
    (tmp_path / "archive.tsv").write_text("body\tdesk\n米ロ\t経済\n", encoding="utf-8")

    docs = list(read_documents([str(plain), str(tmp_path / "archive.jsonl.gz")]))
    assert [(d.id, d.text, d.metadata) for d in docs[:2]] == [
        ("a1", "米露首脳会談", {"date": "2021-03-04", "desk": "外信"}),
        (f"{plain}#2", "米ロ関係", {"desk": "7"}),
    ]
    assert [d.line for d in docs[:2]] == [1, 3]
    assert [(d.id, d.text) for d in docs[2:]] == [(d.id.replace(".jsonl", ".jsonl.gz"), d.text) for d in docs[:1]] + [
        (f"{tmp_path / 'archive.jsonl.gz'}#2", "米ロ関係")
    ]
    [row] = read_documents([str(tmp_path / "archive.csv")])
    assert (row.id, row.text, row.metadata, row.line) == ("c1", "複数行の\n米露", {"desk": "政治"}, 2)
    [tsv] = read_documents([str(tmp_path / "archive.tsv")], RecordFormat(text_field="body"))
    assert (tsv.text, tsv.id) == ("米ロ", f"{tmp_path / 'archive.tsv'}#1")


@pytest.mark.parametrize(
    ("name", "content", "problem"),
    [
        ("bad.jsonl", '{"id": 1, "text": "米露"}\n{"id": 2, "text": \n', ":2: record 2: invalid JSON"),
        ("bad.jsonl", '{"id": 1, "text": "米露"}\n[1, 2]\n', ":2: record 2: not a JSON object"),
        ("bad.jsonl", '{"id": 1, "text": "米露"}\n\n{"id": 2, "body": "米ロ"}\n', ":3: record 2: no 'text' field"),
        ("bad.jsonl", '{"id": 1, "text": "米露"}\n{"id": 2, "text": 5}\n', ":2: record 2: 'text' is not a string"),
        ("bad.jsonl", '{"id": 1, "text": "米露"}\n' + "[" * 100000 + "\n", ":2: record 2: "),
        ("bad.csv", 'id,text\n1,米露\n2,米ロ,extra\n', ":3: record 2: 3 cells, the header has 2"),
        ("bad.csv", 'id,text\n1,米露\n2,"米ロ\n', ":3: record 2: "),
        ("bad.jsonl.gz", None, ":2: record 2: invalid JSON"),
    ],
)
def test_a_bad_record_is_one_line_naming_file_and_record_and_exit_2(run_cli, tmp_path, name, content, problem):
    path = tmp_path / name
    if content is None:
        path.write_bytes(gzip.compress('{"id": 1, "text": "米露"}\n{oops}\n'.encode()))
    else:
        path.write_text(content, encoding="utf-8")
    result = run_cli("survey", path, "-f", "json", "--jobs", "1")
    assert result.exit_code == 2
    [line] = result.stderr.strip().splitlines()
    assert line.startswith(f"{path}{problem}"), line
    assert "Traceback" not in result.stderr
    report = json.loads(result.stdout)  # the good records are still surveyed
    assert report["documents"] == 1 and report["concepts"][0]["concept"] == "us-russia"


def test_an_unreadable_gzip_and_invalid_utf8_are_one_line_each(run_cli, tmp_path):
    broken = tmp_path / "broken.jsonl.gz"
    broken.write_bytes(b"this is not gzip")
    latin = tmp_path / "latin.jsonl"
    latin.write_bytes(b'{"text": "caf\xe9"}\n')
    result = run_cli("survey", broken, latin, "-f", "json", "--jobs", "1")
    assert result.exit_code == 2
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 2
    assert lines[0].startswith(f"{broken}:1: not a readable gzip file")
    assert lines[1] == f"{latin}:1: record 1: not valid UTF-8 (JSON Lines and CSV records are read as UTF-8)"


def test_period_grouping_and_bad_dates():
    year, month = Grouping("date", "year"), Grouping("date", "month")
    assert year.group_of({"date": "2021-03-04T10:00:00Z"}, "a.jsonl", 1, "record 1") == "2021"
    assert month.group_of({"date": "2021/3/4"}, "a.jsonl", 1, "record 1") == "2021-03"
    assert Grouping("date", "day").group_of({"date": "20210304"}, "a", 1, "r") == "2021-03-04"
    assert month.group_of({}, "a.jsonl", 1, "record 1") == ""
    with pytest.raises(InputError, match=r"^a.jsonl:9: record 3: date '2021' is not a date with a month"):
        month.group_of({"date": "2021"}, "a.jsonl", 9, "record 3")
    with pytest.raises(InputError, match="--period needs --by"):
        Grouping(None, "year")


# --- the contract -------------------------------------------------------------------------


def test_json_contract_with_groups_and_csv(run_cli, tmp_path):
    archive = tmp_path / "desk.jsonl"
    rows = [
        ("1", "米露の会合。米ロの対話。米露関係。", "2020-05-01"),
        ("2", "米露の協議。", "2020-11-30"),
        ("3", "米ロの協議。米ロ関係の改善。", "2021-02-01"),
        ("4", "グルジア情勢。", "2021-07-07"),
    ]
    archive.write_text("".join(json.dumps({"id": i, "text": t, "date": d}, ensure_ascii=False) + "\n" for i, t, d in rows), encoding="utf-8")
    report = survey_json(run_cli, archive, "--by", "date", "--period", "year", "--jobs", "1")
    assert list(report) == ["documents", "characters", "documents_with_findings", "concepts", "ranking"]
    assert (report["documents"], report["characters"], report["documents_with_findings"]) == (4, sum(len(r[1]) for r in rows), 2)
    assert [entry["concept"] for entry in report["concepts"]] == ["georgia", "us-russia"]
    us_russia = report["concepts"][1]
    assert list(us_russia)[:11] == ["concept", "ja", "en", "occurrences", "documents", "forms", "dominant",
                                    "mixed_documents", "deprecated_documents", "groups", "deviating_documents"]
    assert us_russia["forms"] == [
        {"form": "米ロ", "status": "variant", "occurrences": 3, "documents": 2},
        {"form": "米露", "status": "preferred", "occurrences": 3, "documents": 2},
    ]
    assert us_russia["dominant"] == "米ロ"  # a tie in occurrences goes to the first form in code-point order
    assert us_russia["mixed_documents"] == ["1"] and us_russia["deprecated_documents"] == []
    assert us_russia["groups"] == {"2020": {"米ロ": 1, "米露": 3}, "2021": {"米ロ": 2}}
    georgia = report["concepts"][0]
    assert georgia["deprecated_documents"] == ["4"] and georgia["inconsistency"] == 1.0
    assert report["ranking"][0]["concept"] == "georgia"

    result = run_cli("survey", archive, "--by", "date", "--period", "year", "-f", "csv", "--jobs", "1")
    assert result.exit_code == 0
    table = list(csv.reader(io.StringIO(result.stdout.lstrip("\ufeff"))))
    assert table[0] == ["concept", "ja", "en", "form", "status", "group", "occurrences", "documents"]
    assert ["us-russia", "米露", "US-Russia", "米露", "preferred", "2020", "3", "2"] in table
    assert ["us-russia", "米露", "US-Russia", "米ロ", "variant", "2021", "2", "1"] in table


def test_csv_neutralises_formulas_from_the_archive(run_cli, tmp_path):
    archive = tmp_path / "evil.jsonl"
    archive.write_text(json.dumps({"text": "米露", "desk": "=HYPERLINK(\"x\")"}) + "\n", encoding="utf-8")
    result = run_cli("survey", archive, "--by", "desk", "-f", "csv", "--jobs", "1")
    assert "'=HYPERLINK" in result.stdout


def test_counts_merge_to_the_same_result_in_any_order(run_cli, seeds):
    from yakugo.aligner.core.recognize import Recognizer
    from yakugo.aligner.survey.counts import Reading, count_partition
    from yakugo.aligner.survey.readers import read_documents
    from yakugo.glossary import load_glossary

    recognizer = Recognizer(load_glossary())
    items = list(enumerate(read_documents([str(seeds)])))
    whole = count_partition(recognizer, items, Reading())
    pieces = [count_partition(recognizer, [item], Reading()) for item in items]
    backwards = SurveyCounts()
    for piece in reversed(pieces):
        backwards.merge(piece)
    assert backwards.forms == whole.forms and backwards.form_sets == whole.form_sets
    assert backwards.examples == whole.examples
    assert {k: sorted(v) for k, v in backwards.mixed.items()} == whole.mixed


# --- the same bytes whatever the parallelism ----------------------------------------------


@pytest.fixture(scope="module")
def wmt_archive(tmp_path_factory) -> Path:
    documents = wmt_documents(limit_lines=3000)
    path = tmp_path_factory.mktemp("survey") / "wmt.jsonl.gz"
    with gzip.open(path, "wt", encoding="utf-8") as out:
        for number, (doc_id, text) in enumerate(documents):
            out.write(json.dumps({"id": doc_id, "text": text, "date": f"{2020 + number % 4}-01-01"}, ensure_ascii=False) + "\n")
    return path


def test_jobs_1_and_jobs_2_print_the_same_bytes(run_cli, wmt_archive, tmp_path):
    one = run_cli("survey", wmt_archive, "--by", "date", "--period", "year", "-f", "json", "--jobs", "1")
    two = run_cli("survey", wmt_archive, "--by", "date", "--period", "year", "-f", "json", "--jobs", "2")
    assert one.exit_code == two.exit_code == 0
    assert one.stdout == two.stdout
    assert json.loads(one.stdout)["documents"] > 500
    # And in partitions of another size.
    from yakugo.aligner.survey.counts import Grouping
    from yakugo.aligner.survey.runner import SurveyOptions, run_survey
    from yakugo.glossary import load_glossary

    small = run_survey([str(wmt_archive)], load_glossary(), SurveyOptions(grouping=Grouping("date", "year"), partition_documents=7))
    assert json.dumps(small.to_dict(), ensure_ascii=False, indent=2) + "\n" == one.stdout


def test_a_dask_cluster_prints_the_same_bytes(run_cli, wmt_archive):
    distributed = pytest.importorskip("distributed", reason="dask.distributed is not installed")
    one = run_cli("survey", wmt_archive, "-f", "json", "--jobs", "1")
    with distributed.LocalCluster(n_workers=2, threads_per_worker=1, processes=False, dashboard_address=None) as cluster:
        on_dask = run_cli("survey", wmt_archive, "-f", "json", "--scheduler", cluster.scheduler_address)
    assert on_dask.exit_code == 0, on_dask.stderr
    assert on_dask.stdout == one.stdout


def test_an_unreachable_scheduler_is_one_line(run_cli, tmp_path, monkeypatch):
    pytest.importorskip("distributed", reason="dask.distributed is not installed")
    monkeypatch.setattr("yakugo.aligner.survey.parallel.CONNECT_TIMEOUT", "1s")
    archive = write_jsonl(tmp_path / "a.jsonl", [("1", "米露")])
    result = run_cli("survey", archive, "--scheduler", "tcp://127.0.0.1:9", "-f", "json")
    assert result.exit_code == 2
    [line] = result.stderr.strip().splitlines()
    assert line.startswith("tcp://127.0.0.1:9: cannot reach the Dask scheduler")
