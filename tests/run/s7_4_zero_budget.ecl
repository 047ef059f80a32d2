@requires(energy: 0J)
fn never() { println("body"); }
fn main() {
    println("before");
    never();
}
