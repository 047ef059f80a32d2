fn main() {
    let mut hits = 0
    let tick = || { hits = hits + 1 }
    tick(); tick()
    println(hits)            // 2
}
