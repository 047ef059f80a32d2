// args: --budget energy=10J --loop-energy 0J
fn main() {
    consume(4J);
    let p = shadow_price(energy);
    println(resource_used(energy), p > 1.0 && p < 2.0);
    consume(1J);
    println(shadow_price(energy));
    consume(6J);
}
