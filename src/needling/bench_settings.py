"""Settings for `make bench`: the product's settings plus one bare page to compare against."""

from needling.settings import *  # noqa: F403

ROOT_URLCONF = "needling.bench_urls"
