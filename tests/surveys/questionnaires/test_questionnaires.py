"""Questionnaire versions 2018 and 2020: contents, three languages, comparability, freezing."""

import datetime

import pytest
from django.core.exceptions import ValidationError
from django.db import IntegrityError, transaction
from django.urls import reverse

from surveys.models import FrozenQuestionnaire, Item, QuestionnaireVersion, Round, Survey, Theme
from surveys.questionnaires import comparability
from surveys.questionnaires.scales import OPTIONS, Scale
from surveys.rounds import schedule


def _version(survey: str, year: int) -> QuestionnaireVersion:
    return QuestionnaireVersion.objects.get(survey=survey, year=year)


def _items(version: QuestionnaireVersion):
    return Item.objects.filter(theme__version=version)


def _open_a_round_with(version: QuestionnaireVersion, starts: datetime.date) -> Round:
    return Round.objects.create(
        survey=version.survey,
        year=starts.year,
        reference_date=starts - datetime.timedelta(days=6),
        sending_starts_on=starts,
        last_answer_day=starts + datetime.timedelta(days=25),
        publication_date=starts + datetime.timedelta(days=51),
        vigo_correction_deadline=datetime.datetime.combine(
            starts - datetime.timedelta(days=7), datetime.time(12), tzinfo=schedule.OSLO
        ),
        questionnaire=version,
    )


@pytest.mark.django_db
def test_versions_2018_and_2020_of_both_surveys_are_shipped():
    assert set(QuestionnaireVersion.objects.values_list("survey", "year")) == {
        ("apprentice", 2018),
        ("apprentice", 2020),
        ("supervisor", 2018),
        ("supervisor", 2020),
    }


@pytest.mark.django_db
@pytest.mark.parametrize("year", [2018, 2020])
def test_the_apprentice_survey_covers_every_required_topic_in_8_themes_and_30_items(year):
    version = _version(Survey.APPRENTICE, year)
    assert version.themes.count() >= 8
    assert _items(version).count() >= 30
    keys = set(version.themes.values_list("key", flat=True))
    assert {
        "motivation",
        "wellbeing",
        "guidance",
        "training",
        "participation",
        "environment",
        "physical",
        "bullying",
        "school",
    } <= keys
    training = " ".join(
        _items(version).filter(theme__key="training").values_list("text_nb", flat=True)
    )
    assert "plan for opplæringen" in training
    assert "halvårsvurdering" in training.lower()


@pytest.mark.django_db
@pytest.mark.parametrize("year", [2018, 2020])
def test_the_bullying_questions_ask_how_often_by_whom_told_someone_and_anything_done(year):
    bullying = _items(_version(Survey.APPRENTICE, year)).filter(
        theme__key__in=["bullying", "if-bullied"]
    )
    how_often = bullying.get(comparability_key="bullying-how-often")
    assert how_often.scale == Scale.FREQUENCY
    assert how_often.high_is_good is False  # being bullied often is bad
    by_whom = bullying.filter(comparability_key__startswith="bullying-by-")
    assert by_whom.count() >= 3
    assert not any(item.high_is_good for item in by_whom)
    assert bullying.filter(comparability_key="bullying-told-someone").exists()
    assert bullying.filter(text_nb__contains="gjort noe for å stoppe mobbingen").exists()


@pytest.mark.django_db
def test_the_supervisor_survey_has_its_own_questions():
    for year in (2018, 2020):
        version = _version(Survey.SUPERVISOR, year)
        assert version.themes.count() >= 6
        assert _items(version).count() >= 18
        texts = " ".join(_items(version).values_list("text_nb", flat=True))
        assert "fylkeskommunen" in texts
        assert "skolen" in texts
        assert "halvårsvurdering" in texts


