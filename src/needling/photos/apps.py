from __future__ import annotations

from typing import Any

from django.apps import AppConfig


class PhotosConfig(AppConfig):
    name = "needling.photos"
    label = "photos"
    verbose_name = "Photos"

    def ready(self) -> None:
        from django.db.models.signals import post_delete

        from needling.clients.sections import Section, register
        from needling.photos.models import Photo
        from needling.photos.views.section import section_context

        register(
            Section(
                key="photos",
                title="Photos",
                order=70,
                action="photo.view",
                template="photos/_client_section.html",
                context=section_context,
            )
        )
        post_delete.connect(_remove_files, sender=Photo, dispatch_uid="photos_remove_files")


def _remove_files(sender: Any, instance: Any, **kwargs: Any) -> None:
    """A deleted photo row (a client removed, the demo reset) takes its files with it, once the
    deletion is committed."""
    from needling.photos.services import delete_files_on_commit

    delete_files_on_commit(instance)
