fn main() {
    consume(5ms);
    consume(latency, 5ms);
    consume("time", 1s);
    println(resource_used(time), resource_used(latency), resource_used("latency"));
    println(shadow_price(time), shadow_price(latency));
}
