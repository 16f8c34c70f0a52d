"""Writes the shipped questionnaires (surveys.questionnaire_data) into the database.

Takes the model classes as arguments so that migration 0002 can pass its historical models
and tests whose database was flushed can pass the real ones.
"""

from __future__ import annotations

from surveys.questionnaires.data import VERSIONS


def load_shipped(version_model, theme_model, item_model) -> list:
    """Creates each shipped version that is missing; an existing one is never overwritten,
    since Udir may have edited it. Returns the versions created."""
    created_versions = []
    for data in VERSIONS:
        version, created = version_model.objects.get_or_create(
            survey=data["survey"], year=data["year"], defaults={"note": data["note"]}
        )
        if not created:
            continue
        created_versions.append(version)
        for theme_order, theme in enumerate(data["themes"], start=1):
            intro_nb, intro_nn, intro_en = theme["intro"]
            theme_row = theme_model.objects.create(
                version=version,
                key=theme["key"],
                order=theme_order,
                title_nb=theme["nb"],
                title_nn=theme["nn"],
                title_en=theme["en"],
                intro_nb=intro_nb,
                intro_nn=intro_nn,
                intro_en=intro_en,
            )
            item_model.objects.bulk_create(
                item_model(
                    theme=theme_row,
                    order=item_order,
                    text_nb=item["nb"],
                    text_nn=item["nn"],
                    text_en=item["en"],
                    scale=item["scale"],
                    high_is_good=item["high_is_good"],
                    comparability_key=item["key"],
                )
                for item_order, item in enumerate(theme["items"], start=1)
            )
    return created_versions
