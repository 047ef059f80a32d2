"""Values in both directions."""

import pytest

import eclexia

ID = eclexia.compile("fn id<T>(x: T) -> T { x }")


def roundtrip(engine: eclexia.Engine, x: object) -> object:
    return engine.evaluate(ID, "id", [x]).value


def test_scalars_both_ways(engine: eclexia.Engine) -> None:
    for x in [0, -5, 2**63 - 1, -(2**63), 1.5, -0.0, True, False, "", "héllo ✓", None]:
        y = roundtrip(engine, x)
        assert y == x and type(y) is type(x), x


def test_float_specials(engine: eclexia.Engine) -> None:
    assert roundtrip(engine, float("inf")) == float("inf")
    nan = roundtrip(engine, float("nan"))
    assert isinstance(nan, float) and nan != nan


def test_int_overflow_is_rejected(engine: eclexia.Engine) -> None:
    with pytest.raises(OverflowError):
        roundtrip(engine, 2**63)


def test_containers_both_ways(engine: eclexia.Engine) -> None:
    for x in [[1, 2, 3], [], (1, "a", 2.5), {"a": 1, "b": 2}, {1: [1.0], 2: []},
              [[1], [2, 3]], {"k": (1, True)}]:
        y = roundtrip(engine, x)
        assert y == x and type(y) is type(x), x
    d = roundtrip(engine, {"z": 1, "a": 2, "m": 3})
    assert isinstance(d, dict) and list(d) == ["z", "a", "m"]


def test_range_both_ways(engine: eclexia.Engine) -> None:
    assert roundtrip(engine, range(2, 7)) == range(2, 7)
    p = eclexia.compile("fn r() -> Range { 1..=3 }")
    assert engine.evaluate(p, "r").value == range(1, 4)
    with pytest.raises(ValueError):
        roundtrip(engine, range(0, 10, 2))


def test_typed_parameters(engine: eclexia.Engine) -> None:
    p = eclexia.compile("""
fn total(xs: [Float]) -> Float { let s = 0.0; for x in xs { s = s + x }; s }
fn count(m: HashMap<String, Int>) -> Int { len(m) }
fn swap(t: (Int, String)) -> (String, Int) { (t.1, t.0) }
fn double(e: Energy) -> Energy { e * 2.0 }
""")
    assert engine.evaluate(p, "total", [[1.0, 2.5]]).value == 3.5
    assert engine.evaluate(p, "count", [{"a": 1, "b": 2}]).value == 2
    assert engine.evaluate(p, "swap", [(1, "x")]).value == ("x", 1)
    doubled = engine.evaluate(p, "double", [eclexia.Quantity(1.5, "kJ")]).value
    assert doubled == eclexia.Quantity(3000, "J")
    with pytest.raises(eclexia.RuntimeError, match="must be"):
        engine.evaluate(p, "double", [eclexia.Quantity(1, "s")])


def test_quantity_class(engine: eclexia.Engine) -> None:
    q = eclexia.Quantity(1.5, "kJ")
    assert q.value == 1500.0 and q.unit == "J" and q.dimension == "Energy"
    assert repr(q) == "Quantity(1500.0, 'J')"
    assert str(q) == "1500J"
    assert float(q) == 1500.0
    assert q == eclexia.Quantity.parse("1.5kJ")
    assert q != eclexia.Quantity(1500.0, "s")
    assert hash(q) == hash(eclexia.Quantity(1500, "J"))
    assert eclexia.Quantity(250, "ms").value == 0.25
    assert eclexia.Quantity.parse("10GiB").unit == "B"
    w = eclexia.Quantity(25, "W")
    assert (w.unit, w.dimension) == ("W", "Power")
    js = eclexia.Quantity(2, "J*s")
    assert (js.unit, js.dimension) == ("J*s", "Energy*Time")
    ci = eclexia.Quantity(1, "gCO2e*J^-1")
    assert ci.dimension == "CarbonIntensity"
    with pytest.raises(ValueError):
        eclexia.Quantity(1, "furlong")
    with pytest.raises(ValueError):
        eclexia.Quantity.parse("12")
    assert roundtrip(engine, q) == q


def test_quantities_out(engine: eclexia.Engine) -> None:
    p = eclexia.compile("""
fn q() -> (Energy, Power, Float) { (1.5kJ + 500J, 1kJ / 4s, 10J / 5J) }
""")
    energy, power, ratio = engine.evaluate(p, "q").value
    assert energy == eclexia.Quantity(2000, "J")
    assert (power.value, power.unit) == (250.0, "W")
    assert ratio == 2.0 and isinstance(ratio, float)


def test_char_option_result_out(engine: eclexia.Engine) -> None:
    p = eclexia.compile("""
fn c() -> Char { 'x' }
fn some() -> Option<Int> { Some(5) }
fn none() -> Option<Int> { None }
fn ok() -> Result<Int, String> { Ok(1) }
fn err() -> Result<Int, String> { Err("bad") }
""")
    assert engine.evaluate(p, "c").value == "x"
    assert engine.evaluate(p, "some").value == 5
    assert engine.evaluate(p, "none").value is None
    ok = engine.evaluate(p, "ok").value
    assert isinstance(ok, eclexia.Variant)
    assert (ok.enum_name, ok.variant, ok.payload, ok.value) == ("Result", "Ok", (1,), 1)
    assert repr(ok) == "Ok(1)"
    err = engine.evaluate(p, "err").value
    assert (err.variant, err.value) == ("Err", "bad")
    assert err == eclexia.Variant("Result", "Err", ("bad",))
    assert err != ok


def test_structs_and_enums_out(engine: eclexia.Engine) -> None:
    p = eclexia.compile("""
struct Point { x: Int, y: Float }
enum Shape { Circle(Float), Rect { w: Float, h: Float }, Dot }
fn point() -> Point { Point { x: 1, y: 2.5 } }
fn shapes() -> [Shape] { [Circle(1.0), Rect { w: 2.0, h: 3.0 }, Dot] }
fn f(x: Int) -> Int { x }
fn fun() -> fn(Int) -> Int { f }
""")
    pt = engine.evaluate(p, "point").value
    assert isinstance(pt, eclexia.Struct)
    assert pt.name == "Point" and pt.fields == {"x": 1, "y": 2.5}
    assert pt.x == 1 and pt.y == 2.5
    with pytest.raises(AttributeError):
        pt.z
    assert repr(pt) == "Point(x=1, y=2.5)"
    assert pt == eclexia.Struct("Point", {"x": 1, "y": 2.5})
    circle, rect, dot = engine.evaluate(p, "shapes").value
    assert (circle.enum_name, circle.variant, circle.value) == ("Shape", "Circle", 1.0)
    assert repr(circle) == "Shape.Circle(1.0)"
    assert rect.fields == ["w", "h"] and rect.payload == (2.0, 3.0)
    assert repr(rect) == "Shape.Rect(w=2.0, h=3.0)"
    assert repr(dot) == "Shape.Dot" and dot.value is None
    assert engine.evaluate(p, "fun").value == "<fn f>"


def test_unconvertible_values_are_rejected(engine: eclexia.Engine) -> None:
    for bad in [object(), {1, 2}, b"bytes", eclexia.Struct("P", {})]:
        with pytest.raises(TypeError):
            roundtrip(engine, bad)
