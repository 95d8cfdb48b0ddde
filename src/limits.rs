//! Resource limits, and the budget that holds one evaluation to them.
//!
//! [`Limits`] is what the host configures; a [`Budget`] is one evaluation's
//! account against them: the wall clock, the bytes of the values it has built
//! and the depth of each. The evaluator charges what it builds and ticks for
//! every step; a built-in that loops over large input ticks too, so the time
//! limit holds inside long built-in work as well. Hitting any limit is a
//! `LimitError`, which `TRY` cannot catch.

use std::cell::Cell;
use std::sync::Arc;
use std::time::{Duration, Instant};

use crate::error::{Error, Result};
use crate::value::Value;

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
    /// Deepest nesting of Lists and Objects in a value the evaluation builds
    /// (`[[1]]` is 2 deep).
    pub max_depth: u32,
    /// Bytes of values one evaluation may build, all told: a conservative
    /// count (each value's payload and bookkeeping, never subtracting what
    /// is freed), so that it bounds the memory an evaluation can hold.
    pub max_memory: u64,
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
            max_depth: 1000,
            max_memory: 512 << 20,
        }
    }
}

/// Ticks between two looks at the clock (a look costs about 25 ns).
const TICKS_PER_CLOCK: u32 = 4096;
/// Bytes charged between two looks at the clock.
const BYTES_PER_CLOCK: u64 = 1 << 20;

/// What one evaluation has used of its [`Limits`]. Built-ins see it as
/// `cx.budget`; it is not shared between threads.
#[derive(Debug)]
pub struct Budget {
    max_time: Option<Duration>,
    max_memory: u64,
    max_depth: u32,
    /// Set at the first look at the clock, so that evaluations too short to
    /// look never pay for reading it.
    started: Cell<Option<Instant>>,
    used: Cell<u64>,
    /// The count at which [`Budget::charge`] next leaves its fast path: to
    /// look at the clock, or to refuse memory over the limit.
    next_event: Cell<u64>,
    ticks: Cell<u32>,
    /// Set once the time is up, so that a loop that cannot stop at once (a
    /// sort's comparator) sees it on every call after.
    expired: Cell<bool>,
}

impl Budget {
    pub fn new(limits: &Limits) -> Budget {
        Budget {
            max_time: limits.max_time,
            max_memory: limits.max_memory,
            max_depth: limits.max_depth,
            started: Cell::new(None),
            used: Cell::new(0),
            next_event: Cell::new(BYTES_PER_CLOCK.min(limits.max_memory.saturating_add(1))),
            ticks: Cell::new(0),
            expired: Cell::new(false),
        }
    }

    /// The memory limit, in bytes.
    pub fn max_memory(&self) -> u64 {
        self.max_memory
    }

    /// Bytes charged so far.
    pub fn used(&self) -> u64 {
        self.used.get()
    }

    /// Starts the clock if it has not started yet. The evaluator calls this
    /// before the first built-in runs, so that work too heavy for a step
    /// count to notice (one call that builds a long list) counts in full,
    /// while evaluations that call none never read the clock.
    #[inline]
    pub fn start_clock(&self) {
        if self.started.get().is_none() && self.max_time.is_some() {
            self.started.set(Some(Instant::now()));
        }
    }

    /// Fails with a `LimitError` once the time limit has passed.
    #[cold]
    pub fn check_time(&self) -> Result<()> {
        let Some(max) = self.max_time else {
            return Ok(());
        };
        let started = match self.started.get() {
            Some(t) => t,
            None => {
                let now = Instant::now();
                self.started.set(Some(now));
                now
            }
        };
        if self.expired.get() || started.elapsed() > max {
            self.expired.set(true);
            return Err(Error::limit(format!(
                "evaluation took longer than {:.1} s",
                max.as_secs_f64()
            )));
        }
        Ok(())
    }

    /// One unit of work in a loop; looks at the clock now and then.
    #[inline]
    pub fn tick(&self) -> Result<()> {
        self.ticks_n(1)
    }

    /// `n` units of work at once (a loop that handles items in chunks).
    #[inline]
    pub fn ticks_n(&self, n: usize) -> Result<()> {
        let before = self.ticks.get();
        let after = before.wrapping_add(u32::try_from(n).unwrap_or(u32::MAX));
        self.ticks.set(after);
        if after / TICKS_PER_CLOCK != before / TICKS_PER_CLOCK || n >= TICKS_PER_CLOCK as usize {
            self.check_time()
        } else {
            Ok(())
        }
    }

    /// Whether the time is up, for a loop that cannot return an error where
    /// it stands (a comparator): it should then finish as cheaply as it can,
    /// and its caller raise [`Budget::check_time`]'s error after.
    pub fn interrupted(&self) -> bool {
        self.expired.get() || self.tick().is_err()
    }

