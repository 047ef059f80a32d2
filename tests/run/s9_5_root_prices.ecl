fn main() {
    println(shadow_price(energy), shadow_price(time), shadow_price(latency), shadow_price(carbon));
    println(shadow_price(memory), shadow_price(network), shadow_price(compute));
    println(shadow_price("energy"), shadow_price("carbon"));
}
