from django.apps import AppConfig


class FhirConfig(AppConfig):
    name = "needling.fhir"
    label = "fhir"
    verbose_name = "FHIR export"
