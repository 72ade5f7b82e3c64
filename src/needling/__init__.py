"""Needling: practice software for microneedling clinics."""