@pytest.mark.django_db
def test_every_item_and_theme_has_its_text_in_bokmal_nynorsk_and_english():
    items = Item.objects.all()
    assert items.count() > 100
    for item in items:
        assert item.text_nb.strip() and item.text_nn.strip() and item.text_en.strip(), item.pk
        # A copy of the bokmål text is not a translation.
        assert item.text_en not in (item.text_nb, item.text_nn), item.text_nb
        assert item.scale in Scale.values
    nynorsk_differs = sum(item.text_nn != item.text_nb for item in items)
    assert nynorsk_differs / items.count() > 0.9
    for theme in Theme.objects.all():
        assert theme.title_nb and theme.title_nn and theme.title_en
        assert bool(theme.intro_nb) == bool(theme.intro_nn) == bool(theme.intro_en)


def test_every_scale_option_has_a_label_in_three_languages_and_a_distinct_value():
    for scale, options in OPTIONS.items():
        assert len({option.value for option in options}) == len(options), scale
        for option in options:
            assert option.nb and option.nn and option.en
    assert [o.nb for o in OPTIONS[Scale.AGREEMENT]][0] == "Helt uenig"
    assert [o.value for o in OPTIONS[Scale.AGREEMENT]] == [1, 2, 3, 4, 5]
    assert [o.en for o in OPTIONS[Scale.YES_PARTLY_NO]] == ["Yes", "Partly", "No"]
    assert [o.en for o in OPTIONS[Scale.FREQUENCY]][0] == "Never"
    assert [o.en for o in OPTIONS[Scale.FREQUENCY]][-1] == "Daily"


@pytest.mark.django_db
def test_an_item_without_a_nynorsk_text_is_refused_by_the_database():
    theme = Theme.objects.filter(version__year=2020).first()
    with pytest.raises(IntegrityError), transaction.atomic():
        Item.objects.create(
            theme=theme,
            order=99,
            text_nb="Spørsmål",
            text_nn="",
            text_en="Question",
            scale="yes_no",
        )


@pytest.mark.django_db
@pytest.mark.parametrize("survey", [Survey.APPRENTICE, Survey.SUPERVISOR])
def test_comparability_keys_link_unchanged_2018_items_to_their_2020_successors(survey):
    v2018, v2020 = _version(survey, 2018), _version(survey, 2020)
    assert v2020.previous() == v2018
    pairs = comparability.predecessors(v2020)
    assert len(pairs) >= 15
    for item_id, before in pairs.items():
        after = Item.objects.get(pk=item_id)
        assert before.theme.version == v2018
        assert (after.text_nb, after.text_nn, after.text_en) == (
            before.text_nb,
            before.text_nn,
            before.text_en,
        )
        assert (after.scale, after.high_is_good) == (before.scale, before.high_is_good)
    # Every 2020 item with the text of a 2018 item is linked to it.
    texts_2018 = {i.text_nb: i for i in _items(v2018)}
    for item in _items(v2020):
        if item.text_nb in texts_2018:
            assert pairs[item.pk] == texts_2018[item.text_nb]


@pytest.mark.django_db
def test_changed_questions_are_not_comparable_with_2018():
    v2020 = _version(Survey.APPRENTICE, 2020)
    broken = comparability.not_comparable(v2020)
    broken_texts = set(Item.objects.filter(pk__in=broken).values_list("text_nb", flat=True))
    assert "Har du hatt halvårsvurdering med lærebedriften det siste halvåret?" in broken_texts
    assert (
        "Hvor ofte har du blitt mobbet digitalt (på mobil eller nett) av noen på arbeidsplassen?"
        in broken_texts
    )
    assert "Jeg trives på arbeidsplassen." not in broken_texts
    assert 4 <= len(broken) <= 12
    # The first version has nothing before it to break with.
    assert comparability.not_comparable(_version(Survey.APPRENTICE, 2018)) == set()


