from django.urls import path, re_path

from needling.fhir import views

app_name = "fhir"

urlpatterns = [
    path("", views.base, name="base"),
    path("metadata", views.metadata, name="metadata"),
    re_path(r"^Patient/(?P<ident>[^/]{1,64})/\$everything$", views.everything, name="everything"),
    re_path(r"^(?P<kind>[A-Za-z]{1,40})$", views.search, name="search"),
    re_path(r"^(?P<kind>[A-Za-z]{1,40})/(?P<ident>[A-Za-z0-9.\-]{1,64})$", views.read, name="read"),
]
