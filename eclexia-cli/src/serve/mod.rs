//! `eclexia serve`: the sidecar of ARCHITECTURE §9 — probes, the pricing API, Prometheus
//! metrics, background carbon refresh and persistent price state.
//!
//! Life cycle: load the configuration (an error stops start-up with exit 1), bind both
//! listeners and print `eclexia serve: api=ADDR metrics=ADDR` on standard output (tests
//! and scripts that pass port 0 read the ports from it), restore the price state (`/ready`
//! answers 503 until then), refresh carbon and flush state in the background. On SIGTERM or
//! SIGINT `/ready` turns 503, the listeners stop accepting, in-flight requests finish
//! (bounded by [`SHUTDOWN_GRACE`]), the state is flushed and the process exits 0.
//!
//! The server is a thin layer: prices, usage, state files, carbon sources, checking and
//! evaluation are core's (`Market`, `StateStore`, `CarbonFeed`, `compile`, `Engine`).

mod api;
mod evaluate;
mod metrics;

use std::future::IntoFuture;
use std::net::SocketAddr;
use std::path::PathBuf;
use std::process::ExitCode;
use std::sync::atomic::{AtomicU8, Ordering};
use std::sync::{Arc, OnceLock};
use std::time::Duration;

use axum::http::StatusCode;
use clap::{Args, ValueEnum};
use eclexia_core::carbon::{CarbonFeed, build_feed};
use eclexia_core::config::{Config, Secrets, SourceKind};
use eclexia_core::price::{Clock, Market, SystemClock};
use eclexia_core::state::StateStore;
use tokio::sync::{Notify, Semaphore, watch};

use api::ApiError;
use evaluate::{DEFAULT_MAXIMA, EngineEvaluator, Evaluator, Maxima};
use metrics::Metrics;

/// In-flight requests get this long to finish after SIGTERM; with the final flush the
/// process is gone well within Kubernetes' default 30 s grace and the 10 s of issue #5.
const SHUTDOWN_GRACE: Duration = Duration::from_secs(8);

/// Format of the log lines on standard error.
#[derive(Clone, Copy, Debug, Default, PartialEq, Eq, ValueEnum)]
pub enum LogFormat {
    /// Human-readable lines.
    #[default]
    Text,
    /// One JSON object per line.
    Json,
}

/// Arguments of `eclexia serve`; each also comes from the environment.
#[derive(Args, Debug)]
pub struct ServeArgs {
    /// Address of the API (probes and `/v1/*`).
    #[arg(long, env = "ECLEXIA_LISTEN", default_value = "0.0.0.0:8080")]
    listen: SocketAddr,
    /// Address of the Prometheus metrics (`/metrics`).
    #[arg(long, env = "ECLEXIA_METRICS_LISTEN", default_value = "0.0.0.0:9090")]
    metrics_listen: SocketAddr,
    /// Folder with resource-budgets.toml, carbon-config.toml and adaptive-config.toml; a
    /// missing folder or file means the embedded defaults.
    #[arg(long, env = "ECLEXIA_CONFIG_DIR", default_value = "/etc/eclexia")]
    config_dir: PathBuf,
    /// Data folder; the price state lives in its `shadow-prices/` folder.
    #[arg(long, env = "ECLEXIA_DATA_DIR", default_value = "/var/lib/eclexia")]
    data_dir: PathBuf,
    /// Folder of the Eclexia standard library (for evaluations).
    #[arg(long, env = "ECLEXIA_STDLIB_PATH")]
    stdlib_path: Option<PathBuf>,
    /// Log format.
    #[arg(long, env = "ECLEXIA_LOG_FORMAT", value_enum, default_value_t)]
    log_format: LogFormat,
    /// Largest accepted request body, bytes.
    #[arg(long, env = "ECLEXIA_BODY_LIMIT", default_value_t = 1024 * 1024)]
    body_limit: usize,
    /// Time limit of one request, milliseconds.
    #[arg(long, env = "ECLEXIA_REQUEST_TIMEOUT_MS", default_value_t = 5000)]
    request_timeout_ms: u64,
    /// Seconds between state flushes.
    #[arg(long, env = "ECLEXIA_FLUSH_INTERVAL", default_value_t = 30.0)]
    flush_interval: f64,
    /// Flush the state after this many usage records as well (0: only on the timer).
    #[arg(long, env = "ECLEXIA_FLUSH_EVERY", default_value_t = 100)]
    flush_every: u64,
    /// Compilations and evaluations running at once (0: the number of CPU cores).
    #[arg(long, env = "ECLEXIA_MAX_JOBS", default_value_t = 0)]
    max_jobs: usize,
    /// Most fuel one `POST /v1/evaluate` may use (0: the default).
    #[arg(long, env = "ECLEXIA_EVAL_MAX_FUEL", default_value_t = DEFAULT_MAXIMA.fuel)]
    eval_max_fuel: u64,
    /// Deepest call stack of one evaluation (0: the default).
    #[arg(long, env = "ECLEXIA_EVAL_MAX_CALL_DEPTH", default_value_t = DEFAULT_MAXIMA.max_call_depth)]
    eval_max_call_depth: u64,
    /// Largest live-heap estimate of one evaluation, bytes (0: the default).
    #[arg(long, env = "ECLEXIA_EVAL_MAX_MEMORY", default_value_t = DEFAULT_MAXIMA.max_memory)]
    eval_max_memory: u64,
    /// Longest wall-clock time of one evaluation, milliseconds (0: the default; never
    /// more than the request timeout).
    #[arg(long, env = "ECLEXIA_EVAL_TIMEOUT_MS", default_value_t = DEFAULT_MAXIMA.timeout_ms)]
    eval_timeout_ms: u64,
}

