"""Concurrency: threads sharing one program and engine, cancel, KeyboardInterrupt."""

import _thread
import threading
import time
from concurrent.futures import ThreadPoolExecutor

import pytest

import eclexia

FIB = eclexia.compile("""
fn fib(n: Int) -> Int { if n < 2 { n } else { fib(n - 1) + fib(n - 2) } }
fn run(n: Int) -> Int { fib(n) }
""")
SPIN = eclexia.compile("fn main() { loop { } }")


def test_threads_evaluate_one_program_concurrently() -> None:
    engine = eclexia.Engine()
    expected = {n: engine.evaluate(FIB, "run", [n]).value for n in range(15, 21)}
    with ThreadPoolExecutor(max_workers=8) as pool:
        futures = [pool.submit(engine.evaluate, FIB, "run", [n])
                   for _ in range(4) for n in range(15, 21)]
        results = [f.result() for f in futures]
    for f, o in zip(futures, results):
        assert o.value in expected.values()
    assert [o.value for o in results] == [expected[n] for _ in range(4) for n in range(15, 21)]


def test_the_gil_is_released_while_evaluating() -> None:
    # While one thread runs a long evaluation, the main thread keeps running Python.
    engine = eclexia.Engine(fuel=0, loop_energy=0, timeout_ms=400)
    done = threading.Event()
    errors: list[eclexia.LimitExceeded] = []

    def run() -> None:
        try:
            engine.evaluate(SPIN)
        except eclexia.LimitExceeded as e:
            errors.append(e)
        done.set()

    t = threading.Thread(target=run)
    t.start()
    ticks = 0
    while not done.is_set():
        ticks += 1
        time.sleep(0.01)
    t.join()
    assert ticks >= 10
    assert errors and errors[0].code == "E0704"


def test_cancel_from_another_thread() -> None:
    engine = eclexia.Engine(fuel=0, loop_energy=0)
    threading.Timer(0.1, engine.cancel).start()
    start = time.monotonic()
    with pytest.raises(eclexia.LimitExceeded) as e:
        engine.evaluate(SPIN)
    assert (e.value.code, e.value.kind) == ("E0705", "Cancelled")
    assert time.monotonic() - start < 5
    # Sticky until reset.
    assert engine.cancelled
    with pytest.raises(eclexia.LimitExceeded):
        engine.evaluate(SPIN)
    engine.reset()
    assert not engine.cancelled
    assert engine.evaluate(FIB, "run", [10]).value == 55


def test_cancel_reaches_every_running_evaluation() -> None:
    engine = eclexia.Engine(fuel=0, loop_energy=0)
    codes: list[str] = []
    lock = threading.Lock()

    def run() -> None:
        try:
            engine.evaluate(SPIN)
        except eclexia.LimitExceeded as e:
            with lock:
                codes.append(str(e.code))

    threads = [threading.Thread(target=run) for _ in range(4)]
    for t in threads:
        t.start()
    time.sleep(0.2)
    engine.cancel()
    for t in threads:
        t.join(10)
    assert codes == ["E0705"] * 4


def test_keyboard_interrupt_cancels_the_evaluation() -> None:
    assert threading.current_thread() is threading.main_thread()
    engine = eclexia.Engine(fuel=0, loop_energy=0)
    threading.Timer(0.1, _thread.interrupt_main).start()
    start = time.monotonic()
    with pytest.raises(KeyboardInterrupt):
        engine.evaluate(SPIN)
    assert time.monotonic() - start < 5
    # Only that evaluation was cancelled: the engine still works.
    assert not engine.cancelled
    assert engine.evaluate(FIB, "run", [10]).value == 55
