fn main() {
    consume(1J);
    println(resource_used(energy));
    consume(1J - 2J);
}
