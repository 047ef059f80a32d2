// Prefix attributes (#[...]) and passive annotations (@defer_until, @observe) have no effect on a run.
#[test]
fn test_addition() { assert_eq(1 + 1, 2) }

#[bench]
#[ignore]
pub fn heavy() -> Int { 1 }

@defer_until(grid_clean)
fn deferred_job() -> String { "deferred ran" }

@observe
fn observed() -> Int { 7 }

@observe(energy, "verbose")
@requires(energy: 5J)
fn annotated() -> Int { 3 }

fn inline_annots() -> Int @observe @defer_until(low_carbon < 100) { 11 }

#[derive(Debug, Clone)]
struct Tagged { v: Int }

def def_annots() -> Int
    @defer_until(off_peak)
    @requires: energy < 1J
{
    5
}

fn main() {
    test_addition()
    println(deferred_job(), observed(), annotated(), heavy(), inline_annots(), def_annots())
    assert(true, "never fails")
    assert(1 < 2)
    assert_eq("a", "a", "strings match")
    println(Tagged { v: 1 })
}
