use crate::builtins::args::testing::{call, err, l, n, t, NULL};
use crate::error::ErrorKind::{Argument, Format, Limit, Type};
use crate::value::testing::obj;
use crate::value::Value;

fn ok(f: &str, args: &[Value]) -> Value {
    call(f, args).unwrap_or_else(|e| panic!("{f}: {e}"))
}

fn from(json: &str) -> Value {
    ok("FROM_JSON", &[t(json)])
}

#[test]
fn malformed_json_names_line_and_column() {
    let cases = [
        ("{\"a\": 1,}", "line 1, column 9"),
        ("[1,\n 2,\n ]", "line 3, column 2"),
        ("{'a': 1}", "line 1, column 2"),
        ("[1] 2", "line 1, column 5"),
        ("", "line 1, column 0"),
        ("NaN", "line 1, column 1"),
        ("\"\\ud83d\"", "line 1, column 8"),
        ("// c\n1", "line 1, column 1"),
    ];
    for (json, place) in cases {
        let e = call("FROM_JSON", &[t(json)]).unwrap_err();
        assert_eq!(e.kind(), Format, "{json:?}");
        assert!(e.message().ends_with(place), "{json:?}: {}", e.message());
        assert!(
            e.message().starts_with("FROM_JSON: not valid JSON: "),
            "{}",
            e.message()
        );
    }
}

#[test]
fn exact_numbers_and_order_and_repeated_keys() {
    assert_eq!(from("0.1"), n("0.1"));
    assert_eq!(from("1e2"), n("100"));
    assert_eq!(
        from("-0.000000000000000000000000001"),
        n("-0.000000000000000000000000001")
    );
    assert_eq!(
        call("FROM_JSON", &[t("1e28")]).unwrap_err().kind(),
        crate::error::ErrorKind::Arithmetic
    );
    assert_eq!(
        from("{\"b\": 1, \"a\": 2, \"b\": 3}"),
        obj(&[("b", n("3")), ("a", n("2"))])
    );
    assert_eq!(from("\u{feff} [true] "), l(&[Value::Bool(true)]));
}

#[test]
fn unicode_round_trips() {
    for s in [
        "",
        "🙂",
        "e\u{301}",
        "مرحبا بالعالم",
        "👍🏽 🇺🇸",
        "\u{0}\u{1f}\u{7f}",
        "\u{2028}",
    ] {
        let json = ok("TO_JSON", &[t(s)]);
        assert_eq!(ok("FROM_JSON", &[json]), t(s), "{s:?}");
    }
    assert_eq!(ok("TO_JSON", &[t("\u{0}")]), t("\"\\u0000\""));
    assert_eq!(from("\"\\u00e9\\ud83d\\ude42\""), t("é🙂"));
}

#[test]
fn every_type_round_trips_through_its_shape() {
    let cases = [
        ("DATE", vec![n("2024"), n("2"), n("29")], "Date"),
        ("TIME", vec![n("23"), n("59"), n("59"), n("999")], "Time"),
        ("CURRENCY", vec![n("-1050"), t("JPY")], "Currency"),
    ];
    for (ctor, args, ty) in cases {
        let v = ok(ctor, &args);
        let json = ok("TO_JSON", std::slice::from_ref(&v));
        assert_eq!(ok("FROM_JSON", &[json, t(ty)]), v, "{ty}");
    }
    let a = ok("URI_TO_ASSET", &[t("data:,x"), t("x.csv"), t("text/csv")]);
    let json = ok("TO_JSON", std::slice::from_ref(&a));
    assert_eq!(ok("FROM_JSON", &[json, t("asset")]), a);
}

#[test]
fn shapes_that_do_not_fit_are_format_errors() {
    assert_eq!(
        err(
            "FROM_JSON",
            &[
                t("{\"year\": \"2021\", \"month\": 1, \"day\": 1}"),
                t("Date")
            ]
        ),
        Format
    );
    assert_eq!(err("FROM_JSON", &[t("{\"hour\": 9}"), t("Time")]), Format);
    assert_eq!(
        err(
            "FROM_JSON",
            &[t("{\"date\": 1, \"time\": {}}"), t("DateTime")]
        ),
        Format
    );
    assert_eq!(
        err(
            "FROM_JSON",
            &[t("{\"amount\": 1, \"code\": 840}"), t("Currency")]
        ),
        Format
    );
    assert_eq!(err("FROM_JSON", &[t("{\"uri\": 5}"), t("Asset")]), Format);
    assert_eq!(err("FROM_JSON", &[t("\"x\""), t("Date")]), Format);
    assert_eq!(err("FROM_JSON", &[t("5"), t("Boolean")]), Format);
    // A field out of its range is the constructor's ArgumentError.
    assert_eq!(
        err(
            "FROM_JSON",
            &[t("{\"amount\": 1, \"precision\": 99}"), t("Currency")]
        ),
        Argument
    );
    assert_eq!(
        err(
            "FROM_JSON",
            &[t("{\"hour\": 24, \"minute\": 0}"), t("Time")]
        ),
        Argument
    );
    assert_eq!(err("FROM_JSON", &[t("1"), n("1")]), Type);
    assert_eq!(ok("FROM_JSON", &[NULL, t("Date")]), NULL);
    assert_eq!(ok("FROM_JSON", &[t("null"), t("Null")]), NULL);
}

#[test]
fn deep_json_is_a_limit_error_not_a_crash() {
    let deep = format!("{}{}", "[".repeat(100_000), "]".repeat(100_000));
    assert_eq!(err("FROM_JSON", &[t(&deep)]), Limit);
}

