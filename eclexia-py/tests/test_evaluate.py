"""Engine.evaluate, Outcome, Selection, every settings argument."""

import pytest

import eclexia

ADAPTIVE = """
adaptive fn render(w: Int) -> String {
    gpu   @requires(energy: 90J, time: 2ms)   { "gpu" }
    cpu   @requires(energy: 25J, time: 30ms)  { "cpu" }
    cache @requires(energy: 3J,  time: 400ms) { "cache" }
}
adaptive fn threads(n: Int) -> Int @optimize(minimize energy, maximize compute) {
    many @when(cpu_cores() > 1) @requires(energy: 2J, compute: 8CU) { n * 8 }
    one @requires(energy: 1J, compute: 1CU) { n }
}
adaptive fn device() -> String {
    gpu @when(gpu_available()) @requires(energy: 1J) { "gpu" }
    cpu @requires(energy: 5J) { "cpu" }
}
fn main() { println(render(1920)) }
fn go() -> String { render(1920) }
fn cores() -> Int { threads(3) }
fn dev() -> String { device() }
"""


def test_evaluate_value_and_output(engine: eclexia.Engine) -> None:
    p = eclexia.compile('fn answer() -> Int { println("hi", 1.5kJ + 500J); 42 }')
    o = engine.evaluate(p, "answer")
    assert isinstance(o, eclexia.Outcome)
    assert o.value == 42
    assert o.value_text == "42"
    assert o.output == "hi 2000J\n"
    assert o.fuel_used >= 1
    assert set(o.usage) == {"energy", "time", "carbon", "memory", "network", "compute"}
    assert all(isinstance(v, float) for v in o.usage.values())
    assert o.prices["time"] == 100.0
    assert o.selections == []
    assert "42" in repr(o)


def test_entry_and_args(engine: eclexia.Engine) -> None:
    p = eclexia.compile("fn add(a: Int, b: Int) -> Int { a + b }")
    assert engine.evaluate(p, "add", [2, 3]).value == 5
    assert engine.evaluate(p, entry="add", args=(40, 2)).value == 42


def test_wrong_entry_or_args_is_a_runtime_error(engine: eclexia.Engine) -> None:
    p = eclexia.compile("fn add(a: Int, b: Int) -> Int { a + b }")
    with pytest.raises(eclexia.RuntimeError) as e:
        engine.evaluate(p, "missing")
    assert e.value.code == "E0599"
    with pytest.raises(eclexia.RuntimeError, match="expects 2 argument"):
        engine.evaluate(p, "add", [1])
    with pytest.raises(eclexia.RuntimeError, match="argument 1 of 'add' must be Int"):
        engine.evaluate(p, "add", ["x", 1])
    with pytest.raises(TypeError):
        engine.evaluate(p, "add", "ab")


def test_selections_usage_and_prices(engine: eclexia.Engine) -> None:
    p = eclexia.compile(ADAPTIVE)
    o = engine.evaluate(p, "go")
    assert o.value == "cpu"
    assert len(o.selections) == 1
    s = o.selections[0]
    assert isinstance(s, eclexia.Selection)
    assert (s.function, s.solution) == ("render", "cpu")
    assert s.cost == pytest.approx(28.14, abs=0.01)
    function, solution, cost = s
    assert (function, solution, cost) == ("render", "cpu", s.cost)
    assert len(s) == 3
    assert s == eclexia.Selection("render", "cpu", s.cost)
    assert "cpu" in repr(s)
    assert o.usage["energy"] == 25.0
    assert o.usage["time"] == pytest.approx(0.03)
    assert o.usage["carbon"] == pytest.approx(25 * 400 / 3.6e6)


