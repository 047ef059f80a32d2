fn main() {
    let n = 7;
    let s = match n {
        0..5 => "low",
        x if x > 10 => "high",
    };
}
