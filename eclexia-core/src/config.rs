//! Host configuration (ARCHITECTURE §7): three optional TOML files in a configuration folder,
//! every key optional with an embedded default, and secrets from the environment.
//!
//! - `resource-budgets.toml` — a table per resource (`energy`, `time`, `carbon`, `memory`,
//!   `network`, `compute`) with `budget`, `window`, `shadow_price_base`,
//!   `shadow_price_multiplier`.
//! - `carbon-config.toml` — `[sources] primary, fallback, max_age`, one table per source
//!   (`[static]`, `[electricitymaps]`, `[watttime]`) and `[carbon_price] base_price,
//!   currency`.
//! - `adaptive-config.toml` — `[selection]`, `[optimization]`, `[constraints]`.
//!
//! Amounts go through the one unit table ([`crate::price::parse_amount`]). Unknown keys and
//! bad values are errors that name the file, the key and the expected form:
//!
//! ```
//! use eclexia_core::config::Config;
//! let err = Config::from_texts(Some("[energy]\nbudget = \"10s\"\n"), None, None).unwrap_err();
//! assert_eq!(
//!     err.to_string(),
//!     r#"resource-budgets.toml: energy.budget: expected an energy amount such as "100J", found "10s""#
//! );
//! let ok = Config::from_texts(Some("[energy]\nbudget = \"10kJ\"\n"), None, None).unwrap();
//! assert_eq!(ok.resources[0].budget, Some(10_000.0));
//! ```
//!
//! Secrets (`ELECTRICITYMAPS_API_KEY`, `WATTTIME_USERNAME`, `WATTTIME_PASSWORD`, each also as
//! `*_FILE` naming a file that holds it) are never read from the TOML files and never
//! printed: [`Secret`]'s `Debug` and `Display` show `<redacted>`.

use std::fmt;
use std::path::{Path, PathBuf};

use toml::{Table, Value};

use crate::price::{
    AmountError, MarketSettings, PerResource, PriceBook, RESOURCE_COUNT, ResourceVec, parse_amount,
};
use crate::units::{Quantity, Resource};

/// `resource-budgets.toml`.
pub const RESOURCE_BUDGETS_FILE: &str = "resource-budgets.toml";
/// `carbon-config.toml`.
pub const CARBON_CONFIG_FILE: &str = "carbon-config.toml";
/// `adaptive-config.toml`.
pub const ADAPTIVE_CONFIG_FILE: &str = "adaptive-config.toml";
/// Environment variable naming the configuration folder.
pub const CONFIG_DIR_ENV: &str = "ECLEXIA_CONFIG_DIR";
/// The configuration folder when [`CONFIG_DIR_ENV`] is unset.
pub const DEFAULT_CONFIG_DIR: &str = "/etc/eclexia";
/// Default ElectricityMaps API base.
pub const ELECTRICITYMAPS_DEFAULT_URL: &str = "https://api.electricitymaps.com/v3";
/// Default WattTime API base.
pub const WATTTIME_DEFAULT_URL: &str = "https://api.watttime.org";

/// A configuration error: which file, which key, what was expected.
#[derive(Clone, Debug, PartialEq, Eq, thiserror::Error)]
#[error("{file}: {}{message}", if key.is_empty() { String::new() } else { format!("{key}: ") })]
pub struct ConfigError {
    /// The file (or environment variable) at fault.
    pub file: String,
    /// Dotted key path inside the file; empty for file-level errors.
    pub key: String,
    /// What was expected and what was found.
    pub message: String,
}

impl ConfigError {
    fn new(file: &str, key: &str, message: impl Into<String>) -> ConfigError {
        ConfigError {
            file: file.to_string(),
            key: key.to_string(),
            message: message.into(),
        }
    }
}

