"""Eclexia: compile, evaluate and price resource-aware programs."""

from collections.abc import Callable, Iterator, Mapping, Sequence
from typing import Any, Optional, TypeAlias, Union, final


__version__: str
__all__ = [
    "CompileError",
    "EclexiaError",
    "Engine",
    "LimitExceeded",
    "Market",
    "NoFeasibleSolution",
    "Outcome",
    "Program",
    "Quantity",
    "ResourceViolation",
    "RuntimeError",
    "Selection",
    "Struct",
    "Variant",
    "__version__",
    "compile",
    "price",
]

# A resource amount: "100J", a number in canonical units, or a Quantity.
_Amount: TypeAlias = Union[str, float, int, "Quantity"]

def compile(source: str, filename: str = "<string>") -> Program: ...
def price(request: Union[Mapping[str, Any], str]) -> dict[str, Any]: ...

@final
class Program:
    def has_function(self, name: str) -> bool: ...
    def function_arity(self, name: str) -> Optional[int]: ...
    @property
    def filename(self) -> str: ...
    @property
    def source(self) -> str: ...

@final
class Engine:
    def __new__(
        cls,
        *,
        fuel: int = 10_000_000,
        max_call_depth: int = 1000,
        max_memory: int = 536_870_912,
        timeout_ms: int = 0,
        budgets: Optional[Mapping[str, _Amount]] = None,
        loop_energy: Optional[_Amount] = None,
        carbon_intensity: float = 400.0,
        facts: Optional[Mapping[str, Union[bool, int]]] = None,
        allow_fs: bool = False,
        allow_clock: bool = False,
        output: Optional[Callable[[str], object]] = None,
    ) -> Engine: ...
    def evaluate(
        self, program: Program, entry: str = "main", args: Optional[Sequence[Any]] = None
    ) -> Outcome: ...
    def cancel(self) -> None: ...
    def reset(self) -> None: ...
    @property
    def cancelled(self) -> bool: ...

@final
class Outcome:
    @property
    def value(self) -> Any: ...
    @property
    def value_text(self) -> str: ...
    @property
    def output(self) -> str: ...
    @property
    def usage(self) -> dict[str, float]: ...
    @property
    def selections(self) -> list[Selection]: ...
    @property
    def prices(self) -> dict[str, float]: ...
    @property
    def fuel_used(self) -> int: ...

@final
class Selection:
    def __new__(cls, function: str, solution: str, cost: float) -> Selection: ...
    @property
    def function(self) -> str: ...
    @property
    def solution(self) -> str: ...
    @property
    def cost(self) -> float: ...
    def __iter__(self) -> Iterator[Union[str, float]]: ...
    def __len__(self) -> int: ...
    def __eq__(self, value: object, /) -> bool: ...

@final
class Market:
    def __new__(
        cls,
        budgets: Optional[Mapping[str, Optional[_Amount]]] = None,
        windows: Optional[Mapping[str, Optional[_Amount]]] = None,
        carbon_intensity: float = 400.0,
    ) -> Market: ...
    @property
    def budgets(self) -> dict[str, Optional[float]]: ...
    @property
    def usage(self) -> dict[str, float]: ...
    @property
    def carbon_intensity(self) -> float: ...
    def set_carbon_intensity(self, value: float) -> None: ...
    def record_usage(self, usage: Union[Mapping[str, _Amount], Outcome]) -> dict[str, float]: ...
    def prices(self) -> dict[str, float]: ...
    def status(self) -> dict[str, Any]: ...
    def quote(self, request: Union[Mapping[str, Any], str]) -> dict[str, Any]: ...

@final
class Quantity:
    def __new__(cls, value: float, unit: str) -> Quantity: ...
    @staticmethod
    def parse(text: str) -> Quantity: ...
    @property
    def value(self) -> float: ...
    @property
    def unit(self) -> str: ...
    @property
    def dimension(self) -> str: ...
    def __float__(self) -> float: ...
    def __eq__(self, value: object, /) -> bool: ...
    def __hash__(self) -> int: ...

@final
class Struct:
    def __new__(cls, name: str, fields: dict[str, Any]) -> Struct: ...
    @property
    def name(self) -> str: ...
    @property
    def fields(self) -> dict[str, Any]: ...
    def __getattr__(self, attr: str) -> Any: ...
    def __eq__(self, value: object, /) -> bool: ...

@final
class Variant:
    def __new__(
        cls,
        enum_name: str,
        variant: str,
        payload: Optional[tuple[Any, ...]] = None,
        fields: Optional[list[str]] = None,
    ) -> Variant: ...
    @property
    def enum_name(self) -> str: ...
    @property
    def variant(self) -> str: ...
    @property
    def payload(self) -> tuple[Any, ...]: ...
    @property
    def fields(self) -> Optional[list[str]]: ...
    @property
    def value(self) -> Any: ...
    def __eq__(self, value: object, /) -> bool: ...

class EclexiaError(Exception):
    code: Optional[str]
    kind: Optional[str]
    message: str
    file: str
    line: int
    column: int
    rendered: str

class CompileError(EclexiaError):
    diagnostics: list[dict[str, Any]]

class RuntimeError(EclexiaError):
    trace: list[dict[str, Any]]
    output: str
    exit_code: int

class ResourceViolation(EclexiaError):
    trace: list[dict[str, Any]]
    output: str
    exit_code: int

class NoFeasibleSolution(ResourceViolation): ...

class LimitExceeded(EclexiaError):
    trace: list[dict[str, Any]]
    output: str
    exit_code: int
