fn main() {
    let t = 5J as Resource<Time>
}