def test_facts_and_carbon_intensity() -> None:
    p = eclexia.compile(ADAPTIVE)
    assert eclexia.Engine().evaluate(p, "cores").value == 3
    assert eclexia.Engine(facts={"cpu_cores": 8}).evaluate(p, "cores").value == 24
    assert eclexia.Engine().evaluate(p, "dev").value == "cpu"
    assert eclexia.Engine(facts={"gpu_available": True}).evaluate(p, "dev").value == "gpu"
    o = eclexia.Engine(carbon_intensity=800.0).evaluate(p, "go")
    assert o.usage["carbon"] == pytest.approx(25 * 800 / 3.6e6)
    with pytest.raises(ValueError, match="unknown host fact"):
        eclexia.Engine(facts={"tpu": True})
    with pytest.raises(TypeError):
        eclexia.Engine(facts={"cpu_cores": True})
    with pytest.raises(ValueError, match="carbon_intensity"):
        eclexia.Engine(carbon_intensity=-1.0)


def test_budgets_and_loop_energy() -> None:
    p = eclexia.compile("fn main() { for i in 0..1000 { } }")
    assert eclexia.Engine().evaluate(p).usage["energy"] == pytest.approx(1.0)
    assert eclexia.Engine(loop_energy=0).evaluate(p).usage["energy"] == 0.0
    assert eclexia.Engine(loop_energy="2mJ").evaluate(p).usage["energy"] == pytest.approx(2.0)
    assert eclexia.Engine(loop_energy=eclexia.Quantity(1, "J")).evaluate(p).usage["energy"] == 1000.0
    with pytest.raises(eclexia.ResourceViolation):
        eclexia.Engine(budgets={"energy": "0.5J"}).evaluate(p)
    # Every spelling of an amount is accepted.
    amounts: list[object] = ["100J", 100, 100.0, eclexia.Quantity(0.1, "kJ")]
    for amount in amounts:
        eclexia.Engine(budgets={"energy": amount}).evaluate(p)  # type: ignore[dict-item]
    eclexia.Engine(budgets={"latency": "1s", "memory": "1GiB", "compute": 5})
    with pytest.raises(ValueError, match="unknown resource"):
        eclexia.Engine(budgets={"power": "1W"})
    with pytest.raises(ValueError, match="energy"):
        eclexia.Engine(budgets={"energy": "10s"})
    with pytest.raises(ValueError):
        eclexia.Engine(budgets={"energy": -1})
    with pytest.raises(ValueError):
        eclexia.Engine(budgets={"energy": eclexia.Quantity(1, "s")})
    with pytest.raises(TypeError):
        eclexia.Engine(budgets={"energy": [1]})  # type: ignore[dict-item]


def test_output_callback() -> None:
    chunks: list[str] = []
    p = eclexia.compile('fn main() { print("a"); println("b", 1) }')
    o = eclexia.Engine(output=chunks.append).evaluate(p)
    assert "".join(chunks) == "ab 1\n"
    assert o.output == ""
    with pytest.raises(TypeError):
        eclexia.Engine(output=42)  # type: ignore[arg-type]


def test_output_callback_failure_ends_the_evaluation() -> None:
    def boom(text: str) -> None:
        raise OSError("disk full")

    p = eclexia.compile('fn main() { println("x") }')
    with pytest.raises(eclexia.RuntimeError, match="output"):
        eclexia.Engine(output=boom).evaluate(p)


def test_capabilities() -> None:
    p = eclexia.compile("fn now() -> Bool { time_now_ms() > 0 }")
    with pytest.raises(eclexia.RuntimeError) as e:
        eclexia.Engine().evaluate(p, "now")
    assert e.value.code == "E0599"
    assert eclexia.Engine(allow_clock=True).evaluate(p, "now").value is True
    q = eclexia.compile('fn exists() -> Bool { file_exists("/") }')
    assert eclexia.Engine(allow_fs=True).evaluate(q, "exists").value is True


def test_evaluations_are_deterministic(engine: eclexia.Engine) -> None:
    p = eclexia.compile(ADAPTIVE)
    a, b = engine.evaluate(p, "go"), engine.evaluate(p, "go")
    assert (a.value, a.usage, a.prices, a.selections, a.fuel_used) == (
        b.value, b.usage, b.prices, b.selections, b.fuel_used)
