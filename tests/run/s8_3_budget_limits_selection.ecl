adaptive fn pick() -> String {
    big @requires(energy: 20J, time: 1ms) { "big" }
    small @requires(energy: 5J, time: 1s) { "small" }
}
@requires(energy: 12J)
fn limited() {
    println(pick());
    println(pick());
    println(resource_used(energy));
}
fn main() {
    println(pick());
    limited();
}
