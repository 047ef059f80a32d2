// A library-style file without `main`: it is checked, and running it prints nothing.
pub fn clamp(x: Int, lo: Int, hi: Int) -> Int { max(lo, min(x, hi)) }

pub const VERSION: String = "1.0"

pub struct Config { verbose: Bool, level: Int }

impl Config {
    fn default() -> Config { Config { verbose: false, level: clamp(7, 0, 5) } }
}

pub def banner() -> String
    @requires: energy < 1J
{
    "lib " + VERSION
}