#[test]
fn long_inputs() {
    let items = vec!["1"; 100_000].join(",");
    match from(&format!("[{items}]")) {
        Value::List(l) => assert_eq!(l.len(), 100_000),
        other => panic!("{other}"),
    }
    let text = "x".repeat(1_000_000);
    assert_eq!(ok("TO_JSON", &[t(&text)]), t(&format!("\"{text}\"")));
}

#[test]
fn indentation() {
    assert_eq!(ok("TO_JSON", &[l(&[]), n("4")]), t("[]"));
    assert_eq!(ok("TO_JSON", &[obj(&[]), n("1")]), t("{}"));
    assert_eq!(ok("TO_JSON", &[l(&[n("1")]), n("0")]), t("[1]"));
    assert_eq!(
        ok("TO_JSON", &[obj(&[("a", l(&[]))]), n("1")]),
        t("{\n \"a\": []\n}")
    );
    assert_eq!(err("TO_JSON", &[n("1"), n("-1")]), Argument);
    assert_eq!(err("TO_JSON", &[n("1"), n("1.5")]), Argument);
}

#[test]
fn typeof_never_raises() {
    assert_eq!(ok("TYPEOF", &[ok("TIME", &[n("9"), n("41")])]), t("Time"));
    assert_eq!(ok("TYPEOF", &[Value::Bool(false)]), t("Boolean"));
    assert_eq!(err("TYPEOF", &[]), Argument);
    assert_eq!(err("TYPEOF", &[n("1"), n("2")]), Argument);
}

/// TO_JSON writes Lists, Objects and Texts itself (a stretch at a time, with
/// the clock and the size limit in view): exactly what the one JSON form
/// (serde_json over `impl Serialize for Value`) writes, compact and
/// indented, records nested at any level included.
#[test]
fn the_bounded_json_writer_writes_what_serde_json_writes() {
    use serde::Serialize as _;
    let session = crate::session::Session::default();
    let record = |src: &str| {
        crate::engine::Engine::new()
            .compile_expression(src)
            .unwrap()
            .eval(&crate::engine::Context::new())
            .unwrap()
    };
    let date = record("DATE(2024, 2, 29)");
    let time = record("TIME(1, 2, 3, 4)");
    let zoned = record("DATETIME(DATE(2021, 3, 14), TIME(2, 30, 0), \"America/Los_Angeles\")");
    let money = record("CURRENCY(123450, \"USD\")");
    let asset = record("URI_TO_ASSET(\"data:text/plain,hello\", \"a.txt\")");
    let inner = obj(&[
        ("d", date.clone()),
        ("list", l(&[time.clone(), money.clone()])),
    ]);
    let values = [
        NULL,
        Value::Bool(true),
        n("-12.50"),
        n("0.0000000000000000000000000001"),
        t(""),
        t("plain"),
        t("quote \" backslash \\ slash / tab \t nl \n cr \r bs \u{8} ff \u{c} nul \u{0} us \u{1f} del \u{7f} é 🙂"),
        l(&[]),
        obj(&[]),
        l(&[l(&[]), obj(&[]), l(&[n("1"), l(&[n("2")])])]),
        obj(&[("a\"b", n("1")), ("", l(&[t("x")])), ("nested", inner.clone())]),
        l(&[date, time, zoned, money, asset, inner]),
    ];
    for v in values {
        let compact = serde_json::to_string(&v).unwrap();
        assert_eq!(
            ok("TO_JSON", std::slice::from_ref(&v)),
            t(&compact),
            "{v:?}"
        );
        for width in [1usize, 2, 4] {
            let spaces = vec![b' '; width];
            let mut buf = Vec::new();
            let formatter = serde_json::ser::PrettyFormatter::with_indent(&spaces);
            v.serialize(&mut serde_json::Serializer::with_formatter(
                &mut buf, formatter,
            ))
            .unwrap();
            let pretty = String::from_utf8(buf).unwrap();
            assert_eq!(
                ok("TO_JSON", &[v.clone(), n(&width.to_string())]),
                t(&pretty),
                "{v:?} indented by {width}"
            );
        }
        let rendered = crate::builtins::format::render::render(&v, &session);
        if !matches!(v, Value::Null | Value::Text(_)) {
            assert_eq!(
                ok("CONCAT", std::slice::from_ref(&v)),
                t(&rendered),
                "{v:?}"
            );
        }
    }
}

/// FROM_JSON reads straight into values: the same values as reading the
/// text into serde_json's tree and converting it.
#[test]
fn the_streaming_json_reader_reads_what_the_tree_gives() {
    for json in [
        "null",
        "true",
        "[]",
        "{}",
        "[1, -2.50, 1e3, 2.5E-3, 0.1e-40, -0]",
        "{\"a\": 1, \"b\": [true, null], \"a\": 2, \"c\": {\"d\": \"\\u00e9\\n\"}}",
        "{\"$serde_json::private::Number\": \"5\"}",
        "\"\\ud83d\\ude42 x\"",
        "[[[[[[[[[[1]]]]]]]]]]",
        "12345678901234567890123456.5000000000000000000000000000000000000000000000000000000000000000000001",
        "-0.0000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000000001",
    ] {
        let tree: serde_json::Value = serde_json::from_str(json).unwrap();
        let want = crate::value::json::from_json(&tree);
        let got = call("FROM_JSON", &[t(json)]);
        match (want, got) {
            (Ok(a), Ok(b)) => assert_eq!(a, b, "{json}"),
            (Err(a), Err(b)) => assert_eq!(a.kind(), b.kind(), "{json}"),
            (a, b) => panic!("{json}: {a:?} vs {b:?}"),
        }
    }
    // A syntax error comes before an out-of-range number, wherever it is.
    assert_eq!(err("FROM_JSON", &[t("[1e40, ")]), Format);
    assert_eq!(
        err("FROM_JSON", &[t("[1e40, 1]")]),
        crate::error::ErrorKind::Arithmetic
    );
}
