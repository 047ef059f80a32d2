//! Source text to syntax tree: the lexer (§2), the parser with macro expansion (§3), and
//! the AST they produce. Nothing here knows about types; the checker consumes the AST.

pub mod ast;
pub mod lexer;
pub mod parser;
pub mod token;
