@requires(time: 1s, energy: 100J)
fn big() { }
@requires(energy: 50J, time: 500ms)
fn caller() { big() }
fn main() { caller() }
