fn main() {
    let p = shadow_price(power)
}
