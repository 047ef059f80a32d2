//! Reading a LANGUAGE §9.7 request straight from JSON bytes into a [`PriceRequest`],
//! without building a `serde_json::Value` tree first.
//!
//! Why it exists: on the sidecar's `POST /v1/price`, building the `Value` tree (maps,
//! owned strings, numbers) and walking it was the largest user-space cost after the
//! kernel's share (see docs/PERFORMANCE.md, "Sidecar"). This reader makes one pass over
//! the bytes and allocates only the candidate list and names.
//!
//! It is strict and silent on purpose. It accepts only requests whose meaning is beyond
//! doubt — no JSON key given twice, no resource named twice (also not through an alias
//! such as `latency` for `time`), every value of the right type and in range — and on
//! anything else it gives up without saying why. The caller then takes the `Value` path
//! ([`PriceRequest::from_value`]), which stays the one authority for error messages and
//! for the edge cases refused here (a JSON key given twice keeps its last value there).
//! So the two paths cannot disagree about an error, and a property test below checks
//! that they agree on every request this reader accepts.

use std::fmt;
use std::sync::Arc;

use serde::de::{DeserializeSeed, Deserializer, Error, IgnoredAny, MapAccess, SeqAccess, Visitor};

use super::amount::parse_amount;
use super::request::{CandidateRequest, Direction, GivenFields, PriceRequest};
use super::{PriceBook, RESOURCE_COUNT};
use crate::units::Resource;

/// Decodes `bytes` as a §9.7 request, or `None` when the `Value` path must decide (any
/// error, any doubtful case).
pub(crate) fn decode_fast(bytes: &[u8]) -> Option<(PriceRequest, GivenFields)> {
    let mut de = serde_json::Deserializer::from_slice(bytes);
    let decoded = RequestSeed.deserialize(&mut de).ok()?;
    de.end().ok()?;
    Some(decoded)
}

/// The error this reader gives up with; its text is never shown (the `Value` path then
/// produces the real message).
fn refuse<E: Error>() -> E {
    E::custom("left to the Value path")
}

/// Finite and `>= min`.
fn at_least<E: Error>(x: f64, min: f64) -> Result<f64, E> {
    if x.is_finite() && x >= min {
        Ok(x)
    } else {
        Err(refuse())
    }
}

/// `DeserializeSeed` for seeds that are their own visitor, each read with the given
/// `deserialize_*` method.
macro_rules! seeds_visit_themselves {
    ($($seed:ty => $how:ident),* $(,)?) => {$(
        impl<'de> DeserializeSeed<'de> for $seed {
            type Value = <$seed as Visitor<'de>>::Value;
            fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<Self::Value, D::Error> {
                d.$how(self)
            }
        }
    )*};
}

seeds_visit_themselves!(
    Number => deserialize_any,
    Amount => deserialize_any,
    Amounts => deserialize_map,
    Objective => deserialize_any,
    ObjectivePair => deserialize_seq,
    Name => deserialize_str,
    Candidate => deserialize_map,
    Candidates => deserialize_seq,
    Book => deserialize_map,
    BookEntry => deserialize_map,
    RequestSeed => deserialize_map,
);

/// A string mapped to a `T` by a lookup (field names, resource names, directions): keys
/// are matched in place, borrowed or not, without an owned copy.
struct Pick<T>(fn(&str) -> Option<T>);

impl<'de, T> DeserializeSeed<'de> for Pick<T> {
    type Value = T;
    fn deserialize<D: Deserializer<'de>>(self, d: D) -> Result<T, D::Error> {
        d.deserialize_str(self)
    }
}

impl<T> Visitor<'_> for Pick<T> {
    type Value = T;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a known name")
    }
    fn visit_str<E: Error>(self, s: &str) -> Result<T, E> {
        (self.0)(s).ok_or_else(refuse)
    }
}

/// A JSON number as `f64`, converted as `serde_json::Value::as_f64` does.
struct Number;

impl Visitor<'_> for Number {
    type Value = f64;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a number")
    }
    fn visit_u64<E: Error>(self, v: u64) -> Result<f64, E> {
        Ok(v as f64)
    }
    fn visit_i64<E: Error>(self, v: i64) -> Result<f64, E> {
        Ok(v as f64)
    }
    fn visit_f64<E: Error>(self, v: f64) -> Result<f64, E> {
        Ok(v)
    }
}

/// One amount of resource `.0`: a unit string (`"30J"`) or a number in canonical units.
struct Amount(Resource);