@pytest.mark.django_db
def test_the_same_key_with_a_changed_scale_is_not_comparable():
    v2020 = _version(Survey.APPRENTICE, 2020)
    v2022 = QuestionnaireVersion.objects.create(survey=Survey.APPRENTICE, year=2022)
    theme = Theme.objects.create(
        version=v2022, key="wellbeing", order=1, title_nb="T", title_nn="T", title_en="T"
    )
    kept = _items(v2020).get(comparability_key="wellbeing-happy-at-work")
    rescaled = _items(v2020).get(comparability_key="wellbeing-colleagues")
    for order, (source, scale) in enumerate([(kept, kept.scale), (rescaled, Scale.YES_NO)]):
        Item.objects.create(
            theme=theme,
            order=order,
            text_nb=source.text_nb,
            text_nn=source.text_nn,
            text_en=source.text_en,
            scale=scale,
            comparability_key=source.comparability_key,
        )
    linked = {item.comparability_key for item in comparability.predecessors(v2022).values()}
    assert linked == {"wellbeing-happy-at-work"}


@pytest.mark.django_db
def test_two_items_of_one_version_cannot_share_a_comparability_key():
    item = _items(_version(Survey.APPRENTICE, 2020)).get(comparability_key="overall-satisfied")
    twin = Item(
        theme=item.theme,
        order=50,
        text_nb="x",
        text_nn="x",
        text_en="y",
        scale=item.scale,
        comparability_key="overall-satisfied",
    )
    with pytest.raises(ValidationError) as refused:
        twin.full_clean()
    assert refused.value.message_dict["comparability_key"] == [
        "Et annet spørsmål i samme versjon har denne nøkkelen."
    ]


@pytest.mark.django_db
def test_a_questionnaire_is_editable_until_a_round_using_it_opens():
    version = _version(Survey.APPRENTICE, 2020)
    today = schedule.today()
    _open_a_round_with(version, starts=today + datetime.timedelta(days=1))
    assert not version.is_frozen()
    item = _items(version).first()
    item.text_nb = "Jeg liker faget."
    item.save()
    assert version.is_frozen(day=today + datetime.timedelta(days=1))  # the day it opens


@pytest.mark.django_db
def test_a_questionnaire_is_frozen_once_a_round_using_it_opens():
    version = _version(Survey.APPRENTICE, 2020)
    _open_a_round_with(version, starts=schedule.today())
    assert version.is_frozen()
    assert not version.is_frozen(day=schedule.today() - datetime.timedelta(days=1))
    item = _items(version).order_by("pk").first()
    theme = item.theme
    before = list(_items(version).values_list("pk", "text_nb", "scale", "comparability_key"))

    changed = Item.objects.get(pk=item.pk)
    changed.text_nb = "Nytt spørsmål"
    attempts = [
        changed.save,
        Item.objects.get(pk=item.pk).delete,
        lambda: Item.objects.filter(theme=theme).update(text_nb="x"),
        lambda: Item.objects.filter(theme=theme).delete(),
        lambda: Theme.objects.filter(pk=theme.pk).update(title_nb="x"),
        Theme.objects.get(pk=theme.pk).delete,
        lambda: Item.objects.create(
            theme=theme, order=99, text_nb="a", text_nn="b", text_en="c", scale="yes_no"
        ),
        lambda: Theme.objects.create(
            version=version, key="new", order=99, title_nb="a", title_nn="b", title_en="c"
        ),
        lambda: QuestionnaireVersion.objects.filter(pk=version.pk).update(year=2021),
    ]
    for attempt in attempts:
        with pytest.raises(FrozenQuestionnaire) as refused:
            attempt()
        assert (
            "er låst fordi en gjennomføring som bruker det, har åpnet" in refused.value.messages[0]
        )
    moved = Item.objects.get(pk=item.pk)
    moved.theme = Theme.objects.get(version__survey="apprentice", version__year=2018, order=1)
    with pytest.raises(FrozenQuestionnaire):
        moved.save()  # moving an item out of a frozen version changes it too
    assert (
        list(_items(version).values_list("pk", "text_nb", "scale", "comparability_key")) == before
    )
    assert version.themes.count() == 11
    # The 2018 version is used by no open round and stays editable.
    other = _items(_version(Survey.APPRENTICE, 2018)).first()
    other.text_en = "Edited"
    other.save()


