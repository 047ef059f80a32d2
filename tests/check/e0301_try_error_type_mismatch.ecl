fn parse(s: String) -> Result<Int, String> { Err(s) }

fn run(s: String) -> Result<Int, Int> {
    let v = parse(s)?
    Ok(v)
}
