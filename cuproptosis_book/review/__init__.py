"""The review as a model, built from ``data/``: graphs (:mod:`.graph`), Tables 1-2 (:mod:`.tables`), the agents
(:mod:`.agents`), the copper pathways (:mod:`.pathways`), the resistance findings (:mod:`.findings`), the whole-review
network (:mod:`.network`) and the evidence behind the outlook (:mod:`.evidence`).

Every function takes an optional ``review`` (:class:`~cuproptosis_book.data.ReviewData`); ``None`` means the
book's own data (:func:`cuproptosis_book.data.review_of`, the one default).
"""