impl Visitor<'_> for Amount {
    type Value = f64;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an amount")
    }
    fn visit_str<E: Error>(self, s: &str) -> Result<f64, E> {
        parse_amount(self.0, s).map_err(|_| refuse())
    }
    fn visit_u64<E: Error>(self, v: u64) -> Result<f64, E> {
        at_least(v as f64, 0.0)
    }
    fn visit_i64<E: Error>(self, v: i64) -> Result<f64, E> {
        at_least(v as f64, 0.0)
    }
    fn visit_f64<E: Error>(self, v: f64) -> Result<f64, E> {
        at_least(v, 0.0)
    }
}

/// `{"energy": "100J", …}`: one optional amount per resource, each named once.
struct Amounts;

impl<'de> Visitor<'de> for Amounts {
    type Value = [Option<f64>; RESOURCE_COUNT];
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an object of amounts")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut out = [None; RESOURCE_COUNT];
        while let Some(r) = map.next_key_seed(Pick(Resource::from_name))? {
            let amount = map.next_value_seed(Amount(r))?;
            let slot = &mut out[r.index()];
            if slot.replace(amount).is_some() {
                return Err(refuse());
            }
        }
        Ok(out)
    }
}

/// `[["minimize", "time"], …]` or `null`; an empty list means the default (`None`).
struct Objective;

impl<'de> Visitor<'de> for Objective {
    type Value = Option<Vec<(Direction, Resource)>>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("an objective")
    }
    fn visit_unit<E: Error>(self) -> Result<Self::Value, E> {
        Ok(None)
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let mut out: Vec<(Direction, Resource)> = Vec::new();
        while let Some((d, r)) = seq.next_element_seed(ObjectivePair)? {
            if out.iter().any(|(_, seen)| *seen == r) {
                return Err(refuse());
            }
            out.push((d, r));
        }
        Ok((!out.is_empty()).then_some(out))
    }
}

/// `["minimize", "time"]`: exactly two strings.
struct ObjectivePair;

impl<'de> Visitor<'de> for ObjectivePair {
    type Value = (Direction, Resource);
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a pair")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        let d = seq
            .next_element_seed(Pick(Direction::from_name))?
            .ok_or_else(refuse)?;
        let r = seq
            .next_element_seed(Pick(Resource::from_name))?
            .ok_or_else(refuse)?;
        if seq.next_element::<IgnoredAny>()?.is_some() {
            return Err(refuse());
        }
        Ok((d, r))
    }
}

/// A candidate's name, shared (`Arc<str>`) as [`CandidateRequest`] keeps it.
struct Name;

impl Visitor<'_> for Name {
    type Value = Arc<str>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a name")
    }
    fn visit_str<E: Error>(self, s: &str) -> Result<Arc<str>, E> {
        Ok(Arc::from(s))
    }
}

#[derive(Clone, Copy)]
enum CandidateField {
    Name,
    Provides,
    Eligible,
}

fn candidate_field(s: &str) -> Option<CandidateField> {
    match s {
        "name" => Some(CandidateField::Name),
        "provides" => Some(CandidateField::Provides),
        "eligible" => Some(CandidateField::Eligible),
        _ => None,
    }
}

/// One `{"name": …, "provides": {…}, "eligible": …}`; the name is required.
struct Candidate;

impl<'de> Visitor<'de> for Candidate {
    type Value = CandidateRequest;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a candidate")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let (mut name, mut provides, mut eligible) = (None, None, None);
        while let Some(field) = map.next_key_seed(Pick(candidate_field))? {
            let fresh = match field {
                CandidateField::Name => name.replace(map.next_value_seed(Name)?).is_none(),
                CandidateField::Provides => {
                    provides.replace(map.next_value_seed(Amounts)?).is_none()
                }
                CandidateField::Eligible => eligible.replace(map.next_value::<bool>()?).is_none(),
            };
            if !fresh {
                return Err(refuse());
            }
        }
        Ok(CandidateRequest {
            name: name.ok_or_else(refuse)?,
            provides: provides.unwrap_or([None; RESOURCE_COUNT]),
            eligible: eligible.unwrap_or(true),
        })
    }
}

/// The candidates, in order.
struct Candidates;

