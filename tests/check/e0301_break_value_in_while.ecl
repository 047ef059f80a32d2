fn main() {
    while true {
        break 5
    }
}