/// A secret value (API key, password). Never shown by `Debug` or `Display`.
///
/// ```
/// use eclexia_core::config::Secret;
/// let s = Secret::new("hunter2");
/// assert_eq!(format!("{s:?} {s}"), "<redacted> <redacted>");
/// assert_eq!(s.expose(), "hunter2");
/// ```
#[derive(Clone, PartialEq, Eq)]
pub struct Secret(String);

impl Secret {
    /// Wraps a secret.
    pub fn new(value: impl Into<String>) -> Secret {
        Secret(value.into())
    }

    /// The secret itself, for the one place that sends it.
    pub fn expose(&self) -> &str {
        &self.0
    }
}

impl fmt::Debug for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

impl fmt::Display for Secret {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("<redacted>")
    }
}

/// Credentials of the carbon sources, from the environment.
#[derive(Clone, Debug, Default, PartialEq, Eq)]
pub struct Secrets {
    /// `ELECTRICITYMAPS_API_KEY`.
    pub electricitymaps_api_key: Option<Secret>,
    /// `WATTTIME_USERNAME`.
    pub watttime_username: Option<Secret>,
    /// `WATTTIME_PASSWORD`.
    pub watttime_password: Option<Secret>,
}

impl Secrets {
    /// Reads the process environment.
    pub fn from_env() -> Result<Secrets, ConfigError> {
        Secrets::from_lookup(|k| std::env::var(k).ok())
    }

    /// Reads through `lookup` (tests pass a map). `NAME_FILE` names a file holding the
    /// value (trailing line breaks removed); setting both `NAME` and `NAME_FILE` is an error.
    pub fn from_lookup(lookup: impl Fn(&str) -> Option<String>) -> Result<Secrets, ConfigError> {
        let get = |name: &str| -> Result<Option<Secret>, ConfigError> {
            let file_var = format!("{name}_FILE");
            match (lookup(name), lookup(&file_var)) {
                (Some(_), Some(_)) => Err(ConfigError::new(
                    name,
                    "",
                    format!("both {name} and {file_var} are set; set one"),
                )),
                (Some(v), None) if !v.is_empty() => Ok(Some(Secret(v))),
                (Some(_), None) | (None, None) => Ok(None),
                (None, Some(path)) => {
                    let text = std::fs::read_to_string(&path).map_err(|e| {
                        ConfigError::new(&file_var, "", format!("cannot read '{path}': {e}"))
                    })?;
                    let v = text.trim_end_matches(['\n', '\r']).to_string();
                    Ok((!v.is_empty()).then_some(Secret(v)))
                }
            }
        };
        Ok(Secrets {
            electricitymaps_api_key: get("ELECTRICITYMAPS_API_KEY")?,
            watttime_username: get("WATTTIME_USERNAME")?,
            watttime_password: get("WATTTIME_PASSWORD")?,
        })
    }
}

/// One resource's table of `resource-budgets.toml`.
#[derive(Clone, Copy, Debug, PartialEq)]
pub struct ResourceConfig {
    /// Budget per window in canonical units; `None` is unlimited (the default).
    pub budget: Option<f64>,
    /// Window in seconds after which usage resets; `None` never resets. Default 3600.
    pub window: Option<f64>,
    /// `base_r` (default from LANGUAGE §9.2).
    pub shadow_price_base: f64,
    /// `mult_r` (default 4.0).
    pub shadow_price_multiplier: f64,
}

/// A carbon intensity source.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum SourceKind {
    /// A configured constant (`[static] intensity`).
    Static,
    /// ElectricityMaps v3.
    ElectricityMaps,
    /// WattTime v3.
    WattTime,
}

impl SourceKind {
    /// The configuration name.
    pub fn name(self) -> &'static str {
        match self {
            SourceKind::Static => "static",
            SourceKind::ElectricityMaps => "electricitymaps",
            SourceKind::WattTime => "watttime",
        }
    }

    fn parse(s: &str) -> Option<SourceKind> {
        Some(match s {
            "static" => SourceKind::Static,
            "electricitymaps" | "electricity_maps" => SourceKind::ElectricityMaps,
            // `wattime` is how earlier sample files spell it.
            "watttime" | "wattime" => SourceKind::WattTime,
            _ => return None,
        })
    }
}

