//! ElectricityMaps v3 and WattTime v3 over HTTP (cargo feature `carbon-http`).
//!
//! Response shapes follow the real APIs (ARCHITECTURE §6): ElectricityMaps answers
//! `{zone, carbonIntensity, datetime, updatedAt, isEstimated, …}` with `carbonIntensity` a
//! number (integer or float, possibly null); WattTime answers `{data: [{point_time,
//! value}], meta: {region, units, …}}` with values in lbs CO2/MWh. Errors arrive as
//! `{error}`, `{error, message}`, or non-JSON (an nginx HTML page); all are accepted.
//!
//! Credentials travel only in request headers; every message built here passes through
//! `redact`, so a server that echoes a credential back cannot leak it into logs.

use std::time::{Duration, Instant};

use parking_lot::Mutex;
use reqwest::blocking::{Client, Response};
use serde_json::Value;

use super::{CarbonError, CarbonReading, CarbonSource};
use crate::config::{HttpSourceConfig, Secret};

/// lbs CO2/MWh → gCO2/kWh (1 lb = 453.6 g; 1 MWh = 1000 kWh).
pub const LBS_PER_MWH_TO_G_PER_KWH: f64 = 0.4536;
/// WattTime tokens are valid for 30 minutes; renew a little earlier.
const WATTTIME_TOKEN_TTL: Duration = Duration::from_secs(29 * 60);
/// Longest server message kept in an error.
const MAX_MESSAGE: usize = 200;

fn client(cfg: &HttpSourceConfig, origin: &str) -> Result<Client, CarbonError> {
    Client::builder()
        .timeout(Duration::from_secs_f64(cfg.timeout))
        .connect_timeout(Duration::from_secs_f64(cfg.connect_timeout))
        .user_agent(concat!("eclexia/", env!("CARGO_PKG_VERSION")))
        .build()
        .map_err(|e| CarbonError::NotConfigured {
            origin: origin.to_string(),
            message: format!("cannot build the HTTP client: {}", e.without_url()),
        })
}

fn redact(text: &str, secrets: &[Option<&Secret>]) -> String {
    let mut out = text.to_string();
    for s in secrets.iter().flatten() {
        if !s.expose().is_empty() {
            out = out.replace(s.expose(), "<redacted>");
        }
    }
    out
}

fn transport(origin: &str, e: reqwest::Error, timeout: f64) -> CarbonError {
    let message = if e.is_timeout() {
        format!("timed out after {timeout}s")
    } else if e.is_connect() {
        "cannot connect".to_string()
    } else {
        // Without the URL: a URL may carry user information.
        e.without_url().to_string()
    };
    CarbonError::Transport {
        origin: origin.to_string(),
        message,
    }
}

/// The server's explanation of an error: JSON `message`, else `error`, else the `<title>`
/// of an HTML page, else the start of the body.
fn error_message(body: &str) -> String {
    if let Ok(v) = serde_json::from_str::<Value>(body) {
        for key in ["message", "error", "detail"] {
            match v.get(key) {
                Some(Value::String(s)) if !s.is_empty() => return truncate(s),
                Some(other @ (Value::Array(_) | Value::Object(_))) => {
                    return truncate(&other.to_string());
                }
                _ => {}
            }
        }
    }
    if let (Some(a), Some(b)) = (body.find("<title>"), body.find("</title>"))
        && a + 7 <= b
    {
        return truncate(body[a + 7..b].trim());
    }
    let line = body
        .lines()
        .map(str::trim)
        .find(|l| !l.is_empty())
        .unwrap_or("");
    if line.is_empty() {
        "no message".to_string()
    } else {
        truncate(line)
    }
}

fn truncate(s: &str) -> String {
    if s.chars().count() <= MAX_MESSAGE {
        s.to_string()
    } else {
        let mut t: String = s.chars().take(MAX_MESSAGE).collect();
        t.push('…');
        t
    }
}

