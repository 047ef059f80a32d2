adaptive def pick() -> String @requires: energy < 1J {
    @solution "a": @provides: energy: 2J { "a" }
    @solution "b": @provides: energy: 3J { "b" }
}
def main() {
    let r = pick()
    println(r)
}
