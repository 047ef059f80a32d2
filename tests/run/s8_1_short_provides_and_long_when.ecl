adaptive fn a() -> String {
    p @provides(energy: 3J) { "p" }
    q @requires(energy: 4J) { "q" }
}
adaptive def b(flag: Bool) -> String {
    @solution "guarded": @when: flag @provides: energy: 1J { "guarded" }
    @solution fallback: @provides: energy: 5J { "fallback" }
}
fn main() {
    println(a(), b(true), b(false));
    println(resource_used(energy));
}
