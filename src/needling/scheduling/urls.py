from django.urls import path

from needling.scheduling.views import appointments, calendar, feeds, outbox, rooms

app_name = "scheduling"
urlpatterns = [
    path("", calendar.day_view, name="day"),
    path("week/", calendar.week_view, name="week"),
    path("new/", appointments.new_appointment, name="new"),
    path("appointments/<int:appointment_id>/", appointments.appointment_detail, name="appointment"),
    path("appointments/<int:appointment_id>/move/", appointments.move, name="move"),
    path("appointments/<int:appointment_id>/cancel/", appointments.cancel, name="cancel"),
    path("messages/", outbox.outbox, name="outbox"),
    path("feeds/", feeds.feed_list, name="feeds"),
    path("feeds/<int:feed_id>/", feeds.feed_detail, name="feed"),
    path("feed/<str:token>.ics", feeds.ical_feed, name="ical"),
    path("rooms/", rooms.room_list, name="rooms"),
    path("rooms/<int:room_id>/", rooms.room_edit, name="room"),
]