/// Settings the routes need.
#[derive(Debug)]
struct Options {
    body_limit: usize,
    request_timeout: Duration,
    /// The standard library's text from `--stdlib-path` (else the embedded one).
    stdlib: Option<Arc<str>>,
}

impl Options {
    /// Compile options for a request's program named `file`.
    fn compile_options(&self, file: &str) -> eclexia_core::CompileOptions {
        let mut o = eclexia_core::CompileOptions::new(file);
        o.stdlib = self.stdlib.as_deref().map(str::to_owned);
        o
    }
}

const STARTING: u8 = 0;
const READY: u8 = 1;
const DRAINING: u8 = 2;

/// What every handler and background task shares.
#[derive(Debug)]
struct Shared {
    phase: AtomicU8,
    market: OnceLock<Arc<Market>>,
    metrics: Metrics,
    /// `ECLEXIA_API_TOKEN`; never logged.
    token: Option<Vec<u8>>,
    options: Options,
    /// Carbon values older than this (seconds) make the service not ready.
    carbon_max_age: f64,
    flush_every: u64,
    flush: Notify,
    jobs: Arc<Semaphore>,
    evaluator: Arc<dyn Evaluator>,
}

impl Shared {
    /// The market, or 503 while the state is being restored.
    fn market(&self) -> Result<&Arc<Market>, ApiError> {
        self.market.get().ok_or_else(|| {
            ApiError::new(
                StatusCode::SERVICE_UNAVAILABLE,
                "not_ready",
                "starting: the price state is being restored",
            )
        })
    }

    /// `Ok` when ready, else why not (the body of a 503 `/ready`).
    fn readiness(&self) -> Result<(), String> {
        match self.phase.load(Ordering::Acquire) {
            STARTING => return Err("starting: the price state is being restored".into()),
            DRAINING => return Err("shutting down".into()),
            _ => {}
        }
        let market = self.market().map_err(|e| e.message)?;
        let prices = market.prices();
        // A static value never ages; a fetched one that outlived `max_age` means every
        // live source has failed since (the feed would have replaced it otherwise).
        if prices.carbon.source != "static" && prices.carbon_age_seconds > self.carbon_max_age {
            return Err(format!(
                "carbon intensity from {} is {:.0}s old (allowed {:.0}s) and no fallback answers",
                prices.carbon.source, prices.carbon_age_seconds, self.carbon_max_age
            ));
        }
        Ok(())
    }