/// Settings of an HTTP carbon source.
#[derive(Clone, Debug, PartialEq)]
pub struct HttpSourceConfig {
    /// API base URL (or the full endpoint URL; the client derives the base).
    pub api_url: String,
    /// Zone (ElectricityMaps) or region (WattTime).
    pub area: Option<String>,
    /// TTL of a fetched value, seconds (default 300).
    pub refresh_interval: f64,
    /// Whole-request timeout, seconds (default 10).
    pub timeout: f64,
    /// Connection timeout, seconds (default 5).
    pub connect_timeout: f64,
}

impl HttpSourceConfig {
    fn with_url(url: &str) -> HttpSourceConfig {
        HttpSourceConfig {
            api_url: url.to_string(),
            area: None,
            refresh_interval: 300.0,
            timeout: 10.0,
            connect_timeout: 5.0,
        }
    }
}

/// `carbon-config.toml`.
#[derive(Clone, Debug, PartialEq)]
pub struct CarbonConfig {
    /// First source asked.
    pub primary: SourceKind,
    /// Asked when the primary fails.
    pub fallback: Option<SourceKind>,
    /// Age in seconds after which a carbon value counts as stale (default 3600).
    pub max_age: f64,
    /// The static intensity, gCO2e/kWh (default 400, LANGUAGE §9.2).
    pub static_intensity: f64,
    /// ElectricityMaps settings.
    pub electricitymaps: HttpSourceConfig,
    /// WattTime settings.
    pub watttime: HttpSourceConfig,
    /// Carbon price per gram from `[carbon_price] base_price` (given per tonne).
    pub carbon_price_per_gram: Option<f64>,
    /// Currency label of prices (default `USD`).
    pub currency: String,
}

impl Default for CarbonConfig {
    fn default() -> Self {
        CarbonConfig {
            primary: SourceKind::Static,
            fallback: None,
            max_age: 3600.0,
            static_intensity: crate::price::DEFAULT_CARBON_INTENSITY,
            electricitymaps: HttpSourceConfig::with_url(ELECTRICITYMAPS_DEFAULT_URL),
            watttime: HttpSourceConfig::with_url(WATTTIME_DEFAULT_URL),
            carbon_price_per_gram: None,
            currency: "USD".to_string(),
        }
    }
}

/// `adaptive-config.toml`.
#[derive(Clone, Debug, PartialEq)]
pub struct AdaptiveConfig {
    /// `[selection] algorithm`. Selection always follows LANGUAGE §8.4; the value is kept
    /// for hosts and reports (`shadow_price`, `branch_and_bound`, `greedy`, `exhaustive`).
    pub algorithm: String,
    /// `[selection] max_iterations` (default 1000).
    pub max_iterations: u64,
    /// `[selection] timeout`, seconds (default 0.1).
    pub timeout: f64,
    /// `[optimization] objective`: default weights for requests without an objective.
    pub objective: Option<Resource>,
    /// `[optimization] cost_function` (only `shadow_price_weighted`).
    pub cost_function: String,
    /// `[constraints] enforce_budget` (default true).
    pub enforce_budget: bool,
    /// `[constraints] allow_graceful_degradation` (default true). An adaptive call never
    /// runs an infeasible solution (LANGUAGE §8.5); hosts may use this to answer with a
    /// degraded service instead of an error.
    pub allow_graceful_degradation: bool,
}

impl Default for AdaptiveConfig {
    fn default() -> Self {
        AdaptiveConfig {
            algorithm: "shadow_price".to_string(),
            max_iterations: 1000,
            timeout: 0.1,
            objective: None,
            cost_function: "shadow_price_weighted".to_string(),
            enforce_budget: true,
            allow_graceful_degradation: true,
        }
    }
}

