adaptive def choose() -> String
    @requires: energy < 10J
{
    @solution "fast": @provides: energy: 50J, latency: 1ms { "fast" }
    @solution "exact": @provides: energy: 10J, latency: 2s { "exact" }
}
def main() {
    println(choose())
    println(resource_used(energy))
}
