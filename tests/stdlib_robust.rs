//! The date, time, math and currency built-ins never panic, whatever they are
//! given: random calls with 0 to 5 arguments drawn from values at the edges
//! (NULL, every type, the ends of the date range, numbers near 10^28, empty
//! and malformed text, deep lists) each give a value or a typed error.

use airscript::builtins::{self, Category};
use airscript::{Clock, Context, Engine, Session, Value};
use proptest::prelude::*;

/// The edge values, as source text.
const POOL: &[&str] = &[
    "NULL",
    "TRUE",
    "0",
    "1",
    "-1",
    "0.5",
    "-2.5",
    "12",
    "13",
    "24",
    "28",
    "31",
    "60",
    "1000",
    "9999",
    "10000",
    "1e27",
    "-1e27",
    "9999999999999999999999999999",
    "0.0000000000000000000000000001",
    "\"\"",
    "\"day\"",
    "\"M\"",
    "\"ms\"",
    "\"s\"",
    "\"mi\"",
    "\"UTC\"",
    "\"America/Los_Angeles\"",
    "\"Australia/Lord_Howe\"",
    "\"Mars/Base\"",
    "\"YYYY-MM-DD\"",
    "\"x.SSS X\"",
    "\"[open\"",
    "\"🙂\"",
    "\"$1,234.56\"",
    "\"(€5)\"",
    "\"2021-03-14T02:30:00\"",
    "\"9999-12-31T23:59:59Z\"",
    "\"0001-01-01\"",
    "\"de-DE\"",
    "\"JPY\"",
    "DATE(1, 1, 1)",
    "DATE(9999, 12, 31)",
    "DATE(2024, 2, 29)",
    "TIME(0, 0, 0)",
    "TIME(23, 59, 59, 999)",
    "DATETIME(DATE(1, 1, 1), TIME(0, 0, 0), \"UTC\")",
    "DATETIME(DATE(9999, 12, 30), TIME(21, 0, 0), \"UTC\")",
    "DATETIME(DATE(2021, 3, 14), TIME(2, 30, 0), \"America/Los_Angeles\")",
    "DATETIME(DATE(2021, 4, 4), TIME(1, 45, 0), \"Australia/Lord_Howe\")",
    "CURRENCY(9999999999999999999999999, \"USD\")",
    "CURRENCY(-5, \"JPY\")",
    "CURRENCY(1, \"BHD\", 18)",
    "[1, 2, NULL, [3, [4.5]]]",
    "[]",
    "[\"a\", 1]",
    "[DATE(2021, 1, 1), DATE(2020, 1, 1)]",
    "{\"latitude\": 91, \"longitude\": 0}",
    "{\"lat\": 1, \"lng\": 2}",
    "{}",
];

fn values() -> Vec<Value> {
    let engine = Engine::new();
    POOL.iter()
        .map(|src| {
            engine
                .compile_expression(src)
                .unwrap_or_else(|e| panic!("{src}: {e:?}"))
                .eval(&Context::new())
                .unwrap_or_else(|e| panic!("{src}: {e:?}"))
        })
        .collect()
}

fn functions() -> Vec<&'static str> {
    builtins::all()
        .iter()
        .filter(|f| {
            matches!(
                f.category,
                Category::DateTime | Category::Math | Category::Currency
            )
        })
        .map(|f| f.name)
        .collect()
}

/// A call gives a value, or an error of a kind that a call can have: never a
/// panic, and never an effect, syntax or user error.
fn check(name: &str, session: &Session, args: &[Value]) {
    let id = builtins::lookup(name).unwrap();
    if let Err(e) = builtins::call(id, session, &airscript::Budget::default(), args) {
        let kind = e.kind().name();
        assert!(
            matches!(
                kind,
                "TypeError" | "ArgumentError" | "ArithmeticError" | "FormatError" | "LimitError"
            ),
            "{name}{args:?}: {kind} {}",
            e.message()
        );
    }
}

#[test]
fn every_function_takes_every_edge_value_alone_or_in_pairs() {
    let session = Session {
        clock: Clock::Fixed("2020-05-20T15:30:00Z".parse().unwrap()),
        ..Session::default()
    };
    let values = values();
    for name in functions() {
        check(name, &session, &[]);
        for a in &values {
            check(name, &session, std::slice::from_ref(a));
            for b in &values {
                check(name, &session, &[a.clone(), b.clone()]);
            }
        }
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(4000))]

    #[test]
    fn random_calls_give_a_value_or_a_typed_error(
        f in 0usize..1000,
        picks in prop::collection::vec(0usize..POOL.len(), 3..=5),
    ) {
        thread_local! {
            static VALUES: Vec<Value> = values();
            static FUNCTIONS: Vec<&'static str> = functions();
        }
        let session = Session {
            clock: Clock::Fixed("2020-05-20T15:30:00Z".parse().unwrap()),
            ..Session::default()
        };
        let name = FUNCTIONS.with(|fs| fs[f % fs.len()]);
        let args: Vec<Value> = VALUES.with(|vs| picks.iter().map(|i| vs[*i].clone()).collect());
        check(name, &session, &args);
    }
}