impl AdaptiveConfig {
    /// The weights `w_r` (§8.4) of the configured objective: `minimize_cost` weighs every
    /// resource, `minimize_<r>` only r.
    pub fn weights(&self) -> ResourceVec {
        match self.objective {
            None => [1.0; RESOURCE_COUNT],
            Some(r) => {
                let mut w = [0.0; RESOURCE_COUNT];
                w[r.index()] = 1.0;
                w
            }
        }
    }
}

/// The whole configuration.
#[derive(Clone, Debug, PartialEq)]
pub struct Config {
    /// Per resource, in [`Resource::ALL`] order.
    pub resources: [ResourceConfig; RESOURCE_COUNT],
    /// Carbon sources and price.
    pub carbon: CarbonConfig,
    /// Adaptive selection settings.
    pub adaptive: AdaptiveConfig,
}

impl Default for Config {
    fn default() -> Self {
        let book = PriceBook::default();
        Config {
            resources: std::array::from_fn(|i| ResourceConfig {
                budget: None,
                window: Some(crate::price::DEFAULT_WINDOW_SECONDS),
                shadow_price_base: book.base[i],
                shadow_price_multiplier: book.multiplier[i],
            }),
            carbon: CarbonConfig::default(),
            adaptive: AdaptiveConfig::default(),
        }
    }
}

impl Config {
    /// The folder named by `ECLEXIA_CONFIG_DIR`, else `/etc/eclexia`.
    pub fn default_dir() -> PathBuf {
        std::env::var_os(CONFIG_DIR_ENV)
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from(DEFAULT_CONFIG_DIR))
    }

    /// Loads the three files from `dir`; a missing file (or folder) means its defaults.
    pub fn load_dir(dir: &Path) -> Result<Config, ConfigError> {
        let read = |name: &str| -> Result<Option<String>, ConfigError> {
            match std::fs::read_to_string(dir.join(name)) {
                Ok(t) => Ok(Some(t)),
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => Ok(None),
                Err(e) => Err(ConfigError::new(name, "", format!("cannot read: {e}"))),
            }
        };
        let budgets = read(RESOURCE_BUDGETS_FILE)?;
        let carbon = read(CARBON_CONFIG_FILE)?;
        let adaptive = read(ADAPTIVE_CONFIG_FILE)?;
        Config::from_texts(budgets.as_deref(), carbon.as_deref(), adaptive.as_deref())
    }

    /// Builds a configuration from the texts of the three files (`None`: file absent).
    pub fn from_texts(
        resource_budgets: Option<&str>,
        carbon_config: Option<&str>,
        adaptive_config: Option<&str>,
    ) -> Result<Config, ConfigError> {
        let mut cfg = Config::default();
        let mut carbon_base_set = false;
        if let Some(text) = resource_budgets {
            carbon_base_set = parse_budgets(text, &mut cfg)?;
        }
        if let Some(text) = carbon_config {
            parse_carbon(text, &mut cfg.carbon)?;
        }
        if let Some(per_gram) = cfg.carbon.carbon_price_per_gram {
            if carbon_base_set {
                return Err(ConfigError::new(
                    CARBON_CONFIG_FILE,
                    "carbon_price.base_price",
                    format!(
                        "the carbon price is also set as carbon.shadow_price_base in {RESOURCE_BUDGETS_FILE}; set it in one place"
                    ),
                ));
            }
            cfg.resources[Resource::Carbon.index()].shadow_price_base = per_gram;
        }
        if let Some(text) = adaptive_config {
            parse_adaptive(text, &mut cfg.adaptive)?;
        }
        Ok(cfg)
    }

    /// The price book of LANGUAGE §9.2 with the configured overrides.
    pub fn price_book(&self) -> PriceBook {
        PriceBook {
            base: self.resources.map(|r| r.shadow_price_base),
            multiplier: self.resources.map(|r| r.shadow_price_multiplier),
        }
    }

    /// Settings for a [`crate::price::Market`].
    pub fn market_settings(&self) -> MarketSettings {
        MarketSettings {
            budgets: PerResource::from_array(self.resources.map(|r| r.budget)),
            windows: PerResource::from_array(self.resources.map(|r| r.window)),
            price_book: self.price_book(),
            carbon_intensity: self.carbon.static_intensity,
        }
    }
}

