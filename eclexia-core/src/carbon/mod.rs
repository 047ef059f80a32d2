//! Carbon intensity sources (ARCHITECTURE §6).
//!
//! A [`CarbonSource`] reports the grid's current carbon intensity in gCO2e/kWh. The
//! [`StaticSource`] (a configured constant, 400 by default — LANGUAGE §9.2) needs no
//! network, so everything works offline. With the cargo feature `carbon-http`, live
//! sources are available: [`ElectricityMaps`] (v3) and [`WattTime`] (v3), fetched with a
//! blocking HTTP client over rustls.
//!
//! A [`CarbonFeed`] puts them together the way a long-running host needs: a TTL cache
//! (`refresh_interval`), primary → fallback → last good value (with its age) → static, and
//! a back-off after HTTP 429. Errors name the source and the HTTP status; API keys and
//! passwords never appear in errors or `Debug` output.
//!
//! ```
//! use std::sync::Arc;
//! use eclexia_core::carbon::{CarbonFeed, Origin, StaticSource};
//! use eclexia_core::price::ManualClock;
//!
//! let feed = CarbonFeed::new(Vec::new(), 400.0, Arc::new(ManualClock::new(0.0)));
//! let status = feed.get();
//! assert_eq!(status.reading.intensity, 400.0);
//! assert_eq!(status.origin, Origin::Static);
//! ```

mod feed;
#[cfg(feature = "carbon-http")]
mod http;

use std::fmt;

pub use feed::{CarbonFeed, CarbonStatus, Origin, build_feed};
#[cfg(feature = "carbon-http")]
pub use http::{ElectricityMaps, LBS_PER_MWH_TO_G_PER_KWH, WattTime};

/// One carbon intensity value.
#[derive(Clone, Debug, PartialEq)]
pub struct CarbonReading {
    /// gCO2e/kWh.
    pub intensity: f64,
    /// Zone or region the value is for, when the source says.
    pub zone: Option<String>,
    /// The time the value applies to, as the source wrote it.
    pub datetime: Option<String>,
    /// Whether the source marked it as estimated.
    pub is_estimated: bool,
    /// The source's name.
    pub source: String,
}

/// Why a source could not give a value. Messages start with the source's name and never
/// contain credentials.
#[derive(Clone, Debug, PartialEq, thiserror::Error)]
pub enum CarbonError {
    /// The server answered with an error status.
    #[error("{origin}: HTTP {status}: {message}")]
    Http {
        /// Source name.
        origin: String,
        /// HTTP status code.
        status: u16,
        /// The server's message (from `message`, else `error`, else the body's text).
        message: String,
        /// `Retry-After` in seconds, when given (429).
        retry_after: Option<f64>,
    },
    /// No answer: connection refused, timeout, TLS failure.
    #[error("{origin}: request failed: {message}")]
    Transport {
        /// Source name.
        origin: String,
        /// What went wrong.
        message: String,
    },
    /// An answer that is not the documented shape.
    #[error("{origin}: invalid response: {message}")]
    InvalidResponse {
        /// Source name.
        origin: String,
        /// What is missing or wrong.
        message: String,
    },
    /// The source lacks settings or credentials.
    #[error("{origin}: not configured: {message}")]
    NotConfigured {
        /// Source name.
        origin: String,
        /// What is missing.
        message: String,
    },
}

impl CarbonError {
    /// The HTTP status, for [`CarbonError::Http`].
    pub fn status(&self) -> Option<u16> {
        match self {
            CarbonError::Http { status, .. } => Some(*status),
            _ => None,
        }
    }
}

/// A source of carbon intensity.
pub trait CarbonSource: Send + Sync + fmt::Debug {
    /// The source's name (`static`, `electricitymaps`, `watttime`).
    fn name(&self) -> &str;

    /// The current intensity.
    fn current(&self) -> Result<CarbonReading, CarbonError>;

    /// Upcoming values, when the source offers a forecast (default: only the current one).
    fn forecast(&self) -> Result<Vec<CarbonReading>, CarbonError> {
        self.current().map(|r| vec![r])
    }
}

/// A configured constant (ARCHITECTURE §6: the embedded default).
///
/// ```
/// use eclexia_core::carbon::{CarbonSource, StaticSource};
/// assert_eq!(StaticSource::new(250.0).current().unwrap().intensity, 250.0);
/// ```
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct StaticSource {
    intensity: f64,
}

impl StaticSource {
    /// A source that always reports `intensity` gCO2e/kWh.
    pub fn new(intensity: f64) -> StaticSource {
        StaticSource { intensity }
    }
}

impl CarbonSource for StaticSource {
    fn name(&self) -> &str {
        "static"
    }

    fn current(&self) -> Result<CarbonReading, CarbonError> {
        Ok(CarbonReading {
            intensity: self.intensity,
            zone: None,
            datetime: None,
            is_estimated: false,
            source: "static".to_string(),
        })
    }
}
