adaptive fn threads() -> String @optimize(minimize energy, maximize compute) {
    one @requires(energy: 10J, compute: 5CU) { "one" }
    many @requires(energy: 12J, compute: 10CU) { "many" }
}
adaptive def plain() -> String @optimize: minimize energy {
    @solution "one": @provides: energy: 10J, compute: 5CU { "one" }
    @solution "many": @provides: energy: 12J, compute: 10CU { "many" }
}
fn main() {
    println(threads(), plain());
    println(resource_used(compute));
}
