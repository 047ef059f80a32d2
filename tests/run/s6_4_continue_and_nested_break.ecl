fn main() {
    let mut sum = 0;
    for i in 0..10 {
        if i % 2 == 0 { continue; }
        sum += i;
    }
    println(sum);
    let mut pairs = [];
    for a in 0..3 {
        let mut b = 0;
        while true {
            if b > a { break; }
            push(pairs, (a, b));
            b += 1;
        }
    }
    println(pairs);
}
