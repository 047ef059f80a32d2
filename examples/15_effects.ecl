// Effect declarations and `handle`: handlers are type-checked but never run;
// a `handle` expression evaluates to its subject.
effect Logger {
    log(msg: String);
    level() -> Int
}

effect State<S> {
    get() -> S
    put(value: S)
}

fn compute(n: Int) -> Int { n * n }

fn main() {
    let v = handle compute(6) {
        Logger::log(msg: String) => { println("never runs:", msg) },
        Logger::level() => { 0 }
    }
    println(v)
    let w = handle v + 1 {
        log(msg: String) => { println(msg) }
    }
    println(w)
    let text = handle "plain" { State::put(value: String) => { println(value) } }
    println(text)
}
