// Budgets (@requires on plain functions), reservations, consume, resource_used and
// shadow prices (LANGUAGE §7, §9).
@requires(energy: 10J)
fn fact(n: Int) -> Int {
    if n <= 1 { 1 } else { n * fact(n - 1) }
}

fn prices() {
    println(shadow_price(energy), shadow_price(time), shadow_price(latency), shadow_price(carbon))
    println(shadow_price(memory), shadow_price(network), shadow_price("compute"))
}

@requires(energy: 200J)
fn spend() {
    println(shadow_price(energy))
    consume(100J)
    println(shadow_price(energy), resource_used(energy))
    consume(energy, 100J)
    println(shadow_price(energy), resource_used("energy"))
}

adaptive fn pick() -> String {
    heavy @requires(energy: 10J) { "heavy" }
    slow @requires(energy: 1J, time: 100ms) { "slow" }
}

// At an idle budget energy is cheap and `heavy` wins; at half use the market price of
// energy doubles and `slow` becomes the cheaper choice.
@requires(energy: 40J)
fn session() {
    println(pick())
    consume(10J)
    println(shadow_price(energy))
    println(pick())
    println(resource_used(energy))
}

def budgeted_loop() @requires: energy < 1J, time <= 1s {
    let mut i = 0
    while i < 10 { i += 1 }
    println(resource_used(energy))
}

@requires(time: 1s, memory: 10MB)
fn io_work() {
    consume(250ms)
    consume(latency, 250ms)
    consume(memory, 2MB)
    consume(3MB)
    consume(network, 1KB)
    println(resource_used(time), resource_used(latency), resource_used(memory))
    println(shadow_price(time), shadow_price(memory))
}

fn child() @requires(energy: 3J) { }

@requires(energy: 10J)
fn parent() {
    child()
    child()
    println(resource_used(energy))
}

fn main() {
    println(fact(10))
    prices()
    spend()
    session()
    budgeted_loop()
    io_work()
    parent()
    println(resource_used(network), resource_used(compute))
}
