//! ARCHITECTURE §7: the shipped sample files load, files in the shape of earlier
//! deployments load, and every kind of bad value gives a message naming file, key and the
//! expected form.

use std::path::Path;

use eclexia_core::config::{Config, SourceKind};
use eclexia_core::price::{Market, Resource};

fn samples_dir() -> std::path::PathBuf {
    Path::new(env!("CARGO_MANIFEST_DIR")).join("../config")
}

#[test]
fn shipped_sample_files_load() {
    let cfg = Config::load_dir(&samples_dir()).unwrap();
    let e = &cfg.resources[Resource::Energy.index()];
    assert_eq!(e.budget, Some(10_000.0));
    assert_eq!(e.window, Some(3600.0));
    assert_eq!(cfg.resources[Resource::Time.index()].window, Some(3600.0));
    assert_eq!(
        cfg.resources[Resource::Memory.index()].budget,
        Some(2.0 * 1073741824.0)
    );
    assert_eq!(cfg.resources[Resource::Carbon.index()].budget, Some(5000.0));
    assert_eq!(
        cfg.resources[Resource::Carbon.index()].window,
        Some(86400.0)
    );
    assert_eq!(cfg.carbon.primary, SourceKind::ElectricityMaps);
    assert_eq!(cfg.carbon.fallback, Some(SourceKind::WattTime));
    assert_eq!(cfg.carbon.electricitymaps.area.as_deref(), Some("DE"));
    assert_eq!(cfg.carbon.electricitymaps.refresh_interval, 300.0);
    assert_eq!(cfg.carbon.max_age, 7200.0);
    // 50 per tonne = 50 / 1e6 per gram.
    assert_eq!(cfg.price_book().base[Resource::Carbon.index()], 50.0 / 1e6);
    assert_eq!(cfg.adaptive.timeout, 0.1);
    // A market builds from it.
    let m = Market::new(cfg.market_settings());
    assert_eq!(m.prices().resources[0].budget, Some(10_000.0));
}

#[test]
fn a_missing_folder_means_defaults() {
    let cfg = Config::load_dir(Path::new("/nonexistent/eclexia-config")).unwrap();
    assert_eq!(cfg, Config::default());
}

/// The keys and spellings of the configuration files of earlier deployments: `ms`/`MB`/`CU`
/// budgets with comments, `[wattime]` (one t) with a v2 endpoint URL, the full
/// ElectricityMaps endpoint as `api_url`, `branch_and_bound`, `minimize_cost`.
#[test]
fn files_in_the_shape_of_earlier_deployments_load() {
    let budgets = r#"
# budgets
[energy]
budget = "10000J"
shadow_price_base = 0.01
shadow_price_multiplier = 5.0

[time]
budget = "1000ms"
shadow_price_base = 0.01
shadow_price_multiplier = 5.0

[memory]
budget = "1000MB"
shadow_price_base = 0.001
shadow_price_multiplier = 3.0

[compute]
budget = "1000CU"  # compute units
shadow_price_base = 0.0001
shadow_price_multiplier = 4.0

[network]
budget = "100MB"
shadow_price_base = 0.01
shadow_price_multiplier = 6.0
"#;
    let carbon = r#"
[sources]
primary = "electricitymaps"
fallback = "wattime"

[electricitymaps]
api_url = "https://api.electricitymaps.com/v3/carbon-intensity/latest"
refresh_interval = "300s"  # 5 minutes

[wattime]
api_url = "https://api.watttime.org/v2/index"
refresh_interval = "300s"

[carbon_price]
base_price = 50.0  # per ton CO2
currency = "USD"
"#;
    let adaptive = r#"
[selection]
algorithm = "branch_and_bound"
max_iterations = 1000
timeout = "100ms"

[optimization]
objective = "minimize_cost"  # minimize_cost, minimize_time, minimize_energy
cost_function = "shadow_price_weighted"

[constraints]
enforce_budget = true
allow_graceful_degradation = true
"#;
    let cfg = Config::from_texts(Some(budgets), Some(carbon), Some(adaptive)).unwrap();
    assert_eq!(cfg.resources[Resource::Time.index()].budget, Some(1.0));
    assert_eq!(
        cfg.resources[Resource::Network.index()].shadow_price_multiplier,
        6.0
    );
    assert_eq!(
        cfg.resources[Resource::Compute.index()].budget,
        Some(1000.0)
    );
    assert_eq!(cfg.carbon.fallback, Some(SourceKind::WattTime));
    assert_eq!(
        cfg.carbon.watttime.api_url,
        "https://api.watttime.org/v2/index"
    );
    assert_eq!(cfg.adaptive.algorithm, "branch_and_bound");
    assert_eq!(cfg.price_book().base[Resource::Energy.index()], 0.01);
}

