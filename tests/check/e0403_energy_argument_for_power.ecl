fn draw(p: Power) { }

fn main() {
    draw(5J)
}
