"""A tracer that rides along one extraction: which strategy made each quote, and the ranker's decisions.

Why a separate object: the production extractor carries no diagnostics. Whoever wants to know why a
quote has its speaker (``training/quotes/trace_quotes.py``, a test of the strategy table) or needs the
ranker's decision points to train it (``training/quotes/train_ranker.py``) passes a ``Tracer`` to one
call; nothing of it stays on the extractor, so two callers can never see each other's records.

Strategies are recorded by the quote itself (quotes are frozen values), not by ``id()``: an id is
reused once a quote is garbage-collected, a value is not.

Collecting decisions (``Tracer(collect=True)``): every point where the ranker would choose a speaker
offers its candidates and their features; the rules then choose as if there were no ranker, and the
next quote a strategy makes takes the offer: (quote, features, candidates) in ``decisions``.
"""

from __future__ import annotations

from dataclasses import dataclass, field
from typing import TYPE_CHECKING

if TYPE_CHECKING:
    from ...model import Quote
    from .ranker import Candidate

#: One ranker decision point: the quote it produced, each candidate's features, the candidates.
Decision = tuple["Quote", list[list[float]], list["Candidate"]]


@dataclass(slots=True)
class Tracer:
    """Records of an extraction. Decisions pool over several calls; strategies are looked up by
    quote value, so use one tracer per text when asking ``strategy_of`` (equal quotes of two texts
    would share an entry)."""

    collect: bool = False
    strategies: dict[Quote, str] = field(default_factory=dict)
    decisions: list[Decision] = field(default_factory=list)
    _offer: tuple[list[list[float]], list[Candidate]] | None = None

    def chose(self, quote: Quote, strategy: str) -> None:
        """``strategy`` made ``quote``; an open ranker offer belongs to it."""
        self.strategies[quote] = strategy
        if self.collect and self._offer is not None:
            self.decisions.append((quote, *self._offer))
            self._offer = None

    def offer(self, xs: list[list[float]], candidates: list[Candidate]) -> None:
        """A ranker decision point (only recorded when collecting)."""
        self._offer = (xs, candidates)

    def withdraw(self) -> None:
        """Drop an offer no quote took (a new unit begins)."""
        self._offer = None

    def replaced(self, old: Quote, new: Quote) -> None:
        """``old`` grew into ``new`` (a continuation extended): its decisions now belong to ``new``."""
        self.decisions[:] = [(new if q is old else q, x, c) for q, x, c in self.decisions]

    def strategy_of(self, quote: Quote) -> str | None:
        """The strategy that made ``quote`` (None for a quote this tracer never saw)."""
        return self.strategies.get(quote)