#[test]
fn every_kind_of_bad_value_names_file_key_and_expected_form() {
    let b = |t: &str| {
        Config::from_texts(Some(t), None, None)
            .unwrap_err()
            .to_string()
    };
    let c = |t: &str| {
        Config::from_texts(None, Some(t), None)
            .unwrap_err()
            .to_string()
    };
    let a = |t: &str| {
        Config::from_texts(None, None, Some(t))
            .unwrap_err()
            .to_string()
    };
    let cases: Vec<(String, &str)> = vec![
        (
            b("[energy]\nbudget = \"10s\""),
            r#"resource-budgets.toml: energy.budget: expected an energy amount such as "100J", found "10s""#,
        ),
        (
            b("[memory]\nbudget = \"10mb\""),
            r#"resource-budgets.toml: memory.budget: unknown unit suffix 'mb' in "10mb""#,
        ),
        (
            b("[time]\nbudget = true"),
            r#"resource-budgets.toml: time.budget: expected a time amount such as "250ms", found true"#,
        ),
        (
            b("[energy]\nbudget = -5"),
            "resource-budgets.toml: energy.budget: expected an amount >= 0, found -5",
        ),
        (
            b("[energy]\nwindow = \"10J\""),
            r#"resource-budgets.toml: energy.window: expected a duration such as "300s", found "10J""#,
        ),
        (
            b("[energy]\nshadow_price_multiplier = 0.5"),
            "resource-budgets.toml: energy.shadow_price_multiplier: expected a multiplier >= 1, found 0.5",
        ),
        (
            b("[energy]\nshadow_price_base = \"cheap\""),
            r#"resource-budgets.toml: energy.shadow_price_base: expected a price >= 0 per canonical unit, found "cheap""#,
        ),
        (
            b("[energy]\nbugdet = \"1J\""),
            "resource-budgets.toml: energy.bugdet: unknown key (expected one of: budget, window, shadow_price_base, shadow_price_multiplier)",
        ),
        (
            b("[power]\nbudget = \"1W\""),
            "resource-budgets.toml: power: unknown key (expected one of: energy, time, carbon, memory, network, compute)",
        ),
        (
            b("[energy\nbudget = 1"),
            "resource-budgets.toml: line 1: invalid TOML: unclosed table, expected `]`",
        ),
        (
            c("[sources]\nprimary = \"magic\""),
            r#"carbon-config.toml: sources.primary: expected static, electricitymaps or watttime, found "magic""#,
        ),
        (
            c("[electricitymaps]\napi_url = \"ftp://x\""),
            r#"carbon-config.toml: electricitymaps.api_url: expected an http:// or https:// URL, found "ftp://x""#,
        ),
        (
            c("[electricitymaps]\nregion = \"DE\""),
            "carbon-config.toml: electricitymaps.region: unknown key (expected one of: api_url, zone, refresh_interval, timeout, connect_timeout)",
        ),
        (
            c("[watttime]\nrefresh_interval = 0"),
            r#"carbon-config.toml: watttime.refresh_interval: expected a duration such as "300s", found 0"#,
        ),
        (
            c("[carbon_price]\nbase_price = -1.0"),
            "carbon-config.toml: carbon_price.base_price: expected a price per tonne CO2e >= 0, found -1",
        ),
        (
            c("[carbon_price]\ncurrency = \"dollars\""),
            r#"carbon-config.toml: carbon_price.currency: expected a three-letter currency code such as "USD", found "dollars""#,
        ),
        (
            c("[sources]\napi_key = \"abc\""),
            "carbon-config.toml: sources.api_key: unknown key (expected one of: primary, fallback, max_age)",
        ),
        (
            a("[selection]\nmax_iterations = 0"),
            "adaptive-config.toml: selection.max_iterations: expected an integer >= 1, found 0",
        ),
        (
            a("[selection]\nalgorithm = \"magic\""),
            r#"adaptive-config.toml: selection.algorithm: expected one of shadow_price, branch_and_bound, greedy, exhaustive, found "magic""#,
        ),
        (
            a("[optimization]\nobjective = \"minimize_power\""),
            r#"adaptive-config.toml: optimization.objective: expected minimize_cost or minimize_<resource> (minimize_energy, minimize_time, …), found "minimize_power""#,
        ),
        (
            a("[constraints]\nenforce_budget = \"yes\""),
            r#"adaptive-config.toml: constraints.enforce_budget: expected true or false, found "yes""#,
        ),
    ];
    for (got, want) in cases {
        assert_eq!(got, want);
    }
    // The carbon price may be set in one place only.
    let both = Config::from_texts(
        Some("[carbon]\nshadow_price_base = 50.0"),
        Some("[carbon_price]\nbase_price = 50.0"),
        None,
    )
    .unwrap_err();
    assert!(
        both.to_string().starts_with(
            "carbon-config.toml: carbon_price.base_price: the carbon price is also set"
        )
    );
}

#[test]
fn config_folder_is_read_from_disk_with_file_names_in_errors() {
    let dir = std::env::temp_dir().join(format!("eclexia-cfg-{}", std::process::id()));
    std::fs::create_dir_all(&dir).unwrap();
    std::fs::write(
        dir.join("adaptive-config.toml"),
        "[optimization]\nobjective = \"minimize_latency\"\n",
    )
    .unwrap();
    let cfg = Config::load_dir(&dir).unwrap();
    assert_eq!(cfg.adaptive.weights(), [0.0, 1.0, 0.0, 0.0, 0.0, 0.0]);
    std::fs::write(
        dir.join("carbon-config.toml"),
        "[static]\nintensity = \"high\"\n",
    )
    .unwrap();
    assert_eq!(
        Config::load_dir(&dir).unwrap_err().to_string(),
        r#"carbon-config.toml: static.intensity: expected gCO2e/kWh as a number >= 0, found "high""#
    );
    std::fs::remove_dir_all(&dir).unwrap();
}
