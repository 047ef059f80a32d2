@requires(energy: 5J)
fn main() {
    println(resource_used(energy), shadow_price(energy));
    consume(2.5J);
    println(resource_used(energy), shadow_price(energy));
    consume(2.6J);
}
