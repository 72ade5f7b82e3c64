from django.urls import include, path

from needling.web.views import errors, favicon, health, home, reference

urlpatterns = [
    path("", home.home, name="home"),
    path("healthz", health.healthz, name="healthz"),
    path("favicon.ico", favicon.favicon, name="favicon"),
    path("reference/", reference.reference, name="reference"),
    path("accounts/", include("allauth.urls")),
    path("clients/", include("needling.clients.urls")),
    path("intake/", include("needling.intake.urls")),
    path("consent/", include("needling.consent.urls")),
    path("settings/consent/", include("needling.consent.settings_urls")),
    path("settings/intake/", include("needling.intake.settings_urls")),
    path("settings/", include("needling.clinics.urls")),
    path("equipment/", include("needling.equipment.urls")),
    path("plans/", include("needling.plans.urls")),
    path("charts/", include("needling.charting.urls")),
    path("photos/", include("needling.photos.urls")),
    path("outcomes/", include("needling.outcomes.urls")),
    path("calendar/", include("needling.scheduling.urls")),
    path("fhir/R4/", include("needling.fhir.urls")),
]

handler400 = errors.bad_request
handler403 = errors.permission_denied
handler404 = errors.page_not_found
handler500 = errors.server_error
