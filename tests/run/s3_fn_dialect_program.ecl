@requires(energy: 10J, time: 1s)
fn main() {
    let xs: Vec<i64> = [3, 1, 2];
    let mut best: i32 = 0;
    for x in xs {
        if x > best { best = x; }
    }
    println("best", best);
    consume(2J);
    println(resource_used(energy), shadow_price(time));
}
