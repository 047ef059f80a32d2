@requires(time: 1s)
fn slow() { }
@requires(energy: 50J, latency: 500ms)
fn caller() {
    println("calling");
    slow();
}
fn main() { caller() }
