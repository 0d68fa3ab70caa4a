"""The models say exactly what the figures of the documents need, and refuse what they must not hold."""

import pytest
from pydantic import ValidationError

from metrics.models import Metric

BASE = {"id": "tasks", "name": {"vi": "Nhiệm vụ", "en": "Tasks"}, "theme": "direction", "period": 2025, "value": 184,
        "unit": "task", "quote": "184/184 nhiệm vụ"}


def errors(**changes):
    with pytest.raises(ValidationError) as e:
        Metric.model_validate({**BASE, **changes})
    return [(".".join(map(str, err["loc"])), err["msg"]) for err in e.value.errors()]


def test_valid_metric_and_its_full_value():
    m = Metric.model_validate({**BASE, "unit": "vnd", "value": 5535, "scale": "billion"})
    assert m.full_value == 5_535_000_000_000 and m.qualifier == "exact"


def test_unknown_key_is_an_error():
    assert errors(valeu=1) == [("valeu", "Extra inputs are not permitted")]


def test_achieved_cannot_exceed_total():
    assert errors(total=100) == [("", "Value error, value 184 is larger than total 100; an achieved count cannot exceed its total")]


def test_scale_only_for_money():
    assert errors(scale="billion")[0][1].startswith("Value error, scale 'billion' is for money")


@pytest.mark.parametrize(("field", "value"), [("value", -1), ("value", float("nan")), ("period", 20255), ("plan_percent", 0),
                                              ("qualifier", "roughly"), ("change", "down"), ("id", "Bad Id")])
def test_out_of_range_values_are_refused(field, value):
    assert errors(**{field: value})[0][0] == field


def test_plan_percent_may_exceed_100():
    assert Metric.model_validate({**BASE, "plan_percent": 162}).plan_percent == 162
