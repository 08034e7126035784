"""The Python API: one function per CLI command (the CLI is a thin wrapper over these)."""

from __future__ import annotations

from collections.abc import Collection, Iterable, Sequence
from pathlib import Path
from typing import Any

from kg.model import Article, Document, Sentence
from kg.pipeline import BuildOptions, BuildReport
from kg.pipeline import build as _build
from kg.process import DEFAULT_DOC_TIMEOUT, load_components


def build(
    inputs: Sequence[str | Path],
    out: str | Path,
    *,
    date: str | None = None,
    dates_file: str | Path | None = None,
    tagger: str = "embedded",
    lexicon: str | Path | None = None,
    rules: Sequence[str | Path] = (),
    city: str | None = None,
    workers: int = 1,
    executor: str = "local",
    dask_address: str | None = None,
    cache: bool = True,
    progress: bool | None = None,
    max_bytes: int = 20_000_000,
    doc_timeout: float | None = DEFAULT_DOC_TIMEOUT,
    strict: bool = False,
    exporters: Sequence[str] = (),
) -> BuildReport:
    """Build a knowledge graph from `inputs` into directory `out`: `kg build` in Python, option for option.

    `inputs`: .txt files, folders of them, .jsonl files. Document dates come from the JSONL `date`,
    else `dates_file` (TSV with a file/date header), else `date`, else a full date in the text.
    `executor` is "local" (`workers` processes) or "dask" (`dask_address`, or a LocalCluster).
    A document that raises or runs past `doc_timeout` seconds is reported failed and left out
    (`strict`: stop instead). `exporters` names plug-in outputs to write as well (`kg.graph.exporters`).
    Returns the report also written to OUT/report.json.

    >>> import tempfile
    >>> report = build(["data/sample"], tempfile.mkdtemp(), dates_file="data/sample/dates.tsv", progress=False)
    >>> (report.failed, report.processed == report.documents)
    (0, True)
    """
    options = BuildOptions(
        inputs=list(inputs),
        out=out,
        date=date,
        dates_file=dates_file,
        tagger=tagger,
        lexicon=lexicon,
        rules=rules,
        city=city,
        workers=workers,
        executor=executor,
        dask_address=dask_address,
        cache=cache,
        progress=progress,
        max_bytes=max_bytes,
        doc_timeout=doc_timeout,
        strict=strict,
        exporters=exporters,
    )
    return _build(options)


def tag_texts(
    texts: Iterable[str],
    *,
    tagger: str = "embedded",
    lexicon: str | Path | None = None,
    date: str | None = None,
    skip: Collection[str] = (),
) -> list[dict[str, Any]]:
    """Tag each text as one sentence: `{"text", "entities": [...]}` with offsets into the text as given.

    Dates resolve against `date` (YYYY-MM-DD) when given; texts are independent of each other.
    `skip` names tagging steps after the model to leave out (kg.tag.annotate.STEPS), to measure what each
    does; the default runs them all, as `kg tag` does.
    """
    from kg.tag.annotate import annotate_document

    components = load_components(tagger, (), lexicon)
    texts = list(texts)
    found = components.tagger.tag(texts) if texts else []
    records = []
    for index, (text, model_mentions) in enumerate(zip(texts, found, strict=True)):
        sentence = Sentence(
            id=f"line{index}#a0s0", doc=f"line{index}", article=0, index=0, text=text, offsets=list(range(len(text)))
        )
        doc = Document(
            id=f"line{index}",
            source="-",
            text=text,
            date=date,
            articles=[Article(doc=f"line{index}", index=0, start=0, end=len(text), sentences=[sentence])],
        )
        mentions = annotate_document(doc, {sentence.id: model_mentions}, lexicon=components.lexicon, skip=skip)
        entities = [{k: v for k, v in m.to_dict().items() if v not in (None, {}, "")} for m in mentions[sentence.id]]
        records.append({"text": text, "entities": entities})
    return records


def load_graph(out: str | Path):
    """Load the graph written by a build (OUT/graph.json) as a networkx.MultiDiGraph."""
    import networkx as nx

    from kg.graph.export import read_graph
    from kg.graph.query import UnreadableGraph

    path = Path(out)
    path = path / "graph.json" if path.is_dir() else path
    if not path.exists():
        raise FileNotFoundError(f"no graph at {path}: run `kg build INPUT --out {Path(out)}` first")
    try:
        return read_graph(path)
    except (ValueError, KeyError, TypeError, AttributeError, nx.NetworkXError) as error:  # not JSON, not a graph
        raise UnreadableGraph(
            f"{path} is damaged or not a kg graph ({type(error).__name__}: {error}): "
            f"rebuild it with `kg build INPUT --out {path.parent}`"
        ) from error


def frames(out: str | Path):
    """The build in `out` as pandas DataFrames: nodes, edges, events, participants, met, mentions (kg.graph.frames)."""
    from kg.graph.frames import frames as _frames

    return _frames(out)


def write_parquet(out: str | Path, folder: str | Path | None = None) -> list[Path]:
    """`frames(out)` as Parquet files in `folder` (default OUT/parquet); needs `pip install 'kg[parquet]'`."""
    from kg.graph.frames import write_parquet as _write_parquet

    return _write_parquet(out, folder)
