//! The fallback chain with TTL cache and 429 back-off (ARCHITECTURE §6).

use std::sync::Arc;

use parking_lot::Mutex;

use super::{CarbonError, CarbonReading, CarbonSource, StaticSource};
use crate::config::{CarbonConfig, Secrets, SourceKind};
use crate::price::{CarbonValue, Clock};

/// Back-off after a 429 without `Retry-After`, seconds.
const DEFAULT_BACKOFF: f64 = 60.0;

/// Where a value handed out by [`CarbonFeed::get`] came from.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum Origin {
    /// Fetched just now.
    Fresh,
    /// From the cache, younger than the source's refresh interval.
    Cached,
    /// Every source failed; the last value that was fetched successfully.
    LastGood,
    /// Every source failed and none ever answered: the configured static value.
    Static,
}

/// The value in force and how it was obtained.
#[derive(Clone, Debug, PartialEq)]
pub struct CarbonStatus {
    /// The value.
    pub reading: CarbonReading,
    /// Where it came from.
    pub origin: Origin,
    /// When it was fetched (clock seconds).
    pub fetched_at: f64,
    /// Seconds since it was fetched.
    pub age: f64,
    /// Errors met while refreshing (each names its source), oldest first.
    pub errors: Vec<String>,
}

impl CarbonStatus {
    /// The value for a [`crate::price::Market`].
    pub fn to_value(&self) -> CarbonValue {
        CarbonValue {
            intensity: self.reading.intensity,
            source: self.reading.source.clone(),
            fetched_at: self.fetched_at,
            datetime: self.reading.datetime.clone(),
            zone: self.reading.zone.clone(),
            is_estimated: self.reading.is_estimated,
        }
    }
}

#[derive(Debug)]
struct Slot {
    source: Box<dyn CarbonSource>,
    ttl: f64,
    backoff_until: f64,
}

#[derive(Debug, Default)]
struct FeedState {
    cached: Option<(CarbonReading, f64, f64)>, // reading, fetched_at, ttl
    last_good: Option<(CarbonReading, f64)>,
}

/// Primary → fallback → last good → static, with a TTL cache per source.
#[derive(Debug)]
pub struct CarbonFeed {
    slots: Mutex<Vec<Slot>>,
    state: Mutex<FeedState>,
    static_intensity: f64,
    clock: Arc<dyn Clock>,
}

impl CarbonFeed {
    /// A feed asking `sources` in order, each with its refresh interval (seconds), and
    /// falling back to `static_intensity`.
    pub fn new(
        sources: Vec<(Box<dyn CarbonSource>, f64)>,
        static_intensity: f64,
        clock: Arc<dyn Clock>,
    ) -> CarbonFeed {
        CarbonFeed {
            slots: Mutex::new(
                sources
                    .into_iter()
                    .map(|(source, ttl)| Slot {
                        source,
                        ttl,
                        backoff_until: f64::NEG_INFINITY,
                    })
                    .collect(),
            ),
            state: Mutex::new(FeedState::default()),
            static_intensity,
            clock,
        }
    }

    /// The current value: from the cache while it is fresh, else from the first source that
    /// answers, else the last good value, else the static value. Never fails.
    pub fn get(&self) -> CarbonStatus {
        let now = self.clock.now();
        // One refresh at a time: concurrent callers wait and then see the new cache.
        let mut slots = self.slots.lock();
        {
            let st = self.state.lock();
            if let Some((r, at, ttl)) = &st.cached
                && now - at < *ttl
            {
                return CarbonStatus {
                    reading: r.clone(),
                    origin: Origin::Cached,
                    fetched_at: *at,
                    age: now - at,
                    errors: Vec::new(),
                };
            }
        }
        let mut errors = Vec::new();
        for slot in slots.iter_mut() {
            if now < slot.backoff_until {
                errors.push(format!(
                    "{}: rate limited; not asked again for {:.0}s",
                    slot.source.name(),
                    slot.backoff_until - now
                ));
                continue;
            }
            match slot.source.current() {
                Ok(reading) => {
                    let mut st = self.state.lock();
                    st.cached = Some((reading.clone(), now, slot.ttl));
                    st.last_good = Some((reading.clone(), now));
                    return CarbonStatus {
                        reading,
                        origin: Origin::Fresh,
                        fetched_at: now,
                        age: 0.0,
                        errors,
                    };
                }
                Err(e) => {
                    if let CarbonError::Http {
                        status: 429,
                        retry_after,
                        ..
                    } = &e
                    {
                        slot.backoff_until =
                            now + retry_after.unwrap_or(DEFAULT_BACKOFF.max(slot.ttl));
                    }
                    errors.push(e.to_string());
                }
            }
        }
        let st = self.state.lock();
        if let Some((r, at)) = &st.last_good {
            return CarbonStatus {
                reading: r.clone(),
                origin: Origin::LastGood,
                fetched_at: *at,
                age: now - at,
                errors,
            };
        }
        let reading = StaticSource::new(self.static_intensity)
            .current()
            .unwrap_or(CarbonReading {
                intensity: self.static_intensity,
                zone: None,
                datetime: None,
                is_estimated: false,
                source: "static".to_string(),
            });
        CarbonStatus {
            reading,
            origin: Origin::Static,
            fetched_at: now,
            age: 0.0,
            errors,
        }
    }
}

/// Builds the feed described by `carbon-config.toml`: the primary and fallback sources (a
/// static source needs no entry: it is always the last resort). Returns warnings for
/// sources that cannot be used (missing credentials, or a build without `carbon-http`).
pub fn build_feed(
    cfg: &CarbonConfig,
    secrets: &Secrets,
    clock: Arc<dyn Clock>,
) -> (CarbonFeed, Vec<String>) {
    let mut sources: Vec<(Box<dyn CarbonSource>, f64)> = Vec::new();
    let mut warnings = Vec::new();
    for kind in std::iter::once(cfg.primary).chain(cfg.fallback) {
        match make_source(kind, cfg, secrets) {
            Ok(Some(s)) => sources.push(s),
            Ok(None) => break, // static: the chain ends here
            Err(e) => warnings.push(e.to_string()),
        }
    }
    (
        CarbonFeed::new(sources, cfg.static_intensity, clock),
        warnings,
    )
}

#[allow(clippy::type_complexity)]
fn make_source(
    kind: SourceKind,
    cfg: &CarbonConfig,
    secrets: &Secrets,
) -> Result<Option<(Box<dyn CarbonSource>, f64)>, CarbonError> {
    match kind {
        SourceKind::Static => Ok(None),
        #[cfg(feature = "carbon-http")]
        SourceKind::ElectricityMaps => {
            let s = super::ElectricityMaps::new(
                &cfg.electricitymaps,
                secrets.electricitymaps_api_key.clone(),
            )?;
            Ok(Some((Box::new(s), cfg.electricitymaps.refresh_interval)))
        }
        #[cfg(feature = "carbon-http")]
        SourceKind::WattTime => {
            let s = super::WattTime::new(
                &cfg.watttime,
                secrets.watttime_username.clone(),
                secrets.watttime_password.clone(),
            )?;
            Ok(Some((Box::new(s), cfg.watttime.refresh_interval)))
        }
        #[cfg(not(feature = "carbon-http"))]
        other => {
            let _ = (cfg, secrets);
            Err(CarbonError::NotConfigured {
                origin: other.name().to_string(),
                message: "this build has no HTTP support (cargo feature `carbon-http`)".to_string(),
            })
        }
    }
}
