"""``python -m needling.clinical`` prints the clinician reference page (Markdown)."""

import sys

from needling.clinical.reference import reference_markdown

sys.stdout.write(reference_markdown())
