adaptive fn render(w: Int) -> String {
    gpu   @requires(energy: 90J, time: 2ms)   { "gpu" }     // 90 + 0.2 + 0.5    = 90.7
    cpu   @requires(energy: 25J, time: 30ms)  { "cpu" }     // 25 + 3.0 + 0.1389 ≈ 28.14  <- selected
    cache @requires(energy: 3J,  time: 400ms) { "cache" }   //  3 + 40  + 0.0167 ≈ 43.02
}
fn main() {
    println(render(1080));
    println(resource_used(energy), resource_used(time), resource_used(carbon));
}
