"""Module surface: version, compile, Program, compile errors."""

import re

import pytest

import eclexia


def test_version() -> None:
    assert re.fullmatch(r"\d+\.\d+\.\d+.*", eclexia.__version__)


def test_all_lists_the_public_names() -> None:
    for name in ["compile", "price", "Engine", "Program", "Outcome", "Market", "Quantity",
                 "EclexiaError", "CompileError", "RuntimeError", "ResourceViolation",
                 "NoFeasibleSolution", "LimitExceeded", "__version__"]:
        assert name in eclexia.__all__
        assert hasattr(eclexia, name)


def test_package_is_typed() -> None:
    import pathlib

    package = pathlib.Path(eclexia.__file__).parent
    assert (package / "py.typed").is_file()
    assert (package / "__init__.pyi").is_file()


def test_compile_and_program() -> None:
    p = eclexia.compile("fn main() -> Int { 1 }\nfn add(a: Int, b: Int) -> Int { a + b }",
                        filename="calc.ecl")
    assert isinstance(p, eclexia.Program)
    assert p.has_function("main")
    assert p.has_function("add")
    assert not p.has_function("nope")
    assert p.function_arity("add") == 2
    assert p.function_arity("nope") is None
    assert p.filename == "calc.ecl"
    assert "fn add" in p.source
    assert "calc.ecl" in repr(p)


def test_compile_default_filename() -> None:
    with pytest.raises(eclexia.CompileError) as e:
        eclexia.compile("let = 1")
    assert "--> <string>:1:" in str(e.value)


def test_compile_error_lists_every_diagnostic() -> None:
    src = "fn main() {\n    let a = 1J + 2s\n    let b = 5J < 3s\n    println(undefined_name)\n}\n"
    with pytest.raises(eclexia.CompileError) as info:
        eclexia.compile(src, "bad.ecl")
    e = info.value
    assert isinstance(e, eclexia.EclexiaError)
    message = str(e)
    assert "error[E0401]: DimensionMismatch" in message
    assert "error[E0402]: DimensionMismatch" in message
    assert "error[E0201]: UndefinedVariable" in message
    assert "--> bad.ecl:2:" in message
    codes = [d["code"] for d in e.diagnostics]
    assert codes == ["E0401", "E0402", "E0201"]
    first = e.diagnostics[0]
    assert first["kind"] == "DimensionMismatch"
    assert first["file"] == "bad.ecl"
    assert first["line"] == 2
    assert isinstance(first["column"], int)
    assert e.code == "E0401" and e.kind == "DimensionMismatch" and e.line == 2
    assert "1J + 2s" in e.rendered  # the snippet


def test_parse_error() -> None:
    with pytest.raises(eclexia.CompileError) as e:
        eclexia.compile("fn main() { let x = \"open }")
    assert e.value.code == "E0102"
    assert e.value.diagnostics[0]["kind"] == "ParseError"


def test_readme_example_runs() -> None:
    import pathlib

    readme = pathlib.Path(__file__).resolve().parent.parent / "README.md"
    blocks = re.findall(r"```python\n(.*?)```", readme.read_text(), re.S)
    assert blocks
    for code in blocks:
        exec(compile(code, str(readme), "exec"), {})
