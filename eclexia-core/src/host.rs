//! Host functions (LANGUAGE §13): functions an embedding application adds to the language.
//!
//! A host declares each function's signature when compiling ([`CompileOptions::host_function`])
//! so that calls are checked like any other (arity, argument types, result type), and
//! supplies the implementation when evaluating ([`EngineBuilder::host_function`]). Host
//! functions behave as builtins: a user definition of the same name hides them, they are
//! not metered, and they must be deterministic unless the host documents otherwise. A
//! program compiled with a declaration but evaluated by an engine without the
//! implementation fails at the call with `RuntimeError` E0599.
//!
//! ```
//! use std::sync::Arc;
//! use eclexia_core::host::{HostSignature, HostType};
//! use eclexia_core::{compile, CompileOptions, Engine, Value};
//!
//! let opts = CompileOptions::new("host.ecl").host_function(HostSignature::new(
//!     "region_factor",
//!     vec![HostType::String],
//!     HostType::Float,
//! ));
//! let program = compile("fn main() { println(region_factor(\"eu\") * 2.0) }", &opts).unwrap();
//! let engine = Engine::builder()
//!     .host_function("region_factor", Arc::new(|args: &[Value]| match args {
//!         [Value::Str(r)] if r == "eu" => Ok(Value::Float(0.5)),
//!         _ => Err("unknown region".to_string()),
//!     }))
//!     .build()
//!     .unwrap();
//! assert_eq!(engine.evaluate(&program, "main", &[]).unwrap().output, "1.0\n");
//! ```
//!
//! [`CompileOptions::host_function`]: crate::CompileOptions::host_function
//! [`EngineBuilder::host_function`]: crate::EngineBuilder::host_function

use std::sync::Arc;

use crate::check::types::Ty;
use crate::value::Value;

/// The types a host function's parameters and result may have.
#[derive(Clone, Copy, Debug, PartialEq, Eq)]
pub enum HostType {
    /// `Int`.
    Int,
    /// `Float`.
    Float,
    /// `Bool`.
    Bool,
    /// `String`.
    String,
    /// `()`.
    Unit,
}

impl HostType {
    pub(crate) fn ty(self) -> Ty {
        match self {
            HostType::Int => Ty::Int,
            HostType::Float => Ty::Float,
            HostType::Bool => Ty::Bool,
            HostType::String => Ty::Str,
            HostType::Unit => Ty::Unit,
        }
    }

    /// Whether `v` is a value of this type.
    pub fn admits(self, v: &Value) -> bool {
        matches!(
            (self, v),
            (HostType::Int, Value::Int(_))
                | (HostType::Float, Value::Float(_))
                | (HostType::Bool, Value::Bool(_))
                | (HostType::String, Value::Str(_))
                | (HostType::Unit, Value::Unit)
        )
    }

    /// The type's name as messages write it.
    pub fn name(self) -> &'static str {
        match self {
            HostType::Int => "Int",
            HostType::Float => "Float",
            HostType::Bool => "Bool",
            HostType::String => "String",
            HostType::Unit => "Unit",
        }
    }
}

/// A host function's name and signature, declared at compile time.
#[derive(Clone, Debug, PartialEq, Eq)]
pub struct HostSignature {
    /// The name programs call it by.
    pub name: String,
    /// Parameter types.
    pub params: Vec<HostType>,
    /// Result type.
    pub ret: HostType,
}

impl HostSignature {
    /// A signature.
    pub fn new(name: impl Into<String>, params: Vec<HostType>, ret: HostType) -> HostSignature {
        HostSignature {
            name: name.into(),
            params,
            ret,
        }
    }
}

/// A host function's implementation: arguments in, result or error message out.
pub type HostFn = Arc<dyn Fn(&[Value]) -> Result<Value, String> + Send + Sync>;