/// Reads a response: the JSON body on 2xx, else a [`CarbonError::Http`].
fn read_json(
    origin: &str,
    resp: Response,
    timeout: f64,
    secrets: &[Option<&Secret>],
) -> Result<Value, CarbonError> {
    let status = resp.status().as_u16();
    let retry_after = resp
        .headers()
        .get(reqwest::header::RETRY_AFTER)
        .and_then(|v| v.to_str().ok())
        .and_then(|v| v.trim().parse::<f64>().ok())
        .filter(|v| v.is_finite() && *v >= 0.0);
    let body = resp.text().map_err(|e| transport(origin, e, timeout))?;
    if !(200..300).contains(&status) {
        return Err(CarbonError::Http {
            origin: origin.to_string(),
            status,
            message: redact(&error_message(&body), secrets),
            retry_after,
        });
    }
    serde_json::from_str(&body).map_err(|e| CarbonError::InvalidResponse {
        origin: origin.to_string(),
        message: format!("not JSON ({e})"),
    })
}

fn invalid(origin: &str, message: impl Into<String>) -> CarbonError {
    CarbonError::InvalidResponse {
        origin: origin.to_string(),
        message: message.into(),
    }
}

fn intensity_of(origin: &str, v: Option<&Value>, field: &str) -> Result<f64, CarbonError> {
    match v {
        Some(Value::Number(n)) => n
            .as_f64()
            .filter(|x| x.is_finite() && *x >= 0.0)
            .ok_or_else(|| invalid(origin, format!("{field} is not a non-negative number"))),
        Some(Value::Null) => Err(invalid(origin, format!("{field} is null"))),
        Some(other) => Err(invalid(origin, format!("{field} is not a number: {other}"))),
        None => Err(invalid(origin, format!("missing field {field}"))),
    }
}

/// Strips a known endpoint from a configured URL so both the API base and a full endpoint
/// URL work (`…/v3` and `…/v3/carbon-intensity/latest`).
fn base_before(url: &str, markers: &[&str]) -> String {
    let url = url.trim_end_matches('/');
    for m in markers {
        if let Some(i) = url.find(m) {
            return url[..i].to_string();
        }
    }
    url.to_string()
}

/// ElectricityMaps v3: `GET {api}/carbon-intensity/latest?zone=Z`, header `auth-token`.
pub struct ElectricityMaps {
    base: String,
    zone: Option<String>,
    api_key: Option<Secret>,
    timeout: f64,
    client: Client,
}

impl std::fmt::Debug for ElectricityMaps {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("ElectricityMaps")
            .field("base", &self.base)
            .field("zone", &self.zone)
            .field("api_key", &self.api_key)
            .finish()
    }
}

const EM: &str = "electricitymaps";

impl ElectricityMaps {
    /// A client for the configured API. Without an API key the request is sent without
    /// `auth-token` (the free tier rejects it with 401, which is reported as such).
    pub fn new(
        cfg: &HttpSourceConfig,
        api_key: Option<Secret>,
    ) -> Result<ElectricityMaps, CarbonError> {
        Ok(ElectricityMaps {
            base: base_before(&cfg.api_url, &["/carbon-intensity"]),
            zone: cfg.area.clone(),
            api_key,
            timeout: cfg.timeout,
            client: client(cfg, EM)?,
        })
    }

    fn get(&self, endpoint: &str) -> Result<Value, CarbonError> {
        let mut req = self
            .client
            .get(format!("{}/carbon-intensity/{endpoint}", self.base));
        if let Some(z) = &self.zone {
            req = req.query(&[("zone", z.as_str())]);
        }
        if let Some(k) = &self.api_key {
            req = req.header("auth-token", k.expose());
        }
        let resp = req.send().map_err(|e| transport(EM, e, self.timeout))?;
        read_json(EM, resp, self.timeout, &[self.api_key.as_ref()])
    }

    fn reading(&self, v: &Value, top: &Value) -> Result<CarbonReading, CarbonError> {
        Ok(CarbonReading {
            intensity: intensity_of(EM, v.get("carbonIntensity"), "carbonIntensity")?,
            zone: top
                .get("zone")
                .and_then(Value::as_str)
                .map(str::to_string)
                .or_else(|| self.zone.clone()),
            datetime: v
                .get("datetime")
                .and_then(Value::as_str)
                .map(str::to_string),
            is_estimated: v
                .get("isEstimated")
                .and_then(Value::as_bool)
                .unwrap_or(false),
            source: EM.to_string(),
        })
    }
}

