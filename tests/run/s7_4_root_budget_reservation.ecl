// args: --budget energy=10J
@requires(energy: 15J)
fn f() { }
fn main() {
    println("start");
    f();
}
