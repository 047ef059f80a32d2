// args: --budget energy=100J
fn main() {
    println(shadow_price(energy));
    consume(50J);
    println(shadow_price(energy), shadow_price(time));
    consume(50J);
    println(shadow_price(energy), resource_used(energy));
}
