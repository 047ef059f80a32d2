fn main() {
    let fs = [];
    for i in 0..3 {
        push(fs, || i * 10);
    }
    for f in fs {
        print(f(), "");
    }
    println();
    let gs = [];
    let mut j = 0;
    while j < 3 {
        let k = j;
        push(gs, || k);
        j += 1;
    }
    println(gs[0](), gs[2]());
}