    /// The time-limit error, when a loop saw [`Budget::interrupted`].
    pub fn check_time_if_expired(&self) -> Result<()> {
        if self.expired.get() {
            self.check_time()
        } else {
            Ok(())
        }
    }

    /// Counts `bytes` against the memory limit; every MiB, looks at the clock.
    #[inline]
    pub fn charge(&self, bytes: u64) -> Result<()> {
        let used = self.used.get().saturating_add(bytes);
        self.used.set(used);
        if used >= self.next_event.get() {
            self.charge_event(used)
        } else {
            Ok(())
        }
    }

    #[cold]
    fn charge_event(&self, used: u64) -> Result<()> {
        if used > self.max_memory {
            return Err(Error::limit(format!(
                "evaluation built more than {} of values (the memory limit)",
                human_bytes(self.max_memory)
            )));
        }
        let next = used
            .saturating_add(BYTES_PER_CLOCK)
            .min(self.max_memory.saturating_add(1));
        self.next_event.set(next);
        self.check_time()
    }

    /// Checks a value just built: its depth, and the bytes of its parts that
    /// nothing else holds yet (those it shares were counted when they were
    /// built, or belong to the host).
    #[inline]
    pub fn built(&self, v: &Value) -> Result<()> {
        match v {
            Value::Text(t) if Arc::strong_count(t) == 1 => self.charge_text(t.len()),
            Value::List(_) | Value::Object(_) | Value::Asset(_) | Value::DateTime(_) => {
                self.check_shape(v)?;
                self.charge(fresh_bytes(v))
            }
            _ => Ok(()),
        }
    }

    /// Checks a container the evaluator just built from values it had: its
    /// depth and its own storage (its items were counted already).
    #[inline]
    pub fn built_shallow(&self, v: &Value) -> Result<()> {
        match v {
            Value::Text(t) => self.charge_text(t.len()),
            Value::List(_) | Value::Object(_) => {
                self.check_shape(v)?;
                self.charge(shallow_bytes(v))
            }
            _ => Ok(()),
        }
    }

    /// The error for a value that written out would take `weight` bytes.
    #[cold]
    fn too_heavy(&self, weight: u64) -> Error {
        Error::limit(format!(
            "value too large: written out it would take {}, over the memory limit of {}",
            about_bytes(weight),
            human_bytes(self.max_memory)
        ))
    }

    /// A new text of `len` bytes: its written-out size, and its memory.
    #[inline]
    fn charge_text(&self, len: usize) -> Result<()> {
        let bytes = (len as u64).saturating_add(HEADER);
        if bytes > self.max_memory {
            return Err(self.too_heavy(len as u64 + 2));
        }
        self.charge(bytes)
    }

    /// Fails with a `LimitError` when `v` nests deeper than the depth limit,
    /// or would take more than the memory limit written out in full (a
    /// value that shares one part many times: see [`Value::weight`]).
    #[inline]
    pub fn check_shape(&self, v: &Value) -> Result<()> {
        let depth = v.depth();
        if depth > self.max_depth {
            return Err(Error::limit(format!(
                "value nested {depth} levels deep, over the limit of {}",
                self.max_depth
            )));
        }
        let weight = v.weight();
        if weight > self.max_memory {
            return Err(self.too_heavy(weight));
        }
        Ok(())
    }
}

/// A budget for work outside any evaluation (tests, tools): the default limits.
impl Default for Budget {
    fn default() -> Budget {
        Budget::new(&Limits::default())
    }
}

/// Bookkeeping counted for every shared allocation (`Arc` counts and the
/// container's own fields), on top of its payload.
const HEADER: u64 = 48;
/// One Value in a List.
const ITEM: u64 = std::mem::size_of::<Value>() as u64;
/// One field of an Object: the key, the value, the hash and the index entry.
const FIELD: u64 = 64;

/// The storage `v` itself owns, not counting the values inside it.
fn shallow_bytes(v: &Value) -> u64 {
    let n = |x: usize| u64::try_from(x).unwrap_or(u64::MAX);
    match v {
        Value::Text(t) => HEADER + n(t.len()),
        Value::List(l) => HEADER + ITEM.saturating_mul(n(l.capacity())),
        Value::Object(o) => HEADER + FIELD.saturating_mul(n(o.len())),
        Value::DateTime(_) => HEADER + n(std::mem::size_of::<jiff::Zoned>()),
        Value::Asset(a) => HEADER + n(a.uri.len()) + FIELD.saturating_mul(n(a.record.len())),
        _ => 0,
    }
}

