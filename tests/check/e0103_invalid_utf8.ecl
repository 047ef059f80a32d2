// café au lait
fn main() { }
