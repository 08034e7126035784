"""The build: documents in, a knowledge graph and its exports out.

Map: every document goes through ingest -> tag -> events on its own (serially, in local
worker processes, or on a Dask cluster), and its result is cached. Reduce: aliases are merged
across all documents, the graph is assembled and every output is written atomically.
"""

from __future__ import annotations

import shutil
import tempfile
import time
import warnings
from contextlib import closing
from pathlib import Path
from typing import Any

from kg.cache import CacheRebuilt
from kg.graph.exporters import Exporter, ExporterError, exporters
from kg.graph.gcpause import freezing_scope
from kg.io.atomic import output_errors, write_json
from kg.mapphase import map_phase
from kg.options import BuildError, BuildOptions, BuildReport
from kg.outdir import STAGING_PREFIX, build_lock, check_output_dir, publish
from kg.process import Components, load_components, settings_id
from kg.progress import make_progress
from kg.reduce import write_outputs
from kg.stopping import BuildInterrupted, check_stop, stop_requests
from kg.tag import tagger_id

__all__ = ["BuildError", "BuildInterrupted", "BuildOptions", "BuildReport", "build"]


def _load_for_build(options: BuildOptions) -> tuple[Components | None, Any, Any]:
    """(components for a serial build, rules, lexicon): parallel builds load the tagger in their workers only."""
    if options.executor != "dask" and options.workers <= 1:
        local = load_components(options.tagger, options.rules, options.lexicon)
        return local, local.rules, local.lexicon
    from kg.events import load_rules
    from kg.tag.lexicon import Lexicon

    return None, load_rules(list(options.rules)), Lexicon.load(options.lexicon) if options.lexicon else None


def _nothing_processed(report: BuildReport, options: BuildOptions) -> BuildError:
    inputs = ", ".join(str(i) for i in options.inputs)
    if not report.documents:
        found = f"no input documents found in {inputs} (.txt files, folders of them, .jsonl)"
    else:
        reasons = [*report.skipped_reasons.values(), *(f["message"] for f in report.failed_documents.values())]
        found = (
            f"none of the {report.documents} input documents could be processed "
            f"({report.skipped} skipped, {report.failed} failed; first reason: {reasons[0]})"
        )
    return BuildError(f"{found}. Nothing was written: the previous outputs in {options.out} are untouched")


def _checked_dates_file(options: BuildOptions, report: BuildReport) -> None:
    """A bad --dates file stops the build before anything is written; its warnings go to the report."""
    from kg.ingest.readers import DatesFileError, read_dates_tsv

    if options.dates_file is None:
        return
    try:
        report.warnings.extend(read_dates_tsv(options.dates_file)[1])
    except DatesFileError as error:
        raise BuildError(str(error)) from error


def _checked_exporters(options: BuildOptions) -> list[Exporter]:
    try:
        return exporters(options.exporters)
    except ExporterError as error:
        raise BuildError(str(error)) from error


def build(options: BuildOptions) -> BuildReport:
    """Run the whole build described by `options`; returns its report (also written to OUT/report.json).

    Outputs are written to a staging folder inside OUT and published as one set at the end, so a
    failed or interrupted build leaves the previous outputs untouched (its finished documents stay
    cached). A document that fails is reported and left out; with `options.strict` it stops the build.
    """
    from kg.graph import resolve
    from kg.graph.aliases import choose_city

    started = time.perf_counter()
    out = Path(options.out)
    local, rules, lexicon = _load_for_build(options)
    tagger = tagger_id(options.tagger)
    report = BuildReport(out=str(out), tagger=tagger, rules_version=rules.version)
    _checked_dates_file(options, report)
    writers = _checked_exporters(options)
    check_output_dir(out)  # after rules, tagger, lexicon, dates and exporters checked: a bad one leaves OUT untouched

    with build_lock(out), stop_requests() as stop, freezing_scope():
        with output_errors(out / STAGING_PREFIX):
            staging = Path(tempfile.mkdtemp(prefix=STAGING_PREFIX, dir=out))
        progress = make_progress(options.progress, options.inputs, exclude=[options.out])
        try:
            with closing(progress), warnings.catch_warnings(record=True) as caught:
                warnings.simplefilter("always", CacheRebuilt)
                documents, results = map_phase(
                    options, local, settings_id(tagger, rules, lexicon), staging, report, stop, progress
                )
            for caught_warning in caught:  # the cache's go to the report and the terminal; others as usual
                if issubclass(caught_warning.category, CacheRebuilt):
                    report.warnings.append(str(caught_warning.message))
                else:
                    warnings.showwarning(
                        *(getattr(caught_warning, k) for k in ("message", "category", "filename", "lineno"))
                    )
            check_stop(stop, len(documents), len(results), report.cache_hits)
            if not results:
                raise _nothing_processed(report, options)
            progress.phase(f"merging the entities of {len(results):,} documents")
            city = choose_city(results, options.city)
            report.city = city.as_dict()
            resolution = resolve(results, city=city)
            progress.phase("building the graph and writing the outputs")
            write_outputs(staging, documents, results, resolution, report, writers)
            check_stop(stop, len(documents), len(results), report.cache_hits)
            report.seconds = round(time.perf_counter() - started, 3)
            write_json(report.__dict__, staging / "report.json")
            with output_errors(out):
                publish(staging, out, report.outputs)
        finally:
            shutil.rmtree(staging, ignore_errors=True)
    return report
