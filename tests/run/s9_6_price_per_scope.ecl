@requires(time: 1s) fn g() { println("g", shadow_price(energy), shadow_price(time)) }
@requires(energy: 100J) fn g2() { println("g2", shadow_price(energy)) }
@requires(energy: 200J)
fn outer() {
    println(shadow_price(energy));
    consume(100J);
    println(shadow_price(energy));
    g();
    g2();
    println(shadow_price(energy));
}
fn main() {
    outer();
    println(shadow_price(energy));
}
