@requires(energy: 15J) fn part() { }
@requires(energy: 25J) fn whole() { part(); part() }   // 2nd reservation: 30J > 25J
fn main() {
    println("start");
    whole();
    println("unreachable");
}