@pytest.mark.django_db
def test_editing_a_frozen_questionnaire_in_the_admin_is_refused_with_a_message(admin_client):
    version = _version(Survey.APPRENTICE, 2020)
    _open_a_round_with(version, starts=schedule.today() - datetime.timedelta(days=3))
    item = _items(version).order_by("pk").first()
    url = reverse("admin:surveys_item_change", args=[item.pk])

    page = admin_client.get(url)
    assert page.status_code == 200
    assert "Spørreskjemaet er låst" in page.text
    assert 'name="_save"' not in page.text  # a read-only page: nothing to save

    posted = admin_client.post(
        url,
        {
            "theme": item.theme_id,
            "order": item.order,
            "text_nb": "Endret spørsmål",
            "text_nn": item.text_nn,
            "text_en": item.text_en,
            "scale": item.scale,
            "comparability_key": item.comparability_key,
        },
        follow=True,
    )
    assert posted.status_code == 200
    shown = [str(m) for m in posted.context["messages"]]
    assert any("er låst fordi en gjennomføring som bruker det, har åpnet" in m for m in shown)
    assert any("Ingenting er endret" in m for m in shown)
    item.refresh_from_db()
    assert item.text_nb != "Endret spørsmål"

    version_page = admin_client.post(
        reverse("admin:surveys_questionnaireversion_change", args=[version.pk]),
        {"survey": "apprentice", "year": "2021", "note": "x"},
        follow=True,
    )
    assert any("er låst" in str(m) for m in version_page.context["messages"])
    version.refresh_from_db()
    assert version.year == 2020
    assert (
        admin_client.post(reverse("admin:surveys_item_delete", args=[item.pk])).status_code == 403
    )
    assert Item.objects.filter(pk=item.pk).exists()


@pytest.mark.django_db
def test_adding_an_item_to_a_frozen_questionnaire_in_the_admin_is_refused(admin_client):
    version = _version(Survey.APPRENTICE, 2020)
    _open_a_round_with(version, starts=schedule.today())
    theme = version.themes.first()
    count = _items(version).count()
    response = admin_client.post(
        reverse("admin:surveys_item_add"),
        {
            "theme": theme.pk,
            "order": 99,
            "text_nb": "Nytt",
            "text_nn": "Nytt",
            "text_en": "New",
            "scale": "yes_no",
            "high_is_good": "on",
        },
    )
    assert response.status_code == 200
    assert "er låst fordi en gjennomføring som bruker det, har åpnet" in response.text
    assert _items(version).count() == count


@pytest.mark.django_db
def test_udir_edits_a_questionnaire_in_the_admin_while_no_round_using_it_has_opened(
    admin_client,
):
    version = _version(Survey.APPRENTICE, 2020)
    _open_a_round_with(version, starts=schedule.today() + datetime.timedelta(days=30))
    item = _items(version).order_by("pk").first()
    page = admin_client.get(reverse("admin:surveys_item_change", args=[item.pk]))
    assert 'name="_save"' in page.text
    response = admin_client.post(
        reverse("admin:surveys_item_change", args=[item.pk]),
        {
            "theme": item.theme_id,
            "order": item.order,
            "text_nb": "Jeg er glad i faget jeg har valgt.",
            "text_nn": "Eg er glad i faget eg har valt.",
            "text_en": "I love the trade I have chosen.",
            "scale": item.scale,
            "high_is_good": "on",
            "comparability_key": "",
        },
    )
    assert response.status_code == 302
    item.refresh_from_db()
    assert item.text_nn == "Eg er glad i faget eg har valt."
    assert item.pk in comparability.not_comparable(version)  # a new question breaks the series
