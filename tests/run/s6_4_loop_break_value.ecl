fn main() {
    let mut i = 0;
    let x = loop {
        i += 1;
        if i == 5 { break i * 10; }
    };
    println(x, i);
    let y = loop { break; };
    println(y);
}
