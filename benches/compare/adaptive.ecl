// An adaptive function with two solutions, called 1,000,000 times (LANGUAGE §8). With the
// default price book and no budgets, fast costs 2 + 0.1 + 0.0111 ≈ 2.111 and slow
// 1 + 5.0 + 0.0056 ≈ 6.006, so fast (x + 1) runs every time. Prints 500001500000.
adaptive fn pick(x: Int) -> Int {
    fast @requires(energy: 2J, time: 1ms) { x + 1 }
    slow @requires(energy: 1J, time: 50ms) { x + 2 }
}

fn main() {
    let mut i = 1;
    let mut total = 0;
    while i <= 1000000 {
        total += pick(i);
        i += 1;
    }
    println(total);
}
