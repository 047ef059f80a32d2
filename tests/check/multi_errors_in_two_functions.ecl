fn a() -> Int {
    "not an int"
}

fn b() {
    let x = 5J + 1
}
