// args: --fuel 1000
fn main() {
    let mut n = 0;
    while true { n += 1; }
}
