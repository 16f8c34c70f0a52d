from django.conf import settings
from django.db import models


class Person(models.Model):
    """A synthetic test person one can log in as, with the claims ID-porten would give."""

    user = models.OneToOneField(settings.AUTH_USER_MODEL, on_delete=models.CASCADE)
    pid = models.CharField(max_length=11, unique=True)
    name = models.CharField(max_length=200)
    description = models.CharField(max_length=300, blank=True)
    # What the last login chose; ID tokens issued from it carry these.
    acr = models.CharField(max_length=40, default="idporten-loa-substantial")
    locale = models.CharField(max_length=5, default="nb")
    sid = models.CharField(max_length=64, blank=True)

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return f"{self.name} ({self.pid})"


class Right(models.Model):
    """Altinn's answer for a person: a party (organisation) with the resources it may use."""

    person = models.ForeignKey(Person, on_delete=models.CASCADE, related_name="rights")
    parent = models.ForeignKey(
        "self", on_delete=models.CASCADE, null=True, blank=True, related_name="subunits"
    )
    orgnr = models.CharField(max_length=9)
    name = models.CharField(max_length=200)
    unit_type = models.CharField(max_length=10)
    resource_id = models.CharField(max_length=100)

    class Meta:
        ordering = ["pk"]

    def __str__(self):
        return f"{self.orgnr} {self.resource_id}"


class IssuedToken(models.Model):
    """Access tokens the simulator's Maskinporten and Altinn exchange handed out."""

    token = models.CharField(max_length=400, unique=True)
    kind = models.CharField(max_length=20)  # "maskinporten" or "altinn"
    scope = models.CharField(max_length=300, blank=True)
    expires_at = models.DateTimeField()

    def __str__(self):
        return f"{self.kind} until {self.expires_at:%H:%M:%S}"
