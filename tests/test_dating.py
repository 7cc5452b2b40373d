"""Publication-date estimation (storyline.nlp.dating): evidence, confidence bands, the year model."""

from __future__ import annotations

import json
import subprocess
import sys
from datetime import date, datetime

from storyline.nlp.dating import (
    DAY_EVIDENCE_CONFIDENCE,
    VOCABULARY_CONFIDENCE,
    YEAR_MODEL_PATH,
    YearModel,
    _year_model,
    estimate,
    estimate_with,
    prepare,
    vocabulary,
)
from storyline.nlp.time.tagger import extract


def test_full_date_gives_a_day_level_estimate_with_evidence() -> None:
    est = estimate("Am Freitag, dem 3. Dezember 2004, dementierte die Behörde. Am Donnerstag hatte die Zeitung berichtet.")
    assert est is not None and est.confidence >= DAY_EVIDENCE_CONFIDENCE
    assert 0 <= (est.value.date() - date(2004, 12, 3)).days <= 4
    assert any("3. Dezember 2004" in e for e in est.evidence)
    assert any(e.startswith("year 2004") for e in est.evidence)


def test_weekday_pins_the_year_of_a_day_month_mention() -> None:
    # 10 January is a Wednesday in 2018 (not in 2017 or 2019)
    est = estimate("Der Vertrag wurde 2018 verlängert. Am Mittwoch, dem 10. Januar, sprach Moon.")
    assert est is not None and est.value.date().isoformat().startswith("2018-01-1")
    assert est.confidence >= DAY_EVIDENCE_CONFIDENCE
    assert any("weekday fits 2018" in e for e in est.evidence)


def test_latest_named_year_is_a_floor_and_years_alone_stay_weak() -> None:
    est = estimate("Die Firma war 1998 gegründet worden. Im Jahr 2011 kaufte sie einen Konkurrenten.")
    assert est is not None and est.value.year >= 2011
    assert est.confidence < 0.3  # only a year: must not anchor "gestern"
    assert est.evidence


def test_history_does_not_become_the_news_day() -> None:
    # an anniversary: the day named is 1944, the news is 61 years later
    est = estimate("Zum 61. Jahrestag des Attentats vom 20. Juli 1944 legte der Kanzler einen Kranz nieder.")
    assert est is not None and est.value.year == 2005


def test_no_evidence_no_estimate_and_vocabulary_only_is_weak() -> None:
    assert estimate("Es regnet.") is None
    model = _year_model()
    assert model is not None
    text = " ".join(sorted(model.index)[:40])  # words the model knows, no time expression
    est = estimate(text)
    assert est is not None and est.confidence == VOCABULARY_CONFIDENCE
    assert any("vocabulary" in e for e in est.evidence)


def test_without_a_model_the_latest_named_year_is_used() -> None:
    text = "Die Firma war 1998 gegründet worden. Am 5. Mai 2011 kaufte sie einen Konkurrenten."
    est = estimate_with(prepare(extract(text, None, "de")), vocabulary(text), None)
    assert est is not None and est.value.date() >= date(2011, 5, 5) and est.value.year == 2011


def test_shipped_model_is_small_loads_and_is_deterministic() -> None:
    assert YEAR_MODEL_PATH.stat().st_size < 3_000_000
    model = _year_model()
    assert isinstance(model, YearModel)
    assert 2005 in model.years and set(model.weights) >= {"prior", "vocab", "offset", "weekday"}
    text = "Angela Merkel und Gerhard Schröder trafen sich in Berlin. 2005 war ein Wahljahr."
    a, b = estimate(text), estimate(text)
    assert a is not None and b is not None and (a.value, a.confidence, a.evidence) == (b.value, b.confidence, b.evidence)
    assert isinstance(a.value, datetime)


def test_importing_dating_does_not_load_the_model() -> None:
    code = ("import storyline.nlp.dating as d, json; "
            "print(json.dumps(d._year_model.cache_info().currsize))")
    out = subprocess.run([sys.executable, "-c", code], capture_output=True, text=True, check=True).stdout
    assert json.loads(out) == 0


def test_a_year_after_the_training_data_is_kept_not_pulled_back() -> None:
    # the year model knows 2004–2022; a live article naming 2025 is from 2025, not from the model's era
    est = estimate("Die Polizei meldete 2025 einen Unfall auf der A7.")
    assert est is not None and est.value.year == 2025
    est = estimate("Die Wahl im Jahr 2024 gewann Trump. Die Inflation stieg seit 2022.")
    assert est is not None and est.value.year == 2024


def test_weekday_fit_without_a_named_year_is_only_a_guessed_day() -> None:
    # "Mittwoch, 3. Dezember" fits several years; the model picks one, which must not anchor days
    est = estimate("Die Polizei meldete am Mittwoch, dem 3. Dezember, einen Unfall auf der A7.")
    assert est is not None and est.confidence < DAY_EVIDENCE_CONFIDENCE
    est = estimate("Im Jahr 2004 geschah viel. Am Freitag, dem 3. Dezember, dementierte die IAEA.")
    assert est is not None and est.value.date().isoformat() == "2004-12-04"
    assert est.confidence >= DAY_EVIDENCE_CONFIDENCE
