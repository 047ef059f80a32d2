//! Persistent price state (ARCHITECTURE §8): a [`Market`] snapshot in
//! `DATA_DIR/shadow-prices/`.
//!
//! File format of `market.json` — one header line, then the JSON body:
//!
//! ```text
//! eclexia-shadow-prices v1 crc32=1a2b3c4d len=1234
//! {"saved_at":…,"settings":{…},"used":{…},…}
//! ```
//!
//! The header carries the format version, the CRC-32 of the body bytes and their length,
//! so a truncated or damaged file is always detected.
//!
//! Invariants:
//! - **Atomic writes**: the body goes to a temporary file in the same folder, which is
//!   fsynced, then renamed over `market.json`, then the folder is fsynced. A crash at any
//!   point leaves either the old or the new complete file.
//! - **Never lose the good copy**: before the rename the current file is hard-linked to
//!   `market.json.bak`, so the previous good state survives even damage to the main file.
//! - **Never a crash loop**: on load, a corrupt file is moved aside as
//!   `market.json.corrupt-<unix-seconds>` and the previous good copy (or the defaults) is
//!   used, with a warning for the host to log.
//!
//! ```
//! use std::sync::Arc;
//! use eclexia_core::price::{ManualClock, Market, MarketSettings, Resource};
//! use eclexia_core::state::StateStore;
//!
//! let dir = std::env::temp_dir().join(format!("eclexia-doc-state-{}", std::process::id()));
//! let store = StateStore::new(&dir);
//! let clock = Arc::new(ManualClock::new(0.0));
//! let market = Market::with_clock(MarketSettings::default(), clock.clone());
//! market.record(Resource::Energy, 12.0).unwrap();
//! store.save(&market.snapshot()).unwrap();
//!
//! let (restored, warnings) = store.restore_market(MarketSettings::default(), clock);
//! assert!(warnings.is_empty());
//! assert_eq!(restored.prices().resources[0].used, 12.0);
//! # std::fs::remove_dir_all(&dir).unwrap();
//! ```

use std::fs::{self, File};
use std::io::Write;
use std::path::{Path, PathBuf};
use std::sync::Arc;
use std::sync::atomic::{AtomicU64, Ordering};

use serde::{Deserialize, Serialize};

use crate::price::{Clock, Market, MarketSettings, MarketSnapshot};

/// Environment variable naming the data folder.
pub const DATA_DIR_ENV: &str = "ECLEXIA_DATA_DIR";
/// The data folder when [`DATA_DIR_ENV`] is unset.
pub const DEFAULT_DATA_DIR: &str = "/var/lib/eclexia";
/// Sub-folder of the data folder holding the price state.
pub const STATE_SUBDIR: &str = "shadow-prices";
/// The state file.
pub const STATE_FILE: &str = "market.json";
/// The previous good copy.
pub const BACKUP_FILE: &str = "market.json.bak";
/// Current version of the file format.
pub const FORMAT_VERSION: u32 = 1;
const MAGIC: &str = "eclexia-shadow-prices";
const TEMP_PREFIX: &str = "market.json.tmp-";
/// `format` of the portable export.
pub const EXPORT_FORMAT: &str = "eclexia-state";

/// Why state could not be read or written.
#[derive(Debug, thiserror::Error)]
pub enum StateError {
    /// A file operation failed.
    #[error("{path}: {message}")]
    Io {
        /// The file or folder.
        path: String,
        /// The operating system's message.
        message: String,
    },
    /// The content is not valid state.
    #[error("{what}: {message}")]
    Invalid {
        /// Which input (a path, or `standard input`).
        what: String,
        /// What is wrong.
        message: String,
    },
}

fn io_err(path: &Path, e: std::io::Error) -> StateError {
    StateError::Io {
        path: path.display().to_string(),
        message: e.to_string(),
    }
}

/// Encodes a snapshot in the file format described in the module header.
pub fn encode(snapshot: &MarketSnapshot) -> Vec<u8> {
    let body = serde_json::to_vec(snapshot).unwrap_or_default();
    let crc = crc32fast::hash(&body);
    let mut out = format!(
        "{MAGIC} v{FORMAT_VERSION} crc32={crc:08x} len={}\n",
        body.len()
    )
    .into_bytes();
    out.extend_from_slice(&body);
    out
}

/// Decodes and validates a state file.
pub fn decode(bytes: &[u8]) -> Result<MarketSnapshot, String> {
    let nl = bytes
        .iter()
        .position(|&b| b == b'\n')
        .ok_or("no header line (file truncated?)")?;
    let header = std::str::from_utf8(&bytes[..nl]).map_err(|_| "header is not UTF-8")?;
    let body = &bytes[nl + 1..];
    let mut parts = header.split(' ');
    if parts.next() != Some(MAGIC) {
        return Err(format!("not an {MAGIC} file"));
    }
    let version = parts
        .next()
        .and_then(|v| v.strip_prefix('v'))
        .and_then(|v| v.parse::<u32>().ok())
        .ok_or("bad version in header")?;
    if version != FORMAT_VERSION {
        return Err(format!(
            "unsupported format version {version} (this build reads {FORMAT_VERSION})"
        ));
    }
    let crc = parts
        .next()
        .and_then(|v| v.strip_prefix("crc32="))
        .and_then(|v| u32::from_str_radix(v, 16).ok())
        .ok_or("bad checksum in header")?;
    let len = parts
        .next()
        .and_then(|v| v.strip_prefix("len="))
        .and_then(|v| v.parse::<usize>().ok())
        .ok_or("bad length in header")?;
    if body.len() != len {
        return Err(format!(
            "body is {} bytes, header says {len} (file truncated?)",
            body.len()
        ));
    }
    if crc32fast::hash(body) != crc {
        return Err("checksum mismatch".to_string());
    }
    let snap: MarketSnapshot =
        serde_json::from_slice(body).map_err(|e| format!("bad body: {e}"))?;
    snap.validate()?;
    Ok(snap)
}

