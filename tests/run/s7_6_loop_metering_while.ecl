@requires(energy: 5mJ)
fn spin() {
    let mut n = 0;
    while true {
        n += 1;
        println(n);
    }
}
fn main() { spin() }
