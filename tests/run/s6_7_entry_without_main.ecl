// args: --entry go
fn go() -> Int {
    println("go");
    1
}