/// What [`StateStore::load`] found.
#[derive(Debug, Default)]
pub struct Loaded {
    /// The restored snapshot; `None` means start from defaults.
    pub snapshot: Option<MarketSnapshot>,
    /// Things the host should log (corrupt files moved aside, backup used).
    pub warnings: Vec<String>,
}

/// The `shadow-prices/` folder of a data folder.
#[derive(Clone, Debug)]
pub struct StateStore {
    dir: PathBuf,
}

static TEMP_COUNTER: AtomicU64 = AtomicU64::new(0);

impl StateStore {
    /// The store inside `data_dir` (`data_dir/shadow-prices/`).
    pub fn new(data_dir: &Path) -> StateStore {
        StateStore {
            dir: data_dir.join(STATE_SUBDIR),
        }
    }

    /// The data folder named by `ECLEXIA_DATA_DIR`, else `/var/lib/eclexia`.
    pub fn default_data_dir() -> PathBuf {
        std::env::var_os(DATA_DIR_ENV)
            .map(PathBuf::from)
            .unwrap_or_else(|| PathBuf::from(DEFAULT_DATA_DIR))
    }

    /// Path of `market.json`.
    pub fn path(&self) -> PathBuf {
        self.dir.join(STATE_FILE)
    }

    /// Path of the previous good copy.
    pub fn backup_path(&self) -> PathBuf {
        self.dir.join(BACKUP_FILE)
    }

    /// Writes a snapshot atomically (see the module header).
    pub fn save(&self, snapshot: &MarketSnapshot) -> Result<(), StateError> {
        fs::create_dir_all(&self.dir).map_err(|e| io_err(&self.dir, e))?;
        let bytes = encode(snapshot);
        let n = TEMP_COUNTER.fetch_add(1, Ordering::Relaxed);
        let tmp = self
            .dir
            .join(format!("{TEMP_PREFIX}{}-{n}", std::process::id()));
        let result = (|| {
            let mut f = File::create(&tmp).map_err(|e| io_err(&tmp, e))?;
            f.write_all(&bytes).map_err(|e| io_err(&tmp, e))?;
            f.sync_all().map_err(|e| io_err(&tmp, e))?;
            drop(f);
            let main = self.path();
            if main.exists() {
                // Keep the current (good: only ever written by this function) copy.
                let bak_tmp = self
                    .dir
                    .join(format!("{BACKUP_FILE}.tmp-{}-{n}", std::process::id()));
                let _ = fs::remove_file(&bak_tmp);
                if fs::hard_link(&main, &bak_tmp).is_err() {
                    fs::copy(&main, &bak_tmp).map_err(|e| io_err(&bak_tmp, e))?;
                }
                fs::rename(&bak_tmp, self.backup_path()).map_err(|e| io_err(&bak_tmp, e))?;
            }
            fs::rename(&tmp, &main).map_err(|e| io_err(&main, e))?;
            sync_dir(&self.dir)
        })();
        if result.is_err() {
            let _ = fs::remove_file(&tmp);
        }
        result
    }

    /// Reads the state: `market.json`, else the previous good copy, else nothing. Corrupt
    /// files are moved aside as `*.corrupt-<unix-seconds>`; leftover temporary files of an
    /// interrupted write are removed. Only an unreadable folder is an error.
    pub fn load(&self) -> Result<Loaded, StateError> {
        let mut loaded = Loaded::default();
        let entries = match fs::read_dir(&self.dir) {
            Ok(e) => e,
            Err(e) if e.kind() == std::io::ErrorKind::NotFound => return Ok(loaded),
            Err(e) => return Err(io_err(&self.dir, e)),
        };
        for entry in entries.flatten() {
            let name = entry.file_name();
            let name = name.to_string_lossy();
            if name.starts_with(TEMP_PREFIX) || name.starts_with(&format!("{BACKUP_FILE}.tmp-")) {
                // An interrupted write: the complete file it was meant to replace is intact.
                let _ = fs::remove_file(entry.path());
            }
        }
        for path in [self.path(), self.backup_path()] {
            let bytes = match fs::read(&path) {
                Ok(b) => b,
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => continue,
                Err(e) => {
                    loaded
                        .warnings
                        .push(format!("{}: cannot read: {e}", path.display()));
                    continue;
                }
            };
            match decode(&bytes) {
                Ok(snap) => {
                    if path != self.path() {
                        loaded.warnings.push(format!(
                            "{}: restored the previous good copy",
                            path.display()
                        ));
                    }
                    loaded.snapshot = Some(snap);
                    return Ok(loaded);
                }
                Err(why) => {
                    let aside = move_aside(&path);
                    loaded.warnings.push(format!(
                        "{}: corrupt state ({why}); moved aside as {}",
                        path.display(),
                        aside
                            .map(|p| p.display().to_string())
                            .unwrap_or_else(|e| format!("<not moved: {e}>"))
                    ));
                }
            }
        }
        if loaded.snapshot.is_none() && !loaded.warnings.is_empty() {
            loaded
                .warnings
                .push("no usable price state; starting from the defaults".to_string());
        }
        Ok(loaded)
    }