fn parse_file(file: &str, text: &str) -> Result<Table, ConfigError> {
    text.parse::<Table>().map_err(|e| {
        let msg = e.message().to_string();
        let at = e
            .span()
            .map(|s| {
                let line = text[..s.start.min(text.len())].matches('\n').count() + 1;
                format!("line {line}: ")
            })
            .unwrap_or_default();
        ConfigError::new(file, "", format!("{at}invalid TOML: {msg}"))
    })
}

fn describe(v: &Value) -> String {
    match v {
        Value::String(s) => format!("\"{s}\""),
        Value::Table(_) => "a table".to_string(),
        Value::Array(_) => "an array".to_string(),
        other => other.to_string(),
    }
}

fn check_keys(file: &str, prefix: &str, t: &Table, allowed: &[&str]) -> Result<(), ConfigError> {
    for key in t.keys() {
        if !allowed.contains(&key.as_str()) {
            let path = if prefix.is_empty() {
                key.clone()
            } else {
                format!("{prefix}.{key}")
            };
            return Err(ConfigError::new(
                file,
                &path,
                format!("unknown key (expected one of: {})", allowed.join(", ")),
            ));
        }
    }
    Ok(())
}

fn as_table<'v>(file: &str, key: &str, v: &'v Value) -> Result<&'v Table, ConfigError> {
    v.as_table().ok_or_else(|| {
        ConfigError::new(
            file,
            key,
            format!("expected a table, found {}", describe(v)),
        )
    })
}

fn number(file: &str, key: &str, v: &Value, min: f64, what: &str) -> Result<f64, ConfigError> {
    let x = match v {
        Value::Float(f) => *f,
        Value::Integer(i) => *i as f64,
        other => {
            return Err(ConfigError::new(
                file,
                key,
                format!("expected {what}, found {}", describe(other)),
            ));
        }
    };
    if x.is_finite() && x >= min {
        Ok(x)
    } else {
        Err(ConfigError::new(
            file,
            key,
            format!("expected {what}, found {x}"),
        ))
    }
}

fn string<'v>(file: &str, key: &str, v: &'v Value, what: &str) -> Result<&'v str, ConfigError> {
    v.as_str().ok_or_else(|| {
        ConfigError::new(file, key, format!("expected {what}, found {}", describe(v)))
    })
}

fn boolean(file: &str, key: &str, v: &Value) -> Result<bool, ConfigError> {
    v.as_bool().ok_or_else(|| {
        ConfigError::new(
            file,
            key,
            format!("expected true or false, found {}", describe(v)),
        )
    })
}

/// A resource amount: a unit string, a number in canonical units, or `"unlimited"`.
fn amount(file: &str, key: &str, r: Resource, v: &Value) -> Result<Option<f64>, ConfigError> {
    let err = |e: AmountError| ConfigError::new(file, key, e.to_string());
    match v {
        Value::String(s) if s == "unlimited" => Ok(None),
        Value::String(s) => parse_amount(r, s).map(Some).map_err(err),
        Value::Integer(_) | Value::Float(_) => {
            number(file, key, v, 0.0, "an amount >= 0").map(Some)
        }
        other => Err(ConfigError::new(
            file,
            key,
            format!(
                "expected {} such as \"{}\", found {}",
                crate::price::resource_kind(r),
                crate::price::resource_amount_example(r),
                describe(other)
            ),
        )),
    }
}

