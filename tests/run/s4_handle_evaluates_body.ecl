effect Log {
    log(msg: String)
}
fn main() {
    let v = handle { println("body runs"); 42 } {
        Log::log(msg: String) => { println("never", msg); }
    };
    println(v);
}
