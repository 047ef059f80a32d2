// args: --loop-energy 0J
fn main() {
    let mut i = 0;
    while i < 100 { i += 1; }
    loop { break; }
    println(resource_used(energy), i);
}
