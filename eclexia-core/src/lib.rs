//! # Eclexia core
//!
//! The pure-Rust heart of the Eclexia SDK: **compile** Eclexia source into a checked,
//! immutable [`Program`], report every problem as [`Diagnostics`] in the format of the
//! language specification, and (in later modules) evaluate and price programs.
//!
//! ```
//! use eclexia_core::{compile, CompileOptions};
//!
//! let program = compile(
//!     "def main() { println(1.5kJ + 500J) }",
//!     &CompileOptions::new("hello.ecl"),
//! )
//! .expect("a valid program");
//! assert!(program.has_function("main"));
//! ```
//!
//! Data flows one way: source → tokens ([`syntax::lexer`]) → AST ([`syntax::parser`]) →
//! checked program ([`check`]). The foundation modules [`units`] and [`span`] depend on
//! nothing else in the crate.
//!
//! Pricing (LANGUAGE §9): [`price()`] answers a §9.7 request; [`price::select`] is the same
//! computation on fixed arrays for the VM; [`Market`] keeps a long-running host's budgets,
//! usage and carbon intensity, persisted by [`StateStore`] and configured by [`Config`];
//! [`carbon`] reads live grid intensity (HTTP sources behind the `carbon-http` feature).

#![forbid(unsafe_code)]

pub mod adaptive;
pub mod carbon;
pub mod check;
pub mod compile;
pub mod config;
pub mod diagnostic;
pub mod engine;
pub mod host;
pub mod meter;
pub mod price;
pub mod span;
pub mod state;
pub mod syntax;
pub mod units;
pub mod value;
pub mod vm;

mod program;
mod stack;

pub use carbon::{CarbonFeed, CarbonSource};
pub use config::Config;
pub use diagnostic::{Diagnostic, Diagnostics, ErrorCode, ErrorKind};
pub use engine::{
    CancelHandle, Engine, EngineBuilder, Outcome, OutputSink, RuntimeError, Selection,
};
pub use price::{Market, PriceError, PriceRequest, Quote, price};
pub use program::{CompileOptions, Program, compile, compile_bytes};
pub use state::StateStore;
pub use value::Value;

/// The version of the SDK (the crate version).
pub const VERSION: &str = env!("CARGO_PKG_VERSION");

/// The README's Rust examples, compiled and run as doctests.
#[doc = include_str!("../../README.md")]
#[cfg(doctest)]
pub struct ReadmeDoctests;

#[doc(hidden)]
/// Node sizes, for tuning (Expr, Token, Ty).
pub fn syntax_sizes() -> (usize, usize, usize) {
    (
        std::mem::size_of::<syntax::ast::Expr>(),
        std::mem::size_of::<syntax::token::Token>(),
        std::mem::size_of::<check::types::Ty>(),
    )
}
