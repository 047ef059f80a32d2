"""eclexia.price (LANGUAGE §9.7) and eclexia.Market."""

import json

import pytest

import eclexia

REQUEST = {
    "budgets": {"energy": "100J", "time": "1s"},
    "usage": {"energy": "80J"},
    "caps": {"energy": "50J"},
    "objective": [["minimize", "time"]],
    "candidates": [
        {"name": "a", "provides": {"energy": "30J", "time": "1ms"}},
        {"name": "b", "provides": {"energy": "8J", "time": "40ms"}, "eligible": True},
    ],
    "price_book": {"energy": {"base": 1.0, "multiplier": 4.0}},
    "carbon_intensity": 400.0,
}


def test_price_matches_the_spec_example() -> None:
    r = eclexia.price(REQUEST)
    assert r["chosen"] == "b"
    assert r["prices"]["energy"] == 3.2087058602935237
    assert r["market"]["energy"] == 3.0314331330207964
    assert r["premium"]["energy"] == 0.17727272727272728
    assert list(r["prices"]) == ["energy", "time", "carbon", "memory", "network", "compute"]
    assert r["candidates"] == [
        {"name": "a", "eligible": True, "feasible": False, "cost": 0.1,
         "rejected": "budget: energy"},
        {"name": "b", "eligible": True, "feasible": True, "cost": 4.0, "rejected": None},
    ]


def test_price_accepts_json_text_numbers_and_quantities() -> None:
    assert eclexia.price(json.dumps(REQUEST))["chosen"] == "b"
    r = eclexia.price({"candidates": [
        {"name": "q", "provides": {"energy": eclexia.Quantity(2, "J"), "time": 0.5}}]})
    assert r["chosen"] == "q"


def test_price_nothing_feasible() -> None:
    r = eclexia.price({"budgets": {"energy": "5J"},
                       "candidates": [{"name": "big", "provides": {"energy": "10J"}}]})
    assert r["chosen"] is None
    assert r["candidates"][0]["rejected"] == "budget: energy"


def test_price_invalid_request() -> None:
    with pytest.raises(ValueError, match=r"candidates\[0\]\.provides\.energy"):
        eclexia.price({"candidates": [{"name": "a", "provides": {"energy": "10s"}}]})
    with pytest.raises(ValueError, match="malformed JSON"):
        eclexia.price("{")
    with pytest.raises(TypeError):
        eclexia.price({"candidates": [{"name": "a", "provides": {1: "1J"}}]})


def test_market() -> None:
    m = eclexia.Market(budgets={"energy": "200J", "time": None}, windows={"energy": "1h"})
    assert m.budgets["energy"] == 200.0
    assert m.budgets["time"] is None
    assert m.prices()["energy"] == 1.0
    assert m.usage["energy"] == 0.0
    prices = m.record_usage({"energy": "100J"})
    assert prices["energy"] == 2.0  # half used: 2 x base
    assert m.prices() == prices
    assert m.usage["energy"] == 100.0
    status = m.status()
    assert status["resources"][0]["resource"] == "energy"
    assert status["resources"][0]["used"] == 100.0
    assert status["resources"][0]["window_seconds"] == 3600.0
    assert status["carbon"]["intensity"] == 400.0
    assert m.carbon_intensity == 400.0
    m.set_carbon_intensity(250.0)
    assert m.carbon_intensity == 250.0
    assert "Market" in repr(m)
    with pytest.raises(ValueError):
        m.record_usage({"energy": -1})
    with pytest.raises(ValueError):
        m.set_carbon_intensity(-1.0)
    with pytest.raises(TypeError):
        m.record_usage([1])  # type: ignore[arg-type]
    with pytest.raises(ValueError):
        eclexia.Market(windows={"energy": 0})


def test_market_records_an_outcome_and_quotes() -> None:
    m = eclexia.Market(budgets={"energy": "100J"})
    p = eclexia.compile("fn main() { consume(80J) }")
    o = eclexia.Engine().evaluate(p)
    m.record_usage(o)
    assert m.usage["energy"] == pytest.approx(80.0)
    q = m.quote({"objective": [["minimize", "time"]], "caps": {"energy": "50J"},
                 "candidates": REQUEST["candidates"]})
    assert q["chosen"] == "b"
    assert q["prices"]["energy"] == 3.2087058602935237