impl<'de> Visitor<'de> for Candidates {
    type Value = Vec<CandidateRequest>;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a list of candidates")
    }
    fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Self::Value, A::Error> {
        // Most requests price a handful of candidates.
        let mut out = Vec::with_capacity(4);
        while let Some(c) = seq.next_element_seed(Candidate)? {
            out.push(c);
        }
        Ok(out)
    }
}

/// `{"energy": {"base": 1.0, "multiplier": 4.0}, …}` over the §9.2 defaults.
struct Book;

impl<'de> Visitor<'de> for Book {
    type Value = PriceBook;
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a price book")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<PriceBook, A::Error> {
        let mut book = PriceBook::default();
        let mut seen = [false; RESOURCE_COUNT];
        while let Some(r) = map.next_key_seed(Pick(Resource::from_name))? {
            let i = r.index();
            if std::mem::replace(&mut seen[i], true) {
                return Err(refuse());
            }
            let (base, multiplier) = map.next_value_seed(BookEntry)?;
            if let Some(b) = base {
                book.base[i] = b;
            }
            if let Some(m) = multiplier {
                book.multiplier[i] = m;
            }
        }
        Ok(book)
    }
}

fn book_field(s: &str) -> Option<bool> {
    // `true` for the base, `false` for the multiplier.
    match s {
        "base" => Some(true),
        "multiplier" => Some(false),
        _ => None,
    }
}

/// `{"base": b, "multiplier": m}`, either optional; `b >= 0`, `m >= 1`, both finite.
struct BookEntry;

impl<'de> Visitor<'de> for BookEntry {
    type Value = (Option<f64>, Option<f64>);
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a price book entry")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let (mut base, mut multiplier) = (None, None);
        while let Some(is_base) = map.next_key_seed(Pick(book_field))? {
            let x = map.next_value_seed(Number)?;
            let (slot, min) = if is_base {
                (&mut base, 0.0)
            } else {
                (&mut multiplier, 1.0)
            };
            if slot.replace(at_least(x, min)?).is_some() {
                return Err(refuse());
            }
        }
        Ok((base, multiplier))
    }
}

#[derive(Clone, Copy)]
enum TopField {
    Budgets,
    Usage,
    Caps,
    Objective,
    Candidates,
    PriceBook,
    CarbonIntensity,
}

fn top_field(s: &str) -> Option<TopField> {
    Some(match s {
        "budgets" => TopField::Budgets,
        "usage" => TopField::Usage,
        "caps" => TopField::Caps,
        "objective" => TopField::Objective,
        "candidates" => TopField::Candidates,
        "price_book" => TopField::PriceBook,
        "carbon_intensity" => TopField::CarbonIntensity,
        _ => return None,
    })
}

/// The whole request object; `candidates` is required.
struct RequestSeed;

