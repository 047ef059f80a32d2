// def dialect: no semicolons, colon annotations
def area(w: Float, h: Float) -> Float {
    w * h
}

def main()
    @requires: energy < 10J, latency < 5ms
{
    let a = area(2.0, 3.5)
    println("area", a)
    let mut total = 0
    for i in 1..=4 {
        total += i
    }
    println("total", total)
    consume(9J)
    println(resource_used(energy), resource_used(latency))
}
