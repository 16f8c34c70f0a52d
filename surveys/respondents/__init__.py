"""The respondent's side: personal links (links), what a link gives and how answers are
saved (answering), the pages behind a link (views, item_markup), wrong links counted
(rate_limit)."""
