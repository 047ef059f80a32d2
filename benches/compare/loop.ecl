// A while loop summing 1..=10,000,000: loop and arithmetic overhead (each iteration is also
// metered, LANGUAGE §7.6). Prints 50000005000000.
fn main() {
    let mut i = 1;
    let mut total = 0;
    while i <= 10000000 {
        total += i;
        i += 1;
    }
    println(total);
}
