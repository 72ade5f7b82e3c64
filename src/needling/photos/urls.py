from django.urls import path

from needling.photos.views import capture, compare, detail, gallery, image

app_name = "photos"
urlpatterns = [
    path("clients/<int:client_id>/", gallery.gallery, name="gallery"),
    path("clients/<int:client_id>/new/", capture.capture, name="capture"),
    path("clients/<int:client_id>/compare/", compare.compare, name="compare"),
    path("clients/<int:client_id>/compare/export/", compare.export, name="export"),
    path("<int:photo_id>/", detail.detail, name="detail"),
    path("<int:photo_id>/image/<str:size>/", image.image, name="image"),
    path("<int:photo_id>/redness/", detail.measure, name="measure"),
]
