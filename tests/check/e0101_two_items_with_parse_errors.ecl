fn a() {
    let x: Int;
}

fn b() {
    let y = 1 < 2 < 3
}
