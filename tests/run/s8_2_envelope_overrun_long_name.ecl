adaptive def job() -> Int {
    @solution "quick": @provides: energy: 2J {
        consume(2.5J)
        0
    }
}
def main() {
    println(job())
}
