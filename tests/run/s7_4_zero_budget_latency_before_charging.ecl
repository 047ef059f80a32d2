@requires(energy: 5J, latency: 0ms)
fn never() { }
@requires(energy: 1J)
fn caller() { never() }
fn main() { caller() }