impl<'de> Visitor<'de> for RequestSeed {
    type Value = (PriceRequest, GivenFields);
    fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("a price request")
    }
    fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Self::Value, A::Error> {
        let mut req = PriceRequest::default();
        let mut given = GivenFields::default();
        let mut seen = 0u8;
        while let Some(field) = map.next_key_seed(Pick(top_field))? {
            let bit = 1u8 << field as u8;
            if seen & bit != 0 {
                return Err(refuse());
            }
            seen |= bit;
            match field {
                TopField::Budgets => {
                    req.budgets = map.next_value_seed(Amounts)?;
                    given.budgets = true;
                }
                TopField::Usage => {
                    req.usage = map.next_value_seed(Amounts)?.map(|a| a.unwrap_or(0.0));
                    given.usage = true;
                }
                TopField::Caps => req.caps = map.next_value_seed(Amounts)?,
                TopField::Objective => req.objective = map.next_value_seed(Objective)?,
                TopField::Candidates => {
                    req.candidates = map.next_value_seed(Candidates)?;
                }
                TopField::PriceBook => {
                    req.price_book = map.next_value_seed(Book)?;
                    given.price_book = true;
                }
                TopField::CarbonIntensity => {
                    req.carbon_intensity = at_least(map.next_value_seed(Number)?, 0.0)?;
                    given.carbon_intensity = true;
                }
            }
        }
        if seen & (1 << TopField::Candidates as u8) == 0 {
            return Err(refuse());
        }
        Ok((req, given))
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use proptest::prelude::*;
    use serde_json::Value;

    /// What the `Value` path makes of `text` (the authority).
    fn by_value(text: &str) -> Option<(PriceRequest, GivenFields)> {
        PriceRequest::decode_by_value(text.as_bytes()).ok()
    }

    const SECTION_9_7: &str = r#"{"budgets": {"energy": "100J", "time": "1s"}, "usage": {"energy": "80J"},
 "caps": {"energy": "50J"}, "objective": [["minimize", "time"]],
 "candidates": [{"name": "a", "provides": {"energy": "30J", "time": "1ms"}},
                {"name": "b", "provides": {"energy": "8J", "time": "40ms"}, "eligible": true}],
 "price_book": {"energy": {"base": 1.0, "multiplier": 4.0}}, "carbon_intensity": 400.0}"#;

    #[test]
    fn the_section_9_7_example_takes_the_fast_path_and_agrees() {
        let fast = decode_fast(SECTION_9_7.as_bytes()).expect("fast path taken");
        assert_eq!(Some(fast), by_value(SECTION_9_7));
    }

    #[test]
    fn doubtful_or_wrong_requests_are_left_to_the_value_path() {
        for text in [
            // Repeated keys: the Value path keeps the last one.
            r#"{"candidates": [], "candidates": [{"name": "a"}]}"#,
            r#"{"candidates": [{"name": "a", "name": "b"}]}"#,
            // A resource twice through an alias.
            r#"{"candidates": [], "price_book": {"time": {"base": 1}, "latency": {"base": 2}}}"#,
            r#"{"candidates": [], "usage": {"time": "1s", "latency": "2s"}}"#,
            r#"{"candidates": [], "objective": [["minimize", "time"], ["maximize", "latency"]]}"#,
            // Errors of every kind.
            r#"{"candidates": [{"name": "a", "provides": {"energy": "10s"}}]}"#,
            r#"{"candidates": [{"provides": {}}]}"#,
            r#"{"candidates": [], "carbon_intensity": -1}"#,
            r#"{"candidates": [], "price_book": {"energy": {"multiplier": 0.5}}}"#,
            r#"{"candidates": [], "objective": [["minimize", "time", "x"]]}"#,
            r#"{"candidates": [], "budgets": {"energy": -3}}"#,
            r#"{"candidates": [], "extra": 1}"#,
            r#"{"budgets": {}}"#,
            r#"{"candidates": []} trailing"#,
            "[]",
            "",
        ] {
            assert!(decode_fast(text.as_bytes()).is_none(), "{text}");
        }
    }

    #[test]
    fn null_and_empty_objectives_mean_the_default_on_both_paths() {
        for text in [
            r#"{"candidates": [], "objective": null}"#,
            r#"{"candidates": [], "objective": []}"#,
            r#"{"candidates": [{"name": "\u0061\n", "provides": {"latency": 0.5, "energy": 3}}]}"#,
        ] {
            let fast = decode_fast(text.as_bytes()).expect(text);
            assert_eq!(Some(fast), by_value(text), "{text}");
        }
    }

    /// A JSON value for an amount of `r`: usually right (a number, or a unit string of
    /// its dimension), sometimes wrong (negative, another dimension, null, overflowing).
    fn amount_json(r: Resource) -> impl Strategy<Value = String> {
        let units: Vec<&'static str> = match r {
            Resource::Energy => vec!["J", "mJ", "kWh", ""],
            Resource::Time => vec!["s", "ms", "us", ""],
            Resource::Carbon => vec!["gCO2e", "kgCO2e", ""],
            Resource::Memory => vec!["MiB", "B", "GiB", ""],
            Resource::Network => vec!["MB", "kB", ""],
            Resource::Compute => vec!["CU", ""],
        };
        prop_oneof![
            60 => (0u32..100_000, prop::sample::select(units))
                .prop_map(|(n, u)| format!("\"{}{u}\"", f64::from(n) / 8.0)),
            30 => (0u32..1_000_000).prop_map(|n| format!("{}", f64::from(n) / 16.0)),
            10 => any::<u64>().prop_map(|n| n.to_string()),
            1 => (-100i64..0).prop_map(|n| n.to_string()),
            1 => Just("null".to_string()),
            1 => Just("\"1e999J\"".to_string()),
            1 => Just("\"3s\"".to_string()),
        ]
    }

    /// A key for resource `r`: its name, or `latency` for time now and then; rarely a name
    /// no resource has.
    fn resource_key(r: Resource) -> impl Strategy<Value = &'static str> {
        let aliases = if r == Resource::Time {
            vec!["time", "latency"]
        } else {
            vec![r.name()]
        };
        prop_oneof![30 => prop::sample::select(aliases), 1 => Just("speed")]
    }

    fn any_resource() -> impl Strategy<Value = Resource> {
        prop::sample::select(Resource::ALL.to_vec())
    }

    /// `{"key": value, …}` from members in order; `None` values are left out.
    fn object<'a>(members: impl IntoIterator<Item = (&'a str, Option<String>)>) -> String {
        let body: Vec<String> = members
            .into_iter()
            .filter_map(|(k, v)| Some(format!("\"{k}\": {}", v?)))
            .collect();
        format!("{{{}}}", body.join(", "))
    }

    /// An amounts object: resources usually distinct, now and then one repeated.
    fn amounts_json() -> impl Strategy<Value = String> {
        prop::collection::vec(any_resource(), 0..5)
            .prop_flat_map(|mut rs| {
                rs.dedup();
                rs.into_iter()
                    .map(|r| (resource_key(r), amount_json(r)))
                    .collect::<Vec<_>>()
            })
            .prop_map(|pairs| object(pairs.into_iter().map(|(k, v)| (k, Some(v)))))
    }

    fn candidate_json() -> impl Strategy<Value = String> {
        (
            prop_oneof![
                6 => prop::sample::select(vec!["\"a\"", "\"b\"", "\"caf\\u00e9\"", "\"\""]),
                1 => Just("3"),
            ],
            prop::option::of(amounts_json()),
            prop::option::of(
                prop_oneof![6 => prop::sample::select(vec!["true", "false"]), 1 => Just("1")],
            ),
            prop::bool::weighted(0.95),
        )
            .prop_map(|(name, provides, eligible, named)| {
                object([
                    ("name", named.then(|| name.to_string())),
                    ("provides", provides),
                    ("eligible", eligible.map(str::to_string)),
                ])
            })
    }

    fn objective_json() -> impl Strategy<Value = String> {
        prop_oneof![
            8 => prop::collection::vec(
                (
                    prop_oneof![8 => prop::sample::select(vec!["minimize", "maximize"]), 1 => Just("keep")],
                    any_resource().prop_flat_map(resource_key),
                ),
                0..4,
            )
            .prop_map(|list| {
                let items = list
                    .iter()
                    .map(|(d, r)| format!("[\"{d}\", \"{r}\"]"))
                    .collect::<Vec<_>>();
                format!("[{}]", items.join(", "))
            }),
            1 => Just("null".to_string()),
            1 => Just("[[\"minimize\", \"time\", 1]]".to_string()),
        ]
    }

    fn price_book_json() -> impl Strategy<Value = String> {
        let entry = (
            prop::option::of(prop_oneof![8 => 0.0..10.0f64, 1 => -1.0..0.0f64]),
            prop::option::of(prop_oneof![8 => 1.0..10.0f64, 1 => 0.0..1.0f64]),
        )
            .prop_map(|(b, m)| {
                object([
                    ("base", b.map(|b| b.to_string())),
                    ("multiplier", m.map(|m| m.to_string())),
                ])
            });
        prop::collection::vec((any_resource().prop_flat_map(resource_key), entry), 0..3)
            .prop_map(|entries| object(entries.into_iter().map(|(r, e)| (r, Some(e)))))
    }

    /// A request: each field at most once (in any order), `candidates` usually present,
    /// now and then an unknown or repeated field.
    fn request_json() -> impl Strategy<Value = String> {
        (
            prop::option::of(amounts_json()),
            prop::option::of(amounts_json()),
            prop::option::of(amounts_json()),
            prop::option::of(objective_json()),
            prop::option::weighted(0.95, prop::collection::vec(candidate_json(), 0..4)),
            prop::option::of(price_book_json()),
            prop::option::of(prop_oneof![8 => 0.0..1000.0f64, 1 => -10.0..0.0f64]),
            prop_oneof![20 => Just(None), 1 => Just(Some(("extra", "1"))), 1 => Just(Some(("caps", "{}")))],
            any::<prop::sample::Index>(),
        )
            .prop_map(|(budgets, usage, caps, objective, candidates, book, intensity, odd, at)| {
                let mut members = vec![
                    ("budgets", budgets),
                    ("usage", usage),
                    ("caps", caps),
                    ("objective", objective),
                    ("candidates", candidates.map(|c| format!("[{}]", c.join(", ")))),
                    ("price_book", book),
                    ("carbon_intensity", intensity.map(|x| x.to_string())),
                ];
                members.extend(odd.map(|(k, v)| (k, Some(v.to_string()))));
                members.retain(|(_, v)| v.is_some());
                // Rotate so any field can come first: the fast path reads in text order,
                // the Value path in key order.
                if !members.is_empty() {
                    let first = at.index(members.len());
                    members.rotate_left(first);
                }
                object(members)
            })
    }

    proptest! {
        #![proptest_config(ProptestConfig::with_cases(2000))]

        /// Whatever the fast path accepts, the `Value` path reads the same way.
        #[test]
        fn the_fast_path_agrees_with_the_value_path(text in request_json()) {
            if let Some(fast) = decode_fast(text.as_bytes()) {
                prop_assert_eq!(Some(fast), by_value(&text), "{}", text);
            }
        }

        /// The two paths agree on acceptance for requests without repeated names: the fast
        /// path is not silently skipped for ordinary valid requests.
        #[test]
        fn valid_requests_without_repeats_take_the_fast_path(text in request_json()) {
            let v: Option<Value> = serde_json::from_str(&text).ok();
            let repeats = has_repeats(&text);
            if !repeats && v.as_ref().is_some_and(|v| PriceRequest::from_value(v).is_ok()) {
                prop_assert!(decode_fast(text.as_bytes()).is_some(), "{}", text);
            }
        }
    }

    /// Whether some object in `text` names a key or a resource twice (aliases included):
    /// the cases the fast path leaves to the `Value` path by design.
    fn has_repeats(text: &str) -> bool {
        fn walk(v: &Value) -> bool {
            match v {
                Value::Object(m) => {
                    let mut seen = Vec::new();
                    for k in m.keys() {
                        let key: &str = match Resource::from_name(k) {
                            Some(r) => r.name(),
                            None => k,
                        };
                        if seen.contains(&key) {
                            return true;
                        }
                        seen.push(key);
                    }
                    m.values().any(walk)
                }
                Value::Array(a) => {
                    let resources: Vec<_> = a
                        .iter()
                        .filter_map(|p| p.get(1)?.as_str().and_then(Resource::from_name))
                        .collect();
                    (1..resources.len()).any(|i| resources[..i].contains(&resources[i]))
                        || a.iter().any(walk)
                }
                _ => false,
            }
        }
        // A parsed `Value` has already merged exact duplicate keys, so count them in the
        // text's own objects by re-reading it key by key.
        exact_duplicate_keys(text) || serde_json::from_str(text).is_ok_and(|v| walk(&v))
    }

    /// Whether an object in `text` has the same key twice, read with serde's own visitor.
    fn exact_duplicate_keys(text: &str) -> bool {
        struct Dup;
        impl<'de> serde::Deserialize<'de> for Dup {
            fn deserialize<D: Deserializer<'de>>(d: D) -> Result<Dup, D::Error> {
                d.deserialize_any(DupVisitor)
            }
        }
        struct DupVisitor;
        impl<'de> Visitor<'de> for DupVisitor {
            type Value = Dup;
            fn expecting(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str("JSON")
            }
            fn visit_map<A: MapAccess<'de>>(self, mut map: A) -> Result<Dup, A::Error> {
                let mut keys = Vec::new();
                while let Some(k) = map.next_key::<String>()? {
                    if keys.contains(&k) {
                        return Err(A::Error::custom("duplicate"));
                    }
                    keys.push(k);
                    map.next_value::<Dup>()?;
                }
                Ok(Dup)
            }
            fn visit_seq<A: SeqAccess<'de>>(self, mut seq: A) -> Result<Dup, A::Error> {
                while seq.next_element::<Dup>()?.is_some() {}
                Ok(Dup)
            }
            fn visit_str<E: Error>(self, _: &str) -> Result<Dup, E> {
                Ok(Dup)
            }
            fn visit_u64<E: Error>(self, _: u64) -> Result<Dup, E> {
                Ok(Dup)
            }
            fn visit_i64<E: Error>(self, _: i64) -> Result<Dup, E> {
                Ok(Dup)
            }
            fn visit_f64<E: Error>(self, _: f64) -> Result<Dup, E> {
                Ok(Dup)
            }
            fn visit_bool<E: Error>(self, _: bool) -> Result<Dup, E> {
                Ok(Dup)
            }
            fn visit_unit<E: Error>(self) -> Result<Dup, E> {
                Ok(Dup)
            }
        }
        serde_json::from_str::<Dup>(text).is_err_and(|e| e.to_string().starts_with("duplicate"))
    }
}