    /// Restores a market, or builds one from `defaults` when there is no usable state. Never
    /// fails: problems come back as warnings for the host to log.
    pub fn restore_market(
        &self,
        defaults: MarketSettings,
        clock: Arc<dyn Clock>,
    ) -> (Market, Vec<String>) {
        let (snapshot, mut warnings) = match self.load() {
            Ok(l) => (l.snapshot, l.warnings),
            Err(e) => (None, vec![format!("{e}; starting from the defaults")]),
        };
        match snapshot.map(|s| Market::restore(&s, clock.clone())) {
            Some(Ok(m)) => (m, warnings),
            Some(Err(e)) => {
                warnings.push(format!(
                    "invalid price state ({e}); starting from the defaults"
                ));
                (Market::with_clock(defaults, clock), warnings)
            }
            None => (Market::with_clock(defaults, clock), warnings),
        }
    }

    /// The portable backup of `eclexia state export`: `{"format":"eclexia-state",
    /// "version":1,"market":{…}}`. Reads without moving anything aside.
    pub fn export_json(&self) -> Result<String, StateError> {
        let mut last_err = None;
        for path in [self.path(), self.backup_path()] {
            match fs::read(&path) {
                Ok(bytes) => match decode(&bytes) {
                    Ok(snap) => {
                        let doc = Export {
                            format: EXPORT_FORMAT.to_string(),
                            version: FORMAT_VERSION,
                            market: snap,
                        };
                        return serde_json::to_string_pretty(&doc).map_err(|e| {
                            StateError::Invalid {
                                what: path.display().to_string(),
                                message: e.to_string(),
                            }
                        });
                    }
                    Err(message) => {
                        last_err.get_or_insert(StateError::Invalid {
                            what: path.display().to_string(),
                            message,
                        });
                    }
                },
                Err(e) if e.kind() == std::io::ErrorKind::NotFound => {}
                Err(e) => {
                    last_err.get_or_insert(io_err(&path, e));
                }
            }
        }
        Err(last_err.unwrap_or_else(|| StateError::Invalid {
            what: self.path().display().to_string(),
            message: "no saved price state".to_string(),
        }))
    }

    /// Restores a portable backup (`eclexia state import`), written atomically.
    pub fn import_json(&self, text: &str) -> Result<(), StateError> {
        let bad = |message: String| StateError::Invalid {
            what: "import".to_string(),
            message,
        };
        let doc: Export = serde_json::from_str(text).map_err(|e| bad(e.to_string()))?;
        if doc.format != EXPORT_FORMAT {
            return Err(bad(format!(
                "format is \"{}\", expected \"{EXPORT_FORMAT}\"",
                doc.format
            )));
        }
        if doc.version != FORMAT_VERSION {
            return Err(bad(format!(
                "unsupported version {} (this build reads {FORMAT_VERSION})",
                doc.version
            )));
        }
        doc.market
            .validate()
            .map_err(|m| bad(format!("market.{m}")))?;
        self.save(&doc.market)
    }
}

#[derive(Serialize, Deserialize)]
#[serde(deny_unknown_fields)]
struct Export {
    format: String,
    version: u32,
    market: MarketSnapshot,
}

fn move_aside(path: &Path) -> std::io::Result<PathBuf> {
    let secs = std::time::SystemTime::now()
        .duration_since(std::time::UNIX_EPOCH)
        .map(|d| d.as_secs())
        .unwrap_or(0);
    let name = path
        .file_name()
        .map(|n| n.to_string_lossy().to_string())
        .unwrap_or_default();
    let mut target = path.with_file_name(format!("{name}.corrupt-{secs}"));
    let mut k = 1;
    while target.exists() {
        target = path.with_file_name(format!("{name}.corrupt-{secs}-{k}"));
        k += 1;
    }
    fs::rename(path, &target)?;
    if let Some(dir) = path.parent() {
        let _ = sync_dir(dir);
    }
    Ok(target)
}

fn sync_dir(dir: &Path) -> Result<(), StateError> {
    // fsync of the folder makes the rename itself durable (POSIX); not possible elsewhere.
    #[cfg(unix)]
    {
        File::open(dir)
            .and_then(|d| d.sync_all())
            .map_err(|e| io_err(dir, e))?;
    }
    #[cfg(not(unix))]
    let _ = dir;
    Ok(())
}
