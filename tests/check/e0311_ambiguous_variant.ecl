enum Light { Red, Green }
enum Paint { Red, Blue }

fn main() {
    let c = Red
}
