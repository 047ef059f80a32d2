fn main() {
    let u = resource_used("speed")
}
