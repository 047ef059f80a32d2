@requires(network: 5s)
fn send() { }