impl CarbonSource for ElectricityMaps {
    fn name(&self) -> &str {
        EM
    }

    fn current(&self) -> Result<CarbonReading, CarbonError> {
        let v = self.get("latest")?;
        if !v.is_object() {
            return Err(invalid(EM, "expected a JSON object"));
        }
        self.reading(&v, &v)
    }

    fn forecast(&self) -> Result<Vec<CarbonReading>, CarbonError> {
        let v = self.get("forecast")?;
        let rows = v
            .get("forecast")
            .and_then(Value::as_array)
            .ok_or_else(|| invalid(EM, "missing field forecast"))?;
        rows.iter().map(|row| self.reading(row, &v)).collect()
    }
}

/// WattTime v3: `GET {base}/login` with Basic auth → token (cached ~30 min, renewed on
/// 401/403), then `GET {base}/v3/forecast?region=R&signal_type=co2_moer` with a Bearer
/// token; the first point is the current value, converted from lbs/MWh to g/kWh.
pub struct WattTime {
    base: String,
    region: Option<String>,
    username: Option<Secret>,
    password: Option<Secret>,
    timeout: f64,
    client: Client,
    token: Mutex<Option<(Secret, Instant)>>,
}

impl std::fmt::Debug for WattTime {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("WattTime")
            .field("base", &self.base)
            .field("region", &self.region)
            .field("username", &self.username)
            .field("password", &self.password)
            .field("token", &self.token.lock().as_ref().map(|_| "<redacted>"))
            .finish()
    }
}

const WT: &str = "watttime";

impl WattTime {
    /// A client for the configured API. `api_url` may be the base or any endpoint URL
    /// (`…/v2/index`, `…/v3/forecast`); the base is derived.
    pub fn new(
        cfg: &HttpSourceConfig,
        username: Option<Secret>,
        password: Option<Secret>,
    ) -> Result<WattTime, CarbonError> {
        Ok(WattTime {
            base: base_before(&cfg.api_url, &["/v2/", "/v3/", "/login"]),
            region: cfg.area.clone(),
            username,
            password,
            timeout: cfg.timeout,
            client: client(cfg, WT)?,
            token: Mutex::new(None),
        })
    }

    fn secrets(&self) -> [Option<&Secret>; 2] {
        [self.username.as_ref(), self.password.as_ref()]
    }

    fn login(&self) -> Result<Secret, CarbonError> {
        let (Some(user), Some(pass)) = (&self.username, &self.password) else {
            return Err(CarbonError::NotConfigured {
                origin: WT.to_string(),
                message: "WATTTIME_USERNAME and WATTTIME_PASSWORD are required".to_string(),
            });
        };
        let resp = self
            .client
            .get(format!("{}/login", self.base))
            .basic_auth(user.expose(), Some(pass.expose()))
            .send()
            .map_err(|e| transport(WT, e, self.timeout))?;
        let v = read_json(WT, resp, self.timeout, &self.secrets()).map_err(|e| match e {
            CarbonError::Http {
                origin,
                status,
                message,
                retry_after,
            } => CarbonError::Http {
                origin,
                status,
                message: format!("login refused: {message}"),
                retry_after,
            },
            other => other,
        })?;
        let token = v
            .get("token")
            .and_then(Value::as_str)
            .filter(|t| !t.is_empty())
            .ok_or_else(|| invalid(WT, "login response has no token"))?;
        let token = Secret::new(token);
        *self.token.lock() = Some((token.clone(), Instant::now()));
        Ok(token)
    }

    fn token(&self) -> Result<Secret, CarbonError> {
        if let Some((t, at)) = self.token.lock().as_ref()
            && at.elapsed() < WATTTIME_TOKEN_TTL
        {
            return Ok(t.clone());
        }
        self.login()
    }

