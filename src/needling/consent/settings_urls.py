from django.urls import path

from needling.consent.views import settings

app_name = "consent_settings"
urlpatterns = [
    path("", settings.document_list, name="list"),
    path("documents/<int:document_id>/", settings.document_detail, name="document"),
    path("<str:kind>/new/", settings.new_version, name="new"),
]
