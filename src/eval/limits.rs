//! Resource limits: every evaluation is bounded in depth, steps, size and time.

use std::time::Duration;

/// The bounds of one evaluation. Hitting one is a `LimitError`.
#[derive(Clone, Debug)]
pub struct Limits {
    /// Nesting depth of the source (brackets, operators, LET, queries).
    pub max_nesting: usize,
    /// Longest source text, in bytes.
    pub max_source: usize,
    /// Nested user-function calls.
    pub max_call_depth: u32,
    /// Evaluation steps (one per node evaluated).
    pub max_steps: u64,
    /// Wall time of one evaluation; `None` for no bound.
    pub max_time: Option<Duration>,
    /// Largest Text (bytes) or List/Object (items) an evaluation may build.
    pub max_size: usize,
}

impl Default for Limits {
    fn default() -> Limits {
        Limits {
            max_nesting: 1000,
            max_source: 1 << 20,
            max_call_depth: 2000,
            max_steps: 50_000_000,
            max_time: Some(Duration::from_secs(10)),
            max_size: 16 << 20,
        }
    }
}