    /// After each usage record: every `flush_every`-th one wakes the flusher.
    fn usage_recorded(&self) {
        if self.flush_every > 0
            && let Some(m) = self.market.get()
            && m.updates() % self.flush_every == 0
        {
            self.flush.notify_one();
        }
    }

    /// Runs CPU-heavy work on a blocking thread, at most `jobs` at once; a panic becomes a
    /// 500 instead of taking the server down.
    async fn blocking<T: Send + 'static>(
        &self,
        f: impl FnOnce() -> T + Send + 'static,
    ) -> Result<T, ApiError> {
        let internal =
            |m: &str| ApiError::new(StatusCode::INTERNAL_SERVER_ERROR, "internal", m.to_string());
        let permit = self
            .jobs
            .clone()
            .acquire_owned()
            .await
            .map_err(|_| internal("the server is shutting down"))?;
        // The permit goes with the job: when a request times out, its future is dropped
        // but the job runs on, and it must go on counting against the bound.
        tokio::task::spawn_blocking(move || {
            let _permit = permit;
            f()
        })
        .await
        .map_err(|_| internal("the job failed unexpectedly"))
    }
}

/// Runs the sidecar until SIGTERM/SIGINT.
pub fn run(args: &ServeArgs) -> ExitCode {
    init_logging(args.log_format);
    let config = match Config::load_dir(&args.config_dir) {
        Ok(c) => c,
        Err(e) => {
            eprintln!("eclexia: {e}");
            return ExitCode::from(crate::EXIT_USAGE);
        }
    };
    let secrets = match Secrets::from_env() {
        Ok(s) => s,
        Err(e) => {
            eprintln!("eclexia: {e}");
            return ExitCode::from(crate::EXIT_USAGE);
        }
    };
    let runtime = match tokio::runtime::Builder::new_multi_thread()
        .enable_all()
        .build()
    {
        Ok(r) => r,
        Err(e) => {
            eprintln!("eclexia: cannot start the async runtime: {e}");
            return ExitCode::from(crate::EXIT_USAGE);
        }
    };
    let code = runtime.block_on(serve(args, config, secrets));
    // A compile or a carbon fetch still running on a blocking thread must not hold the
    // exit up: the state is already saved.
    runtime.shutdown_timeout(Duration::from_millis(500));
    code
}

/// Accepted connections get `TCP_NODELAY`: an answer is written as soon as it is ready
/// instead of waiting, under Nagle's algorithm, for the client's delayed ACK of an earlier
/// small segment (up to 40 ms on Linux).
fn no_delay(
    listener: tokio::net::TcpListener,
) -> impl axum::serve::Listener<Io = tokio::net::TcpStream, Addr = std::net::SocketAddr> {
    use axum::serve::ListenerExt as _;
    listener.tap_io(|stream| {
        if let Err(e) = stream.set_nodelay(true) {
            tracing::debug!(error = %e, "cannot set TCP_NODELAY; serving the connection anyway");
        }
    })
}

fn init_logging(format: LogFormat) {
    let builder = tracing_subscriber::fmt()
        .with_writer(std::io::stderr)
        .with_max_level(tracing::Level::INFO)
        .with_ansi(false)
        .with_target(false);
    let _ = match format {
        LogFormat::Json => builder.json().flatten_event(true).try_init(),
        LogFormat::Text => builder.try_init(),
    };
}

/// Reads the standard library from `--stdlib-path` (a folder holding `std.ecl`, or the
/// file itself); `None` keeps the library embedded in the binary.
fn load_stdlib(path: Option<&PathBuf>) -> Result<Option<Arc<str>>, String> {
    let Some(path) = path else {
        return Ok(None);
    };
    let file = if path.is_dir() {
        path.join("std.ecl")
    } else {
        path.clone()
    };
    std::fs::read_to_string(&file)
        .map(|text| Some(Arc::from(text.as_str())))
        .map_err(|e| format!("--stdlib-path: cannot read {}: {e}", file.display()))
}

