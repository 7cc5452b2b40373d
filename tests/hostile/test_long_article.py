"""Issue 23, item 5 (first half): a very long article costs bounded time: past pipeline.max_chars
only the light stages run, and a warning names the article and the stages skipped."""

from __future__ import annotations

from .conftest import GOOD, open_lib, warnings


def test_long_article_gets_light_stages_and_a_warning(tmp_path):
    long = tmp_path / "long.txt"
    long.write_text("\n\n".join(f"{GOOD} Absatz {i}." for i in range(100)), encoding="utf-8")
    short = tmp_path / "short.txt"
    short.write_text(GOOD, encoding="utf-8")
    stages = {"pipeline.stages": ["language", "structure", "sentences"], "pipeline.max_chars": 2000}
    with open_lib(tmp_path, **stages) as sl:
        report = sl.ingest([str(long), str(short)])
        assert report.failed == [] and len(report.ingested) == 2
        assert warnings(report) == {
            str(long): "text of 10,188 characters is over pipeline.max_chars = 2,000: stages sentences skipped"
        }
        by_origin = {sl.get(i).article.origin: sl.get(i) for i in report.ingested}
        assert len(by_origin[str(long)].paragraphs) == 100 and not by_origin[str(long)].sentences
        assert by_origin[str(short)].sentences
