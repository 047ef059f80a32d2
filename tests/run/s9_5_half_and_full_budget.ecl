@requires(energy: 200J)
fn spend() {
    println(shadow_price(energy));
    consume(100J);
    println(shadow_price(energy));
    consume(100J);
    println(shadow_price(energy));
}
fn main() { spend() }