async fn serve(args: &ServeArgs, config: Config, secrets: Secrets) -> ExitCode {
    // First of all: from here on SIGTERM/SIGINT are ours, so one that comes while the
    // server starts (or the instant it is ready) still ends in an orderly, flushed stop
    // instead of the default action killing the process.
    let signals = match StopSignals::install() {
        Ok(s) => s,
        Err(e) => {
            eprintln!("eclexia: cannot listen for SIGTERM/SIGINT: {e}");
            return ExitCode::from(crate::EXIT_USAGE);
        }
    };
    let stdlib = match load_stdlib(args.stdlib_path.as_ref()) {
        Ok(s) => s,
        Err(e) => {
            eprintln!("eclexia: {e}");
            return ExitCode::from(crate::EXIT_USAGE);
        }
    };
    let api_listener = match tokio::net::TcpListener::bind(args.listen).await {
        Ok(l) => l,
        Err(e) => {
            eprintln!("eclexia: cannot listen on {}: {e}", args.listen);
            return ExitCode::from(crate::EXIT_USAGE);
        }
    };
    let metrics_listener = match tokio::net::TcpListener::bind(args.metrics_listen).await {
        Ok(l) => l,
        Err(e) => {
            eprintln!("eclexia: cannot listen on {}: {e}", args.metrics_listen);
            return ExitCode::from(crate::EXIT_USAGE);
        }
    };
    let (api_addr, metrics_addr) = match (api_listener.local_addr(), metrics_listener.local_addr())
    {
        (Ok(a), Ok(m)) => (a, m),
        _ => (args.listen, args.metrics_listen),
    };
    // The documented start-up line (see the module header).
    println!("eclexia serve: api={api_addr} metrics={metrics_addr}");

    let token = std::env::var("ECLEXIA_API_TOKEN")
        .ok()
        .filter(|t| !t.is_empty())
        .map(String::into_bytes);
    let jobs = match args.max_jobs {
        0 => std::thread::available_parallelism().map_or(2, |n| n.get()),
        n => n,
    };
    let metrics = Metrics::new();
    let maxima = Maxima {
        fuel: args.eval_max_fuel,
        max_call_depth: args.eval_max_call_depth,
        max_memory: args.eval_max_memory,
        timeout_ms: args.eval_timeout_ms,
    }
    .sanitized(args.request_timeout_ms);
    let evaluator = Arc::new(EngineEvaluator::new(maxima, metrics.selections()));
    let shared = Arc::new(Shared {
        phase: AtomicU8::new(STARTING),
        market: OnceLock::new(),
        metrics,
        token,
        options: Options {
            body_limit: args.body_limit,
            request_timeout: Duration::from_millis(args.request_timeout_ms.max(1)),
            stdlib,
        },
        carbon_max_age: config.carbon.max_age,
        flush_every: args.flush_every,
        flush: Notify::new(),
        jobs: Arc::new(Semaphore::new(jobs)),
        evaluator,
    });
    tracing::info!(
        api = %api_addr,
        metrics = %metrics_addr,
        config_dir = %args.config_dir.display(),
        data_dir = %args.data_dir.display(),
        stdlib_path = args.stdlib_path.as_ref().map(|p| p.display().to_string()),
        api_token = shared.token.is_some(),
        eval_max_fuel = maxima.fuel,
        eval_max_call_depth = maxima.max_call_depth,
        eval_max_memory = maxima.max_memory,
        eval_timeout_ms = maxima.timeout_ms,
        "starting"
    );

    let (stop_tx, stop_rx) = watch::channel(false);
    let api = tokio::spawn(
        axum::serve(no_delay(api_listener), api::router(shared.clone()))
            .with_graceful_shutdown(stopped(stop_rx.clone()))
            .into_future(),
    );
    let metrics_server = tokio::spawn(
        axum::serve(
            no_delay(metrics_listener),
            api::metrics_router(shared.clone()),
        )
        .with_graceful_shutdown(stopped(stop_rx.clone()))
        .into_future(),
    );

    // Restore the state (config is authoritative for settings; the state file for usage).
    let store = StateStore::new(&args.data_dir);
    let clock: Arc<dyn Clock> = Arc::new(SystemClock);
    let market = {
        let (store, settings, clock) = (store.clone(), config.market_settings(), clock.clone());
        tokio::task::spawn_blocking(move || restore(&store, settings, clock)).await
    };
    let market = match market {
        Ok(m) => Arc::new(m),
        Err(_) => Arc::new(Market::new(config.market_settings())),
    };
    let _ = shared.market.set(market.clone());

    // The HTTP sources hold blocking clients, which must be created and dropped off the
    // async threads (they own a runtime of their own).
    let carbon_config = config.carbon.clone();
    let feed = tokio::task::spawn_blocking(move || {
        let (feed, warnings) = build_feed(&carbon_config, &secrets, clock);
        for w in warnings {
            tracing::warn!(warning = %w, "carbon source not used");
        }
        Arc::new(feed)
    })
    .await;
    let feed = match feed {
        Ok(f) => f,
        Err(_) => {
            tracing::error!("cannot set up the carbon sources");
            return ExitCode::from(crate::EXIT_USAGE);
        }
    };
    // Ready now: a slow carbon API must not hold start-up. The first refresh runs at once
    // in the background; until it lands, a restored value older than `max_age` keeps
    // `/ready` at 503 (it says why), a fresh or static one does not.
    shared.phase.store(READY, Ordering::Release);
    tracing::info!("ready");

    let carbon_task = tokio::spawn(carbon_loop(
        shared.clone(),
        market.clone(),
        feed.clone(),
        refresh_interval(&config),
        stop_rx.clone(),
    ));
    let flush_interval = Duration::from_secs_f64(args.flush_interval.clamp(0.05, 86_400.0));
    let flush_task = tokio::spawn(flush_loop(
        shared.clone(),
        market.clone(),
        store.clone(),
        flush_interval,
        stop_rx.clone(),
    ));

    signals.wait().await;
    tracing::info!("shutting down");
    shared.phase.store(DRAINING, Ordering::Release);
    let _ = stop_tx.send(true);
    let drained = tokio::time::timeout(SHUTDOWN_GRACE, async {
        let _ = api.await;
        let _ = metrics_server.await;
    })
    .await;
    if drained.is_err() {
        tracing::warn!("in-flight requests did not finish in time; stopping anyway");
    }
    // A refresh may be waiting on a slow carbon API (up to its timeout): do not wait for it.
    let carbon_abort = carbon_task.abort_handle();
    if tokio::time::timeout(Duration::from_millis(500), carbon_task)
        .await
        .is_err()
    {
        carbon_abort.abort();
    }
    // The feed's HTTP clients own a runtime of their own, which may only be dropped off the
    // async threads; a refresh still running holds its own reference and drops it there.
    let _ = tokio::task::spawn_blocking(move || drop(feed)).await;
    let _ = flush_task.await;
    let code = match flush(&market, &store).await {
        true => ExitCode::SUCCESS,
        false => ExitCode::from(crate::EXIT_USAGE),
    };
    tracing::info!("stopped");
    code
}

