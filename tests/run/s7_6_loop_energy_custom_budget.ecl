// args: --loop-energy 1J
@requires(energy: 2J)
fn f() {
    let mut n = 0;
    loop {
        n += 1;
        println(n);
    }
}
fn main() { f() }
