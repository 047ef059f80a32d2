// args: --max-memory 100000
fn main() {
    let mut s = "abcdefgh";
    loop {
        s = s + s;
    }
}