/// Restores the saved market with the configured settings: a corrupt file is moved aside
/// by core with a warning and the defaults are used, never a crash loop.
fn restore(
    store: &StateStore,
    settings: eclexia_core::price::MarketSettings,
    clock: Arc<dyn Clock>,
) -> Market {
    let loaded = match store.load() {
        Ok(l) => l,
        Err(e) => {
            tracing::warn!(error = %e, "cannot read the price state; starting from the defaults");
            return Market::with_clock(settings, clock);
        }
    };
    for w in &loaded.warnings {
        tracing::warn!(warning = %w, "price state");
    }
    let Some(mut snapshot) = loaded.snapshot else {
        return Market::with_clock(settings, clock);
    };
    // Budgets, windows and the price book come from the configuration in force (it may
    // have changed since the save); usage, window starts and carbon from the file.
    snapshot.settings = settings.clone();
    match Market::restore(&snapshot, clock.clone()) {
        Ok(m) => {
            tracing::info!(path = %store.path().display(), "price state restored");
            m
        }
        Err(e) => {
            tracing::warn!(error = %e, "invalid price state; starting from the defaults");
            Market::with_clock(settings, clock)
        }
    }
}

/// Resolves once the stop flag is raised.
async fn stopped(mut rx: watch::Receiver<bool>) {
    let _ = rx.wait_for(|stop| *stop).await;
}

