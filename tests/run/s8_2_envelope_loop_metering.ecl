adaptive fn busy() -> Int {
    tight @requires(energy: 3mJ) {
        let mut n = 0;
        loop {
            n += 1;
            println(n);
        }
    }
}
fn main() { println(busy()) }
