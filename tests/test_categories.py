"""The category bands a capaian falls into (docs/capaian.md): the default four, the LKjIP
five, and tables an office defines itself."""
from decimal import Decimal as D

import pytest

from iku_web.categories import DEFAULT_CATEGORIES, LKJIP_CATEGORIES, Category, categorize


@pytest.mark.parametrize(
    ("percent", "label", "colour"),
    [
        (D(150), "Tercapai", "#198754"),
        (D(100), "Tercapai", "#198754"),
        (D("99.99"), "Hampir tercapai", "#ffc107"),
        (D(90), "Hampir tercapai", "#ffc107"),
        (D("89.999"), "Perlu perhatian", "#fd7e14"),
        (D(75), "Perlu perhatian", "#fd7e14"),
        (D("74.99"), "Tidak tercapai", "#dc3545"),
        (D(0), "Tidak tercapai", "#dc3545"),
    ],
)
def test_default_categories(percent, label, colour):
    band = categorize(percent, DEFAULT_CATEGORIES)
    assert (band.label, band.colour) == (label, colour)


@pytest.mark.parametrize(
    ("percent", "label"),
    [
        (D(120), "Sangat Baik"),
        (D(100), "Sangat Baik"),
        (D(91), "Sangat Baik"),
        (D("90.5"), "Sangat Baik"),
        (D("90.01"), "Sangat Baik"),
        (D(90), "Baik"),
        (D(76), "Baik"),
        (D("75.5"), "Baik"),
        (D(75), "Cukup"),
        (D(66), "Cukup"),
        (D(65), "Kurang"),
        (D(51), "Kurang"),
        (D("50.01"), "Kurang"),
        (D(50), "Sangat Kurang"),
        (D(0), "Sangat Kurang"),
    ],
)
def test_lkjip_categories(percent, label):
    assert categorize(percent, LKJIP_CATEGORIES).label == label


CUSTOM = (
    Category(D(10), "Low", "red"),
    Category(D(50), "High", "green"),
    Category(D(50), "Above fifty", "blue", inclusive=False),
    Category(D("NaN"), "Broken", "grey"),
)


@pytest.mark.parametrize(
    ("percent", "categories", "label"),
    [
        (D(60), CUSTOM, "Above fifty"),
        (D(50), CUSTOM, "High"),
        (D(10), CUSTOM, "Low"),
        (D(5), CUSTOM, None),
        (None, DEFAULT_CATEGORIES, None),
        (D("NaN"), DEFAULT_CATEGORIES, None),
        (D(50), (), None),
        (80, DEFAULT_CATEGORIES, "Perlu perhatian"),
    ],
)
def test_categorize_custom_tables(percent, categories, label):
    band = categorize(percent, categories)
    assert (band and band.label) == label
