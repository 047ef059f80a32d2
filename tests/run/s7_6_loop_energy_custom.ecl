// args: --loop-energy 1J
fn main() {
    for c in "abc" { }
    println(resource_used(energy));
}
