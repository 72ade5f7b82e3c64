from django.urls import path

from needling.outcomes.views import page, record

app_name = "outcomes"
urlpatterns = [
    path("clients/<int:client_id>/", page.page, name="page"),
    path("clients/<int:client_id>/new/", record.choose, name="choose"),
    path("clients/<int:client_id>/new/<str:scale>/", record.record, name="record"),
]
