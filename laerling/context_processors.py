from django.conf import settings


def site(request):
    return {"EMBEDDED": settings.EMBEDDED, "LANGUAGE_CHOICES": settings.LANGUAGES}
