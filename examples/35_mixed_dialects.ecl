// Both dialects in one file: def and fn, both @requires forms, merged bounds,
// long and short solutions in one adaptive function.
@requires(energy: 20J)
def mixed_prefix(x: Int) -> Int { x + 1 }

fn colon_style(x: Int) -> Int
    @requires: energy < 5J, time <= 1s
{
    x * 2
}

def paren_after(x: Int) -> Int @requires(energy: 3J, carbon: 1gCO2e,) { x - 1 }

// 30J and 25J are merged: the smaller bound (25J) applies, and the two
// reservations (20J + 5J) use it up exactly.
@requires(energy: 30J)
fn both_merged() -> Int @requires: energy < 25J {
    let r = mixed_prefix(1) + colon_style(2);
    println(resource_used(energy));
    r
}

adaptive def route(distance: Int) -> String
    @optimize(minimize energy, minimize time)
{
    @solution "walk":
        @when: distance < 2
        @provides: energy: 1J, time: 10ms
    { "walk" }
    bike @when(distance < 20) @requires(energy: 5J, time: 1s) { "bike" }
    @solution car: @provides: energy: 500J, time: 100ms { "car" }
}

fn main() {
    println(both_merged());
    println(paren_after(10))
    let trips = [1, 10, 100];
    for d in trips { println(d, route(d)); }
    let total = fold(trips, 0, |a, b| a + b)
    println(total);
}
