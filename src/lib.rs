//! airscript: an Airscript-like expression language.
//!
//! The layers, each using only those listed before it: `span`, `error`,
//! `value`, `session` and `stack` at the bottom; `syntax` (source to tree);
//! `builtins` (the function table); `ir` (the compiled form); `eval` (the
//! evaluator, with constant folding); `compile` (tree to IR); `engine` (the
//! embedding API); `messaging` (the outbox, policies and transports behind the
//! effects), `conformance`, `diagnostic` and `cli` on the outside.

pub mod asset;
pub mod builtins;
pub mod cli;
pub mod compile;
pub mod conformance;
pub mod diagnostic;
mod engine;
pub mod error;
pub mod eval;
pub mod ir;
pub mod limits;
pub mod messaging;
pub mod session;
pub mod span;
mod stack;
pub mod syntax;
pub mod value;

pub use engine::{Context, Engine, Errors, Expression, Failure, Interpreter, Template, Vars};
pub use error::{Error, ErrorKind};
pub use limits::{Budget, Limits};
pub use session::{AssetStore, Clock, Session, StoredAsset};
pub use value::Value;