/// SIGTERM and SIGINT, caught from the moment [`StopSignals::install`] returns (a signal
/// that arrives before [`StopSignals::wait`] is kept, not lost).
struct StopSignals {
    term: tokio::signal::unix::Signal,
    int: tokio::signal::unix::Signal,
}

impl StopSignals {
    fn install() -> std::io::Result<StopSignals> {
        use tokio::signal::unix::{SignalKind, signal};
        Ok(StopSignals {
            term: signal(SignalKind::terminate())?,
            int: signal(SignalKind::interrupt())?,
        })
    }

    /// Resolves at the first SIGTERM or SIGINT since `install`.
    async fn wait(mut self) {
        tokio::select! {
            _ = self.term.recv() => {}
            _ = self.int.recv() => {}
        }
    }
}

/// The shortest refresh interval of the configured live sources (the feed's TTL cache
/// decides which one is actually asked); `None` when only the static value is configured.
fn refresh_interval(config: &Config) -> Option<Duration> {
    let c = &config.carbon;
    std::iter::once(c.primary)
        .chain(c.fallback)
        .filter_map(|k| match k {
            SourceKind::Static => None,
            SourceKind::ElectricityMaps => Some(c.electricitymaps.refresh_interval),
            SourceKind::WattTime => Some(c.watttime.refresh_interval),
        })
        .reduce(f64::min)
        .map(|s| Duration::from_secs_f64(s.clamp(0.1, 86_400.0)))
}

/// One refresh: the feed's blocking HTTP runs on a blocking thread; the value in force goes
/// to the market and the gauge; every failure is counted per source and logged (core's
/// messages never contain credentials).
async fn refresh_carbon(shared: &Shared, market: &Market, feed: &Arc<CarbonFeed>) {
    let feed = feed.clone();
    let Ok(status) = tokio::task::spawn_blocking(move || feed.get()).await else {
        return;
    };
    for e in &status.errors {
        let source = e.split(':').next().unwrap_or("unknown");
        shared.metrics.add_fetch_error(source);
        tracing::warn!(source, error = %e, "carbon intensity fetch failed");
    }
    let value = status.to_value();
    shared.metrics.set_intensity(&value.source, value.intensity);
    market.set_carbon(value);
}

async fn carbon_loop(
    shared: Arc<Shared>,
    market: Arc<Market>,
    feed: Arc<CarbonFeed>,
    interval: Option<Duration>,
    mut stop: watch::Receiver<bool>,
) {
    refresh_carbon(&shared, &market, &feed).await;
    let Some(interval) = interval else {
        return;
    };
    loop {
        tokio::select! {
            _ = tokio::time::sleep(interval) => {}
            _ = stop.wait_for(|s| *s) => return,
        }
        refresh_carbon(&shared, &market, &feed).await;
    }
}

async fn flush_loop(
    shared: Arc<Shared>,
    market: Arc<Market>,
    store: StateStore,
    interval: Duration,
    mut stop: watch::Receiver<bool>,
) {
    loop {
        tokio::select! {
            _ = tokio::time::sleep(interval) => {}
            _ = shared.flush.notified() => {}
            _ = stop.wait_for(|s| *s) => return,
        }
        flush(&market, &store).await;
    }
}

/// Saves the state atomically (core `StateStore::save`) on a blocking thread.
async fn flush(market: &Market, store: &StateStore) -> bool {
    let snapshot = market.snapshot();
    let store = store.clone();
    match tokio::task::spawn_blocking(move || store.save(&snapshot)).await {
        Ok(Ok(())) => true,
        Ok(Err(e)) => {
            tracing::warn!(error = %e, "cannot save the price state");
            false
        }
        Err(_) => false,
    }
}
