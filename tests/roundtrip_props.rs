//! Properties that tie the printed, serialised and compiled forms together:
//!
//! - **Display round trip:** the display form of any value is source that
//!   evaluates back to an equal value with the same display form (language
//!   reference, "Display form"), for every type with a literal form: NULL,
//!   Boolean, Number, Text (any Unicode, quotes, backslashes, `{{`), Date,
//!   Time, DateTime (in several zones), Currency, and Lists and Objects of them.
//! - **JSON round trip:** a value made of JSON's types, written as JSON and
//!   read back, is equal to itself, through the Rust API and through
//!   `FROM_JSON(TO_JSON(v))`.
//! - **Folding changes nothing:** a pure program gives the same value, or the
//!   same error, compiled with constant folding and without it.

use airscript::builtins;
use airscript::value::{Currency, CurrencyCode, ObjectMap};
use airscript::{Context, Engine, Value};
use proptest::prelude::*;
use rust_decimal::Decimal;

const ZONES: &[&str] = &[
    "UTC",
    "America/New_York",
    "America/Los_Angeles",
    "Europe/London",
    "Asia/Kolkata",
    "Australia/Lord_Howe",
    "Pacific/Chatham",
];

const CODES: &[&str] = &["USD", "EUR", "JPY", "BHD", "CLF", "GBP"];

fn decimal() -> impl Strategy<Value = Decimal> {
    prop_oneof![
        (any::<i64>(), 0u32..=18).prop_map(|(m, s)| Decimal::new(m, s)),
        // Up to 28 significant digits: the whole range of exact Numbers.
        (-(10i128.pow(27))..10i128.pow(27), 0u32..=28)
            .prop_map(|(m, s)| Decimal::from_i128_with_scale(m, s)),
        (-1000i64..1000).prop_map(Decimal::from),
    ]
}

fn text() -> impl Strategy<Value = String> {
    prop_oneof![
        any::<String>(),
        "[a-z{}\"\\\\$@ \n\t\r]{0,12}",
        Just("{{x}}".to_string()),
        Just("\u{0}\u{7f}\u{200b}\u{1F600}".to_string()),
    ]
}

fn date() -> impl Strategy<Value = jiff::civil::Date> {
    (1i16..=9999, 1i8..=12, 1i8..=31)
        .prop_map(|(y, m, d)| jiff::civil::Date::new(y, m, d.min(28)).unwrap())
}

fn time() -> impl Strategy<Value = jiff::civil::Time> {
    (0i8..24, 0i8..60, 0i8..60, 0i32..1000)
        .prop_map(|(h, m, s, ms)| jiff::civil::Time::new(h, m, s, ms * 1_000_000).unwrap())
}

fn datetime() -> impl Strategy<Value = Value> {
    // From 0002-01-01 to 9998-12-31, whole milliseconds.
    (-62_104_060_800_000i64..253_370_764_800_000, 0..ZONES.len()).prop_map(|(ms, z)| {
        let ts = jiff::Timestamp::from_millisecond(ms).unwrap();
        let zone = jiff::tz::TimeZone::get(ZONES[z]).unwrap();
        Value::DateTime(std::sync::Arc::new(ts.to_zoned(zone)))
    })
}

fn currency() -> impl Strategy<Value = Value> {
    (-(10i128.pow(20))..10i128.pow(20), 0..CODES.len(), 0u8..=6).prop_map(|(minor, c, extra)| {
        let code = CurrencyCode::parse(CODES[c]).unwrap();
        let precision = code.minor_unit() + extra;
        Value::Currency(Currency::from_minor(Decimal::from(minor), code, precision).unwrap())
    })
}

fn leaf() -> impl Strategy<Value = Value> {
    prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        decimal().prop_map(Value::Number),
        text().prop_map(Value::from),
        date().prop_map(Value::Date),
        time().prop_map(Value::Time),
        datetime(),
        currency(),
    ]
}

fn with_containers(leaf: BoxedStrategy<Value>) -> impl Strategy<Value = Value> {
    leaf.prop_recursive(4, 48, 6, |inner| {
        prop_oneof![
            prop::collection::vec(inner.clone(), 0..6).prop_map(Value::list),
            prop::collection::vec((text(), inner), 0..6).prop_map(|fields| {
                let mut m = ObjectMap::default();
                for (k, v) in fields {
                    m.insert(k.into(), v);
                }
                Value::object(m)
            }),
        ]
    })
}

fn any_value() -> impl Strategy<Value = Value> {
    with_containers(leaf().boxed())
}

fn json_value() -> impl Strategy<Value = Value> {
    let leaf = prop_oneof![
        Just(Value::Null),
        any::<bool>().prop_map(Value::Bool),
        decimal().prop_map(Value::Number),
        text().prop_map(Value::from),
    ];
    with_containers(leaf.boxed())
}

fn eval(engine: &Engine, src: &str, ctx: &Context) -> Result<Value, airscript::Error> {
    engine
        .compile_expression(src)
        .map_err(|e| e.first().clone())?
        .eval(ctx)
}

