fn main() {
    while false { }
    for i in 0..0 { }
    println(resource_used(energy));
    for i in 0..1 { }
    println(resource_used(energy));
}