/// A duration: a time string (`"300s"`, `"5min"`) or a number of seconds, `> 0`.
fn duration(file: &str, key: &str, v: &Value) -> Result<f64, ConfigError> {
    let bad = || {
        ConfigError::new(
            file,
            key,
            format!(
                "expected a duration such as \"300s\", found {}",
                describe(v)
            ),
        )
    };
    let secs = match v {
        Value::String(s) => match Quantity::parse(s) {
            Ok(q) if q.dim == Resource::Time.dim() || q.dim.is_dimensionless() => q.value,
            _ => return Err(bad()),
        },
        Value::Integer(i) => *i as f64,
        Value::Float(f) => *f,
        _ => return Err(bad()),
    };
    if secs.is_finite() && secs > 0.0 {
        Ok(secs)
    } else {
        Err(bad())
    }
}

fn url(file: &str, key: &str, v: &Value) -> Result<String, ConfigError> {
    let s = string(file, key, v, "a URL such as \"https://api.example.org/v3\"")?;
    if (s.starts_with("http://") || s.starts_with("https://")) && !s.contains(char::is_whitespace) {
        Ok(s.trim_end_matches('/').to_string())
    } else {
        Err(ConfigError::new(
            file,
            key,
            format!("expected an http:// or https:// URL, found \"{s}\""),
        ))
    }
}

/// Returns whether the carbon base price was set here.
fn parse_budgets(text: &str, cfg: &mut Config) -> Result<bool, ConfigError> {
    let f = RESOURCE_BUDGETS_FILE;
    let top = parse_file(f, text)?;
    check_keys(
        f,
        "",
        &top,
        &["energy", "time", "carbon", "memory", "network", "compute"],
    )?;
    let mut carbon_base_set = false;
    for (name, v) in &top {
        let r = Resource::from_name(name).unwrap_or(Resource::Energy);
        let t = as_table(f, name, v)?;
        check_keys(
            f,
            name,
            t,
            &[
                "budget",
                "window",
                "shadow_price_base",
                "shadow_price_multiplier",
            ],
        )?;
        let rc = &mut cfg.resources[r.index()];
        for (k, v) in t {
            let key = format!("{name}.{k}");
            match k.as_str() {
                "budget" => rc.budget = amount(f, &key, r, v)?,
                "window" => {
                    rc.window = match v {
                        Value::String(s) if s == "none" => None,
                        _ => Some(duration(f, &key, v)?),
                    }
                }
                "shadow_price_base" => {
                    rc.shadow_price_base =
                        number(f, &key, v, 0.0, "a price >= 0 per canonical unit")?;
                    carbon_base_set |= r == Resource::Carbon;
                }
                _ => {
                    rc.shadow_price_multiplier = number(f, &key, v, 1.0, "a multiplier >= 1")?;
                }
            }
        }
    }
    Ok(carbon_base_set)
}

fn parse_source_kind(f: &str, key: &str, v: &Value) -> Result<SourceKind, ConfigError> {
    let s = string(
        f,
        key,
        v,
        "a source name (static, electricitymaps or watttime)",
    )?;
    SourceKind::parse(s).ok_or_else(|| {
        ConfigError::new(
            f,
            key,
            format!("expected static, electricitymaps or watttime, found \"{s}\""),
        )
    })
}

