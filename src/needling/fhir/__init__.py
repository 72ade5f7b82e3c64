"""FHIR R4 (4.0.1), read-only, under /fhir/R4/: the clinic's records in the standard other clinical
systems read. The mapping is docs/domain/interop.md §5.1; codes are §5.2 (no invented SNOMED)."""