/// The storage of `v` and of every part of it that only it holds (walked
/// with a loop, not recursion).
fn fresh_bytes(v: &Value) -> u64 {
    fn only_owner<T: ?Sized>(a: &Arc<T>) -> bool {
        Arc::strong_count(a) == 1
    }
    let mut total = 0u64;
    let mut pending: smallvec::SmallVec<[&Value; 8]> = smallvec::smallvec![v];
    while let Some(v) = pending.pop() {
        let fresh = match v {
            Value::Text(t) => only_owner(t),
            Value::List(l) => only_owner(l),
            Value::Object(o) => only_owner(o),
            Value::DateTime(z) => only_owner(z),
            Value::Asset(a) => only_owner(a),
            _ => false,
        };
        if !fresh {
            continue;
        }
        total = total.saturating_add(shallow_bytes(v));
        match v {
            Value::List(l) => pending.extend(l.iter()),
            Value::Object(o) => {
                for (k, item) in o.iter() {
                    if only_owner(k) {
                        total = total.saturating_add(k.len() as u64);
                    }
                    pending.push(item);
                }
            }
            Value::Asset(a) => pending.extend(a.record.values()),
            _ => {}
        }
    }
    total
}

/// `about 9.4 GiB`, `more than 16 EiB`.
fn about_bytes(n: u64) -> String {
    if n == u64::MAX {
        return "more than 16 EiB".into();
    }
    const UNITS: [(&str, u64); 5] = [
        ("EiB", 1 << 60),
        ("PiB", 1 << 50),
        ("TiB", 1 << 40),
        ("GiB", 1 << 30),
        ("MiB", 1 << 20),
    ];
    for (name, size) in UNITS {
        if n >= size {
            return format!("about {:.1} {name}", n as f64 / size as f64);
        }
    }
    format!("{n} bytes")
}

/// `512 MiB`, `3 KiB`, `100 bytes`.
fn human_bytes(n: u64) -> String {
    const UNITS: [(&str, u64); 3] = [("GiB", 1 << 30), ("MiB", 1 << 20), ("KiB", 1 << 10)];
    for (name, size) in UNITS {
        if n >= size && n.is_multiple_of(size) {
            return format!("{} {name}", n / size);
        }
    }
    format!("{n} bytes")
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::error::ErrorKind;

    fn limits(max_memory: u64, max_depth: u32) -> Limits {
        Limits {
            max_memory,
            max_depth,
            ..Limits::default()
        }
    }

    #[test]
    fn memory_is_counted_until_the_limit() {
        let b = Budget::new(&limits(1000, 10));
        b.charge(600).unwrap();
        b.charge(400).unwrap();
        let e = b.charge(1).unwrap_err();
        assert_eq!(e.kind(), ErrorKind::Limit);
        assert_eq!(
            e.message(),
            "evaluation built more than 1000 bytes of values (the memory limit)"
        );
    }

    #[test]
    fn only_the_parts_nothing_else_holds_are_charged() {
        let shared = Value::text("x".repeat(1000));
        let fresh = Value::list(vec![shared.clone(), Value::text("abc")]);
        let b = Budget::new(&limits(u64::MAX, 10));
        b.built(&fresh).unwrap();
        assert_eq!(b.used(), HEADER + 2 * ITEM + HEADER + 3);
        drop(shared);
        let b = Budget::new(&limits(u64::MAX, 10));
        b.built(&fresh).unwrap();
        assert_eq!(b.used(), HEADER + 2 * ITEM + HEADER + 1000 + HEADER + 3);
    }

    #[test]
    fn depth_over_the_limit_is_refused() {
        let b = Budget::new(&limits(u64::MAX, 2));
        let two = Value::list(vec![Value::list(vec![])]);
        b.check_shape(&two).unwrap();
        let three = Value::list(vec![two]);
        let e = b.check_shape(&three).unwrap_err();
        assert_eq!(
            e.message(),
            "value nested 3 levels deep, over the limit of 2"
        );
    }

    #[test]
    fn a_value_too_heavy_to_write_out_is_refused() {
        let b = Budget::new(&limits(10_000, 10));
        let x = Value::text("x".repeat(1000));
        let ten = Value::list(vec![x; 10]);
        let e = b.check_shape(&ten).unwrap_err();
        assert_eq!(
            e.message(),
            "value too large: written out it would take 10042 bytes, over the memory limit of 10000 bytes"
        );
    }

    #[test]
    fn time_runs_out_and_stays_out() {
        let b = Budget::new(&Limits {
            max_time: Some(Duration::from_millis(50)),
            ..Limits::default()
        });
        b.check_time().unwrap(); // the first look starts the clock
        std::thread::sleep(Duration::from_millis(60));
        assert!(b.check_time().is_err());
        assert!(b.interrupted());
        assert!(
            b.tick().is_ok(),
            "ticks look at the clock only now and then"
        );
        assert!(b.ticks_n(TICKS_PER_CLOCK as usize).is_err());
    }

    #[test]
    fn sizes_read_well() {
        assert_eq!(human_bytes(512 << 20), "512 MiB");
        assert_eq!(human_bytes(1 << 30), "1 GiB");
        assert_eq!(human_bytes(1500), "1500 bytes");
    }
}
