// args: --budget energy=100J --budget time=1s
fn main() {
    consume(energy, 50J);
    consume(500ms);
    println(resource_used(time));
    consume(latency, 600ms);
}
