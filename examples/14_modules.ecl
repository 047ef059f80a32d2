// Modules (`module` / `mod`) and every form of `use` / `import`.
module geometry {
    pub fn area(w: Int, h: Int) -> Int { w * h }
    pub fn perimeter(w: Int, h: Int) -> Int { 2 * (w + h) }
    pub const SIDES: Int = 4
    fn scale() -> Int { 10 }
    pub fn scaled_area(w: Int, h: Int) -> Int { area(w, h) * scale() }
}

mod text {
    pub fn shout(s: String) -> String { to_uppercase(s) + "!" }
    pub fn whisper(s: String) -> String { to_lowercase(s) + "..." }
    pub struct Label { text: String }
}

mod colors {
    pub fn red() -> String { "#f00" }
    pub fn green() -> String { "#0f0" }
}

mod maths {
    pub fn double(x: Int) -> Int { x * 2 }
}

fn unit() -> String { "top" }

module inner {
    fn unit() -> String { "inner" }
    pub fn which() -> String { unit() }
}

use geometry::area
use text::{shout, whisper}
use colors::*
use maths::double as twice
use std::collections
use std::collections::HashMap;
import geometry::SIDES;
use text::Label

fn main() {
    println(area(3, 4), geometry::perimeter(3, 4), geometry::scaled_area(1, 2))
    println(shout("hey"), whisper("QUIET"))
    println(red(), green())
    println(twice(21), maths::double(4))
    println(SIDES, geometry::SIDES)
    println(inner::which(), unit())
    let l = Label { text: "tag" }
    println(l, l.text)
}