fn parse_carbon(text: &str, c: &mut CarbonConfig) -> Result<(), ConfigError> {
    let f = CARBON_CONFIG_FILE;
    let top = parse_file(f, text)?;
    check_keys(
        f,
        "",
        &top,
        &[
            "sources",
            "static",
            "electricitymaps",
            "watttime",
            "wattime",
            "carbon_price",
        ],
    )?;
    if top.contains_key("watttime") && top.contains_key("wattime") {
        return Err(ConfigError::new(
            f,
            "wattime",
            "both [watttime] and [wattime] are present; keep [watttime]",
        ));
    }
    for (name, v) in &top {
        let t = as_table(f, name, v)?;
        match name.as_str() {
            "sources" => {
                check_keys(f, name, t, &["primary", "fallback", "max_age"])?;
                for (k, v) in t {
                    let key = format!("sources.{k}");
                    match k.as_str() {
                        "primary" => c.primary = parse_source_kind(f, &key, v)?,
                        "fallback" => {
                            c.fallback = match v.as_str() {
                                Some("none") => None,
                                _ => Some(parse_source_kind(f, &key, v)?),
                            }
                        }
                        _ => c.max_age = duration(f, &key, v)?,
                    }
                }
            }
            "static" => {
                check_keys(f, name, t, &["intensity"])?;
                if let Some(v) = t.get("intensity") {
                    c.static_intensity =
                        number(f, "static.intensity", v, 0.0, "gCO2e/kWh as a number >= 0")?;
                }
            }
            "electricitymaps" | "watttime" | "wattime" => {
                let (area_key, src) = if name == "electricitymaps" {
                    ("zone", &mut c.electricitymaps)
                } else {
                    ("region", &mut c.watttime)
                };
                check_keys(
                    f,
                    name,
                    t,
                    &[
                        "api_url",
                        area_key,
                        "refresh_interval",
                        "timeout",
                        "connect_timeout",
                    ],
                )?;
                for (k, v) in t {
                    let key = format!("{name}.{k}");
                    match k.as_str() {
                        "api_url" => src.api_url = url(f, &key, v)?,
                        "refresh_interval" => src.refresh_interval = duration(f, &key, v)?,
                        "timeout" => src.timeout = duration(f, &key, v)?,
                        "connect_timeout" => src.connect_timeout = duration(f, &key, v)?,
                        _ => {
                            let s =
                                string(f, &key, v, "a grid zone or region name such as \"DE\"")?;
                            if s.is_empty() {
                                return Err(ConfigError::new(f, &key, "expected a non-empty name"));
                            }
                            src.area = Some(s.to_string());
                        }
                    }
                }
            }
            _ => {
                check_keys(f, name, t, &["base_price", "currency"])?;
                for (k, v) in t {
                    let key = format!("carbon_price.{k}");
                    if k == "base_price" {
                        // Given per tonne CO2e; the price book is per gram (LANGUAGE §9.2).
                        let per_t = number(f, &key, v, 0.0, "a price per tonne CO2e >= 0")?;
                        c.carbon_price_per_gram = Some(per_t / 1e6);
                    } else {
                        let s = string(f, &key, v, "a currency code such as \"USD\"")?;
                        if s.len() != 3 || !s.chars().all(|ch| ch.is_ascii_uppercase()) {
                            return Err(ConfigError::new(
                                f,
                                &key,
                                format!(
                                    "expected a three-letter currency code such as \"USD\", found \"{s}\""
                                ),
                            ));
                        }
                        c.currency = s.to_string();
                    }
                }
            }
        }
    }
    Ok(())
}

