@requires(memory: 10MB, compute: 4CU)
fn work() {
    consume(memory, 2MB);
    consume(3MB);
    consume(network, 1KB);
    consume("network", 24B);
    consume(2CU);
    consume(carbon, 3gCO2e);
    println(resource_used(memory), resource_used(network), resource_used(compute));
    println(shadow_price(memory), shadow_price(compute));
}
fn main() {
    work();
    println(resource_used(memory), resource_used(network), resource_used(compute), resource_used(carbon));
}
