fn main() {
    let f: Resource<Time^-1> = 2s
}
