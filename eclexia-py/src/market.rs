//! `Market`: budgets per window, recorded usage, market prices (ARCHITECTURE §3, §5).

use eclexia_core::price::{CarbonValue, MarketSettings, PriceRequest, Resource};
use pyo3::prelude::*;
use pyo3::types::{PyDict, PyString};

use crate::convert::{amount, json_text_to_py, py_to_json, resource};
use crate::engine::{Outcome, per_resource};
use crate::errors::value_error;

/// Shared price state of a long-running host: a budget per resource for a window,
/// usage recorded in the current window, and the market prices that follow (§9.3).
/// Thread-safe.
#[pyclass(module = "eclexia", frozen)]
pub struct Market {
    inner: eclexia_core::Market,
}

fn seconds(obj: &Bound<'_, PyAny>, what: &str) -> PyResult<Option<f64>> {
    if obj.is_none() {
        return Ok(None);
    }
    let s = amount(Resource::Time, obj, what)?;
    if s > 0.0 {
        Ok(Some(s))
    } else {
        Err(value_error(format!(
            "{what}: a window must be longer than 0s"
        )))
    }
}

#[pymethods]
impl Market {
    /// `budgets` and `windows` map resource names to amounts (`"100J"`, numbers in
    /// canonical units, `Quantity`) and window lengths (`"1h"`, seconds, or `None` for a
    /// window that never resets; default 3600 s).
    #[new]
    #[pyo3(signature = (budgets = None, windows = None, carbon_intensity = 400.0))]
    fn py_new(
        budgets: Option<Bound<'_, PyDict>>,
        windows: Option<Bound<'_, PyDict>>,
        carbon_intensity: f64,
    ) -> PyResult<Market> {
        let mut settings = MarketSettings::default();
        let mut b = settings.budgets.to_array();
        let mut w = settings.windows.to_array();
        if let Some(budgets) = budgets {
            for (k, v) in budgets.iter() {
                let name: String = k.extract()?;
                let r = resource(&name)?;
                b[r.index()] = if v.is_none() {
                    None
                } else {
                    Some(amount(r, &v, &format!("budgets['{name}']"))?)
                };
            }
        }
        if let Some(windows) = windows {
            for (k, v) in windows.iter() {
                let name: String = k.extract()?;
                let r = resource(&name)?;
                w[r.index()] = seconds(&v, &format!("windows['{name}']"))?;
            }
        }
        if !(carbon_intensity.is_finite() && carbon_intensity >= 0.0) {
            return Err(value_error(
                "carbon_intensity: must be a non-negative number",
            ));
        }
        settings.budgets = eclexia_core::price::PerResource::from_array(b);
        settings.windows = eclexia_core::price::PerResource::from_array(w);
        settings.carbon_intensity = carbon_intensity;
        Ok(Market {
            inner: eclexia_core::Market::new(settings),
        })
    }

    /// Budget per resource for one window (`None`: unlimited).
    #[getter]
    fn budgets<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let d = PyDict::new(py);
        let b = self.inner.settings().budgets.to_array();
        for r in Resource::ALL {
            d.set_item(r.name(), b[r.index()])?;
        }
        Ok(d)
    }

    /// Usage recorded in the current window per resource.
    #[getter]
    fn usage<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let p = self.inner.prices();
        let used: Vec<f64> = p.resources.iter().map(|s| s.used).collect();
        let mut a = [0.0; 6];
        a.copy_from_slice(&used);
        per_resource(py, a)
    }

    /// The carbon intensity in force (gCO2e/kWh).
    #[getter]
    fn carbon_intensity(&self) -> f64 {
        self.inner.carbon().intensity
    }

    /// Sets the carbon intensity in force (gCO2e/kWh).
    fn set_carbon_intensity(&self, value: f64) -> PyResult<()> {
        if !(value.is_finite() && value >= 0.0) {
            return Err(value_error(
                "carbon_intensity: must be a non-negative number",
            ));
        }
        self.inner
            .set_carbon(CarbonValue::fixed(value, self.inner.now()));
        Ok(())
    }

    /// Records usage — a dict of amounts, or an `Outcome`'s root usage — and returns the
    /// new market prices per resource.
    fn record_usage<'py>(
        &self,
        py: Python<'py>,
        usage: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyDict>> {
        let amounts = if let Ok(o) = usage.cast::<Outcome>() {
            o.get().usage_array(py)?
        } else if let Ok(d) = usage.cast::<PyDict>() {
            let mut a = [0.0; 6];
            for (k, v) in d.iter() {
                let name: String = k.extract()?;
                let r = resource(&name)?;
                a[r.index()] += amount(r, &v, &format!("usage['{name}']"))?;
            }
            a
        } else {
            return Err(pyo3::exceptions::PyTypeError::new_err(
                "usage must be a dict of amounts or an Outcome",
            ));
        };
        let p = self
            .inner
            .record_usage(&amounts)
            .map_err(|e| value_error(e.to_string()))?;
        per_resource(py, Resource::ALL.map(|r| p.price(r)))
    }

    /// Current market price per resource (§9.3).
    fn prices<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyDict>> {
        let p = self.inner.prices();
        per_resource(py, Resource::ALL.map(|r| p.price(r)))
    }

    /// Everything the market knows: per resource price, base, multiplier, budget, used,
    /// utilisation and window; the carbon intensity with its source.
    fn status<'py>(&self, py: Python<'py>) -> PyResult<Bound<'py, PyAny>> {
        let text =
            serde_json::to_string(&self.inner.prices()).map_err(|e| value_error(e.to_string()))?;
        json_text_to_py(py, &text)
    }

    /// Prices a §9.7 request against the market: budgets, usage, price book and carbon
    /// intensity come from the market, candidates, caps and objective from the request.
    fn quote<'py>(
        &self,
        py: Python<'py>,
        request: &Bound<'py, PyAny>,
    ) -> PyResult<Bound<'py, PyAny>> {
        let req = request_of(request)?;
        let q = self
            .inner
            .quote(&req)
            .map_err(|e| value_error(e.to_string()))?;
        let text = serde_json::to_string(&q).map_err(|e| value_error(e.to_string()))?;
        json_text_to_py(py, &text)
    }

    fn __repr__(&self) -> String {
        "<eclexia.Market>".to_string()
    }
}

/// A §9.7 request from a dict (or its JSON text).
pub fn request_of(request: &Bound<'_, PyAny>) -> PyResult<PriceRequest> {
    let r = if let Ok(s) = request.cast::<PyString>() {
        PriceRequest::from_json(&s.to_cow()?)
    } else {
        PriceRequest::from_value(&py_to_json(request)?)
    };
    r.map_err(|e| value_error(e.to_string()))
}
