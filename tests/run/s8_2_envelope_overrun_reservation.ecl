@requires(energy: 6J)
fn helper() { }
adaptive fn task() -> Int {
    s1 @requires(energy: 5J) {
        helper();
        1
    }
}
fn main() { println(task()) }
