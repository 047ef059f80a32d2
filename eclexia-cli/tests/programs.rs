//! Example and test programs through the CLI (placeholder until the runner lands).
fn main() {}