    fn forecast_json(&self) -> Result<Value, CarbonError> {
        let region = self
            .region
            .as_deref()
            .ok_or_else(|| CarbonError::NotConfigured {
                origin: WT.to_string(),
                message: "no region (set watttime.region)".to_string(),
            })?;
        let send = |token: &Secret| -> Result<Value, CarbonError> {
            let resp = self
                .client
                .get(format!("{}/v3/forecast", self.base))
                .query(&[("region", region), ("signal_type", "co2_moer")])
                .bearer_auth(token.expose())
                .send()
                .map_err(|e| transport(WT, e, self.timeout))?;
            let [u, p] = self.secrets();
            read_json(WT, resp, self.timeout, &[u, p, Some(token)])
        };
        let token = self.token()?;
        match send(&token) {
            // An expired or revoked token: log in once more and retry.
            Err(CarbonError::Http {
                status: 401 | 403, ..
            }) => {
                *self.token.lock() = None;
                let token = self.login()?;
                send(&token)
            }
            other => other,
        }
    }

    fn points(&self, v: &Value) -> Result<Vec<CarbonReading>, CarbonError> {
        let meta = v.get("meta");
        let factor = match meta.and_then(|m| m.get("units")).and_then(Value::as_str) {
            None | Some("lbs_co2_per_mwh") => LBS_PER_MWH_TO_G_PER_KWH,
            Some("kg_co2_per_mwh") | Some("g_co2_per_kwh") => 1.0,
            Some(other) => {
                return Err(invalid(
                    WT,
                    format!("units \"{other}\" are not an emission rate"),
                ));
            }
        };
        let region = meta
            .and_then(|m| m.get("region"))
            .and_then(Value::as_str)
            .map(str::to_string)
            .or_else(|| self.region.clone());
        let data = v
            .get("data")
            .and_then(Value::as_array)
            .ok_or_else(|| invalid(WT, "missing field data"))?;
        if data.is_empty() {
            return Err(invalid(WT, "data is empty"));
        }
        data.iter()
            .map(|p| {
                Ok(CarbonReading {
                    intensity: intensity_of(WT, p.get("value"), "data[].value")? * factor,
                    zone: region.clone(),
                    datetime: p
                        .get("point_time")
                        .and_then(Value::as_str)
                        .map(str::to_string),
                    // A forecast (MOER model) is an estimate by nature.
                    is_estimated: true,
                    source: WT.to_string(),
                })
            })
            .collect()
    }
}

impl CarbonSource for WattTime {
    fn name(&self) -> &str {
        WT
    }

    fn current(&self) -> Result<CarbonReading, CarbonError> {
        let v = self.forecast_json()?;
        let mut points = self.points(&v)?;
        Ok(points.swap_remove(0))
    }

    fn forecast(&self) -> Result<Vec<CarbonReading>, CarbonError> {
        let v = self.forecast_json()?;
        self.points(&v)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn bases_are_derived_from_endpoint_urls() {
        assert_eq!(
            base_before(
                "https://api.electricitymaps.com/v3/carbon-intensity/latest",
                &["/carbon-intensity"]
            ),
            "https://api.electricitymaps.com/v3"
        );
        assert_eq!(
            base_before(
                "https://api.watttime.org/v2/index",
                &["/v2/", "/v3/", "/login"]
            ),
            "https://api.watttime.org"
        );
        assert_eq!(
            base_before("http://127.0.0.1:9/", &["/v3/"]),
            "http://127.0.0.1:9"
        );
    }

    #[test]
    fn error_messages_from_every_body_shape() {
        assert_eq!(
            error_message(r#"{"error":"Invalid auth-token"}"#),
            "Invalid auth-token"
        );
        assert_eq!(
            error_message(r#"{"error":"x","message":"Invalid scope"}"#),
            "Invalid scope"
        );
        assert_eq!(
            error_message("<html><head><title>403 Forbidden</title></head></html>"),
            "403 Forbidden"
        );
        assert_eq!(error_message(""), "no message");
        assert_eq!(
            redact("key abc123 here", &[Some(&Secret::new("abc123"))]),
            "key <redacted> here"
        );
    }
}