fn parse_adaptive(text: &str, a: &mut AdaptiveConfig) -> Result<(), ConfigError> {
    let f = ADAPTIVE_CONFIG_FILE;
    let top = parse_file(f, text)?;
    check_keys(f, "", &top, &["selection", "optimization", "constraints"])?;
    for (name, v) in &top {
        let t = as_table(f, name, v)?;
        match name.as_str() {
            "selection" => {
                check_keys(f, name, t, &["algorithm", "max_iterations", "timeout"])?;
                for (k, v) in t {
                    let key = format!("selection.{k}");
                    match k.as_str() {
                        "algorithm" => {
                            const ALGOS: [&str; 4] =
                                ["shadow_price", "branch_and_bound", "greedy", "exhaustive"];
                            let s = string(f, &key, v, "an algorithm name")?;
                            if !ALGOS.contains(&s) {
                                return Err(ConfigError::new(
                                    f,
                                    &key,
                                    format!("expected one of {}, found \"{s}\"", ALGOS.join(", ")),
                                ));
                            }
                            a.algorithm = s.to_string();
                        }
                        "max_iterations" => {
                            a.max_iterations = match v.as_integer() {
                                Some(n) if n >= 1 => n as u64,
                                _ => {
                                    return Err(ConfigError::new(
                                        f,
                                        &key,
                                        format!("expected an integer >= 1, found {}", describe(v)),
                                    ));
                                }
                            }
                        }
                        _ => a.timeout = duration(f, &key, v)?,
                    }
                }
            }
            "optimization" => {
                check_keys(f, name, t, &["objective", "cost_function"])?;
                for (k, v) in t {
                    let key = format!("optimization.{k}");
                    let s = string(f, &key, v, "a name")?;
                    if k == "objective" {
                        a.objective = if s == "minimize_cost" {
                            None
                        } else {
                            Some(
                                s.strip_prefix("minimize_")
                                    .and_then(Resource::from_name)
                                    .ok_or_else(|| {
                                        ConfigError::new(
                                            f,
                                            &key,
                                            format!(
                                                "expected minimize_cost or minimize_<resource> (minimize_energy, minimize_time, …), found \"{s}\""
                                            ),
                                        )
                                    })?,
                            )
                        };
                    } else if s == "shadow_price_weighted" {
                        a.cost_function = s.to_string();
                    } else {
                        return Err(ConfigError::new(
                            f,
                            &key,
                            format!("expected \"shadow_price_weighted\", found \"{s}\""),
                        ));
                    }
                }
            }
            _ => {
                check_keys(
                    f,
                    name,
                    t,
                    &["enforce_budget", "allow_graceful_degradation"],
                )?;
                for (k, v) in t {
                    let key = format!("constraints.{k}");
                    let b = boolean(f, &key, v)?;
                    if k == "enforce_budget" {
                        a.enforce_budget = b;
                    } else {
                        a.allow_graceful_degradation = b;
                    }
                }
            }
        }
    }
    Ok(())
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn defaults_follow_the_specification() {
        let c = Config::from_texts(None, None, None).unwrap();
        assert_eq!(c.price_book(), PriceBook::default());
        assert_eq!(c.carbon.static_intensity, 400.0);
        assert_eq!(c.carbon.primary, SourceKind::Static);
        assert_eq!(c.adaptive.weights(), [1.0; 6]);
        assert!(c.resources.iter().all(|r| r.budget.is_none()));
    }

    #[test]
    fn secrets_come_from_env_or_files_and_never_print() {
        let dir = std::env::temp_dir().join(format!("eclexia-secret-{}", std::process::id()));
        std::fs::create_dir_all(&dir).unwrap();
        let pw = dir.join("pw");
        std::fs::write(&pw, "s3cret-pass\n").unwrap();
        let pw_s = pw.to_string_lossy().to_string();
        let s = Secrets::from_lookup(|k| match k {
            "ELECTRICITYMAPS_API_KEY" => Some("em-key-123".into()),
            "WATTTIME_USERNAME" => Some("alice".into()),
            "WATTTIME_PASSWORD_FILE" => Some(pw_s.clone()),
            _ => None,
        })
        .unwrap();
        assert_eq!(
            s.watttime_password.as_ref().unwrap().expose(),
            "s3cret-pass"
        );
        let shown = format!("{s:?}");
        assert!(
            !shown.contains("em-key-123") && !shown.contains("s3cret") && !shown.contains("alice")
        );
        let both = Secrets::from_lookup(|k| match k {
            "WATTTIME_PASSWORD" | "WATTTIME_PASSWORD_FILE" => Some("x".into()),
            _ => None,
        })
        .unwrap_err();
        assert_eq!(
            both.to_string(),
            "WATTTIME_PASSWORD: both WATTTIME_PASSWORD and WATTTIME_PASSWORD_FILE are set; set one"
        );
        std::fs::remove_dir_all(&dir).unwrap();
    }
}
