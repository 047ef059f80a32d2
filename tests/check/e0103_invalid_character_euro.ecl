fn main() {
    let price = 5 €
}
