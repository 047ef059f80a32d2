"""Every exception class with its attributes."""

import pytest

import eclexia


def test_hierarchy() -> None:
    for cls in [eclexia.CompileError, eclexia.RuntimeError, eclexia.ResourceViolation,
                eclexia.LimitExceeded]:
        assert issubclass(cls, eclexia.EclexiaError)
    assert issubclass(eclexia.NoFeasibleSolution, eclexia.ResourceViolation)
    assert issubclass(eclexia.EclexiaError, Exception)
    assert eclexia.EclexiaError.__module__ == "eclexia"


def test_division_by_zero(engine: eclexia.Engine) -> None:
    src = 'fn div(a: Int, b: Int) -> Int { a / b }\nfn main() {\n    println("before")\n    println(div(1, 0))\n}\n'
    with pytest.raises(eclexia.RuntimeError) as info:
        engine.evaluate(eclexia.compile(src, "div.ecl"))
    e = info.value
    assert e.code == "E0501"
    assert e.kind == "DivisionByZero"
    assert (e.line, e.column) == (1, 35)
    assert e.file == "div.ecl"
    assert str(e).startswith("error[E0501]: DivisionByZero: division by zero")
    assert "--> div.ecl:1:35" in str(e)
    assert e.output == "before\n"
    assert [t["function"] for t in e.trace] == ["div", "main"]
    assert e.trace[0]["line"] == 4
    assert e.exit_code == 3
    assert "note: in 'div'" in e.rendered


def test_other_runtime_kinds(engine: eclexia.Engine) -> None:
    cases = {
        "fn main() { let a = [1, 2]; println(a[5]) }": ("E0505", "IndexOutOfBounds"),
        'fn main() { panic("boom") }': ("E0507", "Panic"),
        "fn main() { assert(1 == 2) }": ("E0506", "AssertionFailed"),
        "fn main() { let x = 9223372036854775807; println(x + 1) }": ("E0502", "ArithmeticError"),
    }
    for src, (code, kind) in cases.items():
        with pytest.raises(eclexia.RuntimeError) as e:
            engine.evaluate(eclexia.compile(src))
        assert (e.value.code, e.value.kind) == (code, kind), src


def test_resource_violation_from_requires(engine: eclexia.Engine) -> None:
    src = """
@requires(energy: 15J) fn part() { }
@requires(energy: 25J) fn whole() { part(); part() }
fn main() { whole() }
"""
    with pytest.raises(eclexia.ResourceViolation) as info:
        engine.evaluate(eclexia.compile(src))
    e = info.value
    assert not isinstance(e, eclexia.NoFeasibleSolution)
    assert e.code == "E0601" and e.kind == "ResourceViolation"
    assert "whole" in str(e)
    assert e.exit_code == 4


def test_zero_budget(engine: eclexia.Engine) -> None:
    src = "@requires(energy: 0J) fn f() { }\nfn main() { f() }"
    with pytest.raises(eclexia.ResourceViolation) as e:
        engine.evaluate(eclexia.compile(src))
    assert e.value.code == "E0602"


def test_root_budget_violation() -> None:
    src = "fn main() { consume(50J) }"
    with pytest.raises(eclexia.ResourceViolation) as e:
        eclexia.Engine(budgets={"energy": "10J"}).evaluate(eclexia.compile(src))
    assert e.value.code == "E0601"


def test_no_feasible_solution(engine: eclexia.Engine) -> None:
    src = """
@requires(energy: 5J)
adaptive fn pick() -> String {
    big @requires(energy: 10J) { "big" }
    huge @requires(energy: 20J) { "huge" }
}
fn main() { println(pick()) }
"""
    with pytest.raises(eclexia.NoFeasibleSolution) as info:
        engine.evaluate(eclexia.compile(src))
    e = info.value
    assert isinstance(e, eclexia.ResourceViolation)
    assert e.code == "E0603" and e.kind == "NoFeasibleSolution"
    assert "no feasible solution for adaptive function 'pick'" in str(e)


def test_fuel_limit() -> None:
    p = eclexia.compile("fn main() { loop { } }")
    with pytest.raises(eclexia.LimitExceeded) as e:
        eclexia.Engine(fuel=1000, loop_energy=0).evaluate(p)
    assert (e.value.code, e.value.kind) == ("E0702", "OutOfFuel")
    assert e.value.exit_code == 5


def test_depth_limit() -> None:
    p = eclexia.compile("fn f(n: Int) -> Int { f(n + 1) }\nfn main() { println(f(0)) }")
    with pytest.raises(eclexia.LimitExceeded) as e:
        eclexia.Engine(max_call_depth=50).evaluate(p)
    assert (e.value.code, e.value.kind) == ("E0701", "StackOverflow")
    # The default depth (1000) is honoured without overflowing the native stack.
    with pytest.raises(eclexia.LimitExceeded):
        eclexia.Engine().evaluate(p)


def test_memory_limit() -> None:
    p = eclexia.compile('fn main() { let s = "x"; loop { s = s + s } }')
    with pytest.raises(eclexia.LimitExceeded) as e:
        eclexia.Engine(max_memory=1_000_000, loop_energy=0).evaluate(p)
    assert (e.value.code, e.value.kind) == ("E0703", "MemoryLimit")


def test_timeout() -> None:
    p = eclexia.compile("fn main() { loop { } }")
    with pytest.raises(eclexia.LimitExceeded) as e:
        eclexia.Engine(fuel=0, loop_energy=0, timeout_ms=50).evaluate(p)
    assert (e.value.code, e.value.kind) == ("E0704", "Timeout")


def test_errors_can_be_raised_and_caught_generically(engine: eclexia.Engine) -> None:
    try:
        engine.evaluate(eclexia.compile("fn main() { let z = 0; println(1 / z) }"))
    except eclexia.EclexiaError as e:
        assert e.code == "E0501"
    else:
        pytest.fail("no error")
    with pytest.raises(eclexia.EclexiaError, match="custom"):
        raise eclexia.LimitExceeded("custom")
