from django.apps import AppConfig


class ClinicsConfig(AppConfig):
    name = "needling.clinics"
    label = "clinics"
    verbose_name = "Clinics and staff"
