"""The HTML of one item on a theme page (templates/surveys/respondent/_item.html), rendered
once per process for each (frozen questionnaire version, language, item, chosen option).

A theme page's cost was mostly this markup: a fieldset of radio buttons per item, the same
for everyone except which option is checked. A frozen version never changes and ids are
never reused, so the rendered text can be kept; the key holds the chosen option's value,
never anything about the person, so nothing personal is kept between requests.
"""

from __future__ import annotations

from django.template.loader import render_to_string
from django.utils import translation
from django.utils.safestring import SafeString

from surveys.questionnaires.presentation import ItemView

# Items x options x languages of the versions in open rounds: a few thousand at most. The
# bound only guards against surprises; when full, further markup is rendered each time.
MAX_ENTRIES = 20_000
_rendered: dict[tuple[int, str, int, object], SafeString] = {}


def item_markup(version_id: int, language: str, item: ItemView) -> SafeString:
    """_item.html for `item` with its answer checked. Only for items of a frozen version
    (a round has opened with it) and without a comparability mark."""
    key = (version_id, language, item.id, item.answer)
    markup = _rendered.get(key)
    if markup is None:
        with translation.override(language):
            markup = render_to_string("surveys/respondent/_item.html", {"item": item})
        if len(_rendered) < MAX_ENTRIES:
            _rendered[key] = markup
    return markup
