// A small energy-aware batch pipeline: structs, an adaptive step inside a budget,
// a map of results and a report. fn dialect with semicolons throughout.
struct Job { id: Int, size: Int }

enum Outcome { Done(String), Skipped { reason: String } }

// Without @optimize all resources weigh 1: the slow low-quality path costs 1s of time.
adaptive fn encode(size: Int) -> String {
    hq @when(size < 50) @requires(energy: 4J) { "hq" }
    lq @requires(energy: 2J, time: 1s) { "lq" }
}

@requires(energy: 100J)
fn run_batch(jobs: [Job]) -> HashMap<Int, Outcome> {
    let results = hashmap_new();
    for job in jobs {
        if job.size <= 0 {
            hashmap_insert(results, job.id, Skipped { reason: "empty" });
            continue;
        }
        let how = encode(job.size);
        hashmap_insert(results, job.id, Done(how));
    }
    results
}

fn summary(results: HashMap<Int, Outcome>) -> (Int, Int) {
    let mut done = 0;
    let mut skipped = 0;
    for v in hashmap_values(results) {
        match v {
            Done(_) => { done += 1; }
            Skipped { .. } => { skipped += 1; }
        }
    }
    (done, skipped)
}

fn main() {
    let jobs = [Job { id: 1, size: 10 }, Job { id: 2, size: 0 }, Job { id: 3, size: 80 }];
    let results = run_batch(jobs);
    println(results);
    let (done, skipped) = summary(results);
    println("done:", done, "skipped:", skipped);
}
