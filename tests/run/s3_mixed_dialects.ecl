def double(x: Int) -> Int {
    x * 2
}
@requires(energy: 50J)
fn quad(x: Int) -> Int @requires(energy: 30J) {
    double(double(x))
}
adaptive def mode() -> String {
    @solution "long": @provides: energy: 2J { "long" }
    short @requires(energy: 1J) { "short" }
}
fn main() {
    println(quad(3), mode());
    println(resource_used(energy));
}
