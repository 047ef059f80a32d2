// args: --fuel 4
fn count() {
    let mut i = 0;
    while i < 100 {
        i += 1;
        println(i);
    }
}
fn main() {
    count();
}
