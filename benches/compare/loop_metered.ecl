// loop.ecl inside a function with an energy budget: every iteration charges the loop energy
// (default 1 mJ, LANGUAGE §7.6) to this scope, 10,000 J in all, well inside the budget.
// Compared with `--loop-energy 0J` it measures the cost of metering. Prints 50000005000000.
@requires(energy: 1000000J)
fn sum_to(n: Int) -> Int {
    let mut i = 1;
    let mut total = 0;
    while i <= n {
        total += i;
        i += 1;
    }
    total
}

fn main() {
    println(sum_to(10000000));
}
