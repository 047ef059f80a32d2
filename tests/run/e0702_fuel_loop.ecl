// args: --fuel 5
fn main() {
    let mut i = 0;
    loop {
        println(i);
        i += 1;
    }
}
