from django.urls import path

from needling.equipment import views

app_name = "equipment"
urlpatterns = [
    path("", views.index, name="index"),
    path("devices/new/", views.device_new, name="device_new"),
    path("lots/new/", views.lot_new, name="lot_new"),
    path("products/new/", views.product_new, name="product_new"),
    path("lots/find/", views.lot_find, name="lot_find"),
    path("lots/<int:lot_id>/", views.lot_detail, name="lot"),
    path("lots/<int:lot_id>/recall/", views.lot_set_recalled, name="lot_set_recalled"),
    path("lots/<int:lot_id>/recall.csv", views.lot_recall_csv, name="lot_recall_csv"),
]