/// How an evaluation ended, for comparing two: the value's display form, or
/// the error's kind and message.
fn outcome(r: Result<Value, airscript::Error>) -> String {
    match r {
        Ok(v) => format!("= {v}"),
        Err(e) => format!("! {}: {}", e.kind().name(), e.message()),
    }
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(512))]

    #[test]
    fn the_display_form_evaluates_back_to_the_value(v in any_value()) {
        let printed = v.to_string();
        let back = eval(&Engine::new(), &printed, &Context::new())
            .unwrap_or_else(|e| panic!("{printed}\n{e}"));
        prop_assert_eq!(&back, &v, "{}", printed);
        prop_assert_eq!(back.to_string(), printed);
    }

    #[test]
    fn json_out_and_in_gives_the_same_value(v in json_value()) {
        let text = serde_json::to_string(&v).unwrap();
        let j: serde_json::Value = serde_json::from_str(&text).unwrap();
        let back = airscript::value::json::from_json(&j).unwrap();
        prop_assert_eq!(&back, &v, "{}", text);

        let mut ctx = Context::new();
        ctx.set("v", v.clone());
        let through = eval(&Engine::new(), "FROM_JSON(TO_JSON(v))", &ctx).unwrap();
        prop_assert_eq!(&through, &v, "{}", text);
    }
}

// ---- Folding on and off ----

/// Built-ins whose calls may be folded: pure, not volatile, no session.
fn foldable_functions() -> Vec<(&'static str, usize, usize)> {
    builtins::all()
        .iter()
        .filter(|f| f.foldable() && f.special().is_none())
        .map(|f| {
            let min = f.signatures.iter().map(|s| s.min_args()).min().unwrap_or(0);
            let max = f
                .signatures
                .iter()
                .map(|s| s.max_args().unwrap_or(s.min_args() + 2))
                .max()
                .unwrap_or(0);
            (f.name, min, max.min(4))
        })
        .collect()
}

/// Source of a pure program: literals, operators, IF, LET, a query, string
/// interpolation, TRY and calls of foldable built-ins; variables bound by
/// LET and the query keep some of it from being constant.
fn program() -> impl Strategy<Value = String> {
    let functions = foldable_functions();
    let leaf = prop_oneof![
        (-20i64..100).prop_map(|n| n.to_string()),
        Just("2.5".to_string()),
        Just("-0.125".to_string()),
        "[a-z ]{0,6}".prop_map(|s| format!("\"{s}\"")),
        Just("\"2021-03-14T02:30:00\"".to_string()),
        Just("NULL".to_string()),
        Just("TRUE".to_string()),
        Just("FALSE".to_string()),
        Just("v".to_string()),
        Just("[1, 2, 3]".to_string()),
        Just("{a: 1, b: \"x\"}".to_string()),
        Just("DATE(2020, 2, 29)".to_string()),
        Just("CURRENCY(1250, \"USD\")".to_string()),
    ];
    leaf.prop_recursive(5, 40, 4, move |inner| {
        let call = (
            0..functions.len(),
            prop::collection::vec(inner.clone(), 0..5),
        )
            .prop_map({
                let functions = functions.clone();
                move |(i, args)| {
                    let (name, min, max) = functions[i];
                    let n = args.len().clamp(min, max.max(min));
                    let mut args = args;
                    args.resize(n, "1".to_string());
                    format!("{name}({})", args.join(", "))
                }
            });
        let op = prop::sample::select(vec![
            "+", "-", "*", "/", "=", "<>", "<", ">=", "AND", "OR", "??",
        ]);
        prop_oneof![
            call,
            (inner.clone(), op, inner.clone()).prop_map(|(a, o, b)| format!("({a} {o} {b})")),
            inner.clone().prop_map(|a| format!("NOT {a}")),
            inner.clone().prop_map(|a| format!("-({a})")),
            (inner.clone(), inner.clone(), inner.clone())
                .prop_map(|(c, a, b)| format!("IF({c}, {a}, {b})")),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("LET v = {a} IN {b}")),
            (inner.clone(), inner.clone())
                .prop_map(|(a, b)| format!("FROM v IN [{a}, 1, \"x\"] SELECT {b}")),
            (inner.clone(), inner.clone())
                .prop_map(|(a, b)| format!("\"<{{{{{a}}}}}|{{{{{b}}}}}>\"")),
            (inner.clone(), inner.clone()).prop_map(|(a, b)| format!("TRY({a}, {b})")),
            prop::collection::vec(inner.clone(), 0..4)
                .prop_map(|xs| format!("[{}]", xs.join(", "))),
            (inner.clone(), inner).prop_map(|(a, b)| format!("{{k: {a}, \"m n\": {b}}}")),
        ]
    })
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(768))]

    #[test]
    fn folding_constants_changes_no_result(src in program()) {
        let mut ctx = Context::new();
        ctx.set("v", Value::from(7));
        let folded = outcome(eval(&Engine::new(), &src, &ctx));
        let unfolded = outcome(eval(&Engine::new().with_folding(false), &src, &ctx));
        prop_assert_eq!(folded, unfolded, "{}", src);
    }
}
