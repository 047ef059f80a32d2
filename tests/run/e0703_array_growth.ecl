// args: --max-memory 100000
fn main() {
    let a = [];
    let mut i = 0;
    loop {
        push(a, i);
        i += 1;
    }
}
