use proptest::prelude::*;

use super::*;
use crate::builtins::args::testing::{call, err, l, n, t, NULL};
use crate::builtins::math::testing::{digits, num, ok, TRUE};
use crate::error::ErrorKind::{Argument, Arithmetic, Type};
use crate::value::testing::{la, money, obj};
use crate::value::CurrencyCode;

fn usd(amount: &str, precision: u8) -> Value {
    money(amount, "USD", precision)
}

fn date(y: i16, m: i8, d: i8) -> Value {
    Value::Date(jiff::civil::date(y, m, d))
}

#[test]
fn sum_cases() {
    assert_eq!(ok("SUM", &[l(&[n("1"), NULL, n("2")])]), n("3"));
    assert_eq!(ok("SUM", &[l(&[n("1"), l(&[n("2")])]), n("3")]), n("6"));
    assert_eq!(ok("SUM", &[l(&[])]), n("0"));
    assert_eq!(ok("SUM", &[NULL]), n("0"));
    assert_eq!(
        ok("SUM", &[l(&[usd("1.00", 2), usd("2.50", 2)])]),
        usd("3.50", 2)
    );
    assert_eq!(err("SUM", &[l(&[n("1"), t("2")])]), Type);
    assert_eq!(err("SUM", &[n("1"), usd("1", 2)]), Type);
    assert_eq!(err("SUM", &[usd("1", 2), money("1", "EUR", 2)]), Type);
    assert_eq!(err("SUM", &[TRUE]), Type);
    let e = call("SUM", &[n("1"), l(&[t("x")])]).unwrap_err();
    assert_eq!(e.arg(), Some(1));
    let big = n("9000000000000000000000000000");
    assert_eq!(err("SUM", &[big.clone(), big.clone()]), Arithmetic);
    assert_eq!(
        err("SUM", &[big.clone(), n("1000000000000000000000000000")]),
        Arithmetic
    );
    assert_eq!(err("SUM", &[]), Argument);
    assert_eq!(CurrencyCode::parse("usd"), CurrencyCode::parse("USD"));
}

#[test]
fn sumsq_cases() {
    assert_eq!(digits("SUMSQ", &[n("3"), n("4")]), "25");
    assert_eq!(digits("SUMSQ", &[n("0.5"), n("0.5")]), "0.5");
    assert_eq!(digits("SUMSQ", &[n("0.1"), n("0.2")]), "0.05");
    assert_eq!(digits("SUMSQ", &[l(&[n("-2"), NULL, l(&[n("3")])])]), "13");
    assert_eq!(ok("SUMSQ", &[l(&[])]), n("0"));
    assert_eq!(ok("SUMSQ", &[NULL]), n("0"));
    assert_eq!(err("SUMSQ", &[n("1"), t("2")]), Type);
    assert_eq!(err("SUMSQ", &[usd("1", 2)]), Type);
    assert_eq!(err("SUMSQ", &[TRUE]), Type);
    // 10^14 squared is 10^28: out of range; so is a square past Decimal.
    assert_eq!(err("SUMSQ", &[n("100000000000000")]), Arithmetic);
    assert_eq!(err("SUMSQ", &[n("1000000000000000000000")]), Arithmetic);
    assert_eq!(
        digits("SUMSQ", &[n("99999999999999")]),
        "9999999999999800000000000001"
    );
    assert_eq!(err("SUMSQ", &[]), Argument);
}

#[test]
fn product_cases() {
    assert_eq!(digits("PRODUCT", &[n("2"), n("3"), n("4")]), "24");
    assert_eq!(digits("PRODUCT", &[l(&[n("1.5"), n("2")])]), "3");
    assert_eq!(digits("PRODUCT", &[l(&[])]), "1");
    assert_eq!(digits("PRODUCT", &[NULL]), "1");
    assert_eq!(digits("PRODUCT", &[l(&[n("2"), NULL, n("5")])]), "10");
    assert_eq!(digits("PRODUCT", &[n("1.1"), n("1.1")]), "1.21");
    assert_eq!(digits("PRODUCT", &[n("-0.5"), n("4")]), "-2");
    assert_eq!(digits("PRODUCT", &[n("-0.5"), n("-4")]), "2");
    assert_eq!(digits("PRODUCT", &[n("-3"), n("0")]), "0");
    assert_eq!(err("PRODUCT", &[n("2"), TRUE]), Type);
    assert_eq!(err("PRODUCT", &[n("0"), t("x")]), Type);
    assert_eq!(err("PRODUCT", &[usd("1", 2), n("2")]), Type);
    // Partial products beyond the range do not matter, only the result.
    let tiny = n("0.000000000000001");
    assert_eq!(
        digits(
            "PRODUCT",
            &[tiny.clone(), tiny.clone(), n("100000000000000000000")]
        ),
        "0.0000000001"
    );
    let big = n("100000000000000000000");
    assert_eq!(
        digits("PRODUCT", &[big.clone(), big.clone(), tiny.clone(), tiny]),
        "10000000000"
    );
    assert_eq!(digits("PRODUCT", &[big.clone(), big.clone(), n("0")]), "0");
    assert_eq!(err("PRODUCT", &[big.clone(), big]), Arithmetic);
    assert_eq!(
        err("PRODUCT", &[n("1000000000000000000000000000"), n("10")]),
        Arithmetic
    );
    assert_eq!(
        digits("PRODUCT", &[n("9999999999999999999999999999"), n("0.5")]),
        "4999999999999999999999999999.5"
    );
    // Below 10^-28 rounds to 0, half to even at 28 places, like a literal.
    let e14 = n("0.00000000000001");
    assert_eq!(
        digits("PRODUCT", &[e14.clone(), e14.clone()]),
        "0.0000000000000000000000000001"
    );
    assert_eq!(digits("PRODUCT", &[e14.clone(), e14, n("0.1")]), "0");
    // Many factors: no limit but the range.
    let pairs: Vec<Value> = (0..1000).flat_map(|_| [n("0.5"), n("2")]).collect();
    assert_eq!(digits("PRODUCT", &[l(&pairs)]), "1");
    let halves = l(&vec![n("0.5"); 1000]);
    assert_eq!(digits("PRODUCT", std::slice::from_ref(&halves)), "0");
    // 5^1000 has 699 digits: the coefficient keeps the leading 28 or so.
    let near_one = num("PRODUCT", &[halves, l(&vec![n("2"); 1000])]);
    assert!(
        (near_one - Decimal::ONE).abs() < Decimal::new(1, 24),
        "{near_one}"
    );
    assert_eq!(err("PRODUCT", &[]), Argument);
}

#[test]
fn max_min_numbers_and_texts() {
    assert_eq!(ok("MAX", &[n("1"), n("5"), n("3")]), n("5"));
    assert_eq!(ok("MAX", &[l(&[n("-1"), NULL, n("-5")])]), n("-1"));
    assert_eq!(ok("MIN", &[n("0.3"), n("0.25"), n("1")]), n("0.25"));
    assert_eq!(
        ok("MIN", &[l(&[n("4"), l(&[n("2"), l(&[n("8")])])])]),
        n("2")
    );
    assert_eq!(ok("MAX", &[l(&[])]), NULL);
    assert_eq!(ok("MIN", &[l(&[])]), NULL);
    assert_eq!(ok("MAX", &[NULL]), NULL);
    assert_eq!(ok("MIN", &[NULL, l(&[NULL])]), NULL);
    let fruit = l(&[t("pear"), t("apple"), t("zucchini")]);
    assert_eq!(ok("MAX", std::slice::from_ref(&fruit)), t("zucchini"));
    assert_eq!(ok("MIN", &[fruit]), t("apple"));
    // By code point: "B" < "a".
    assert_eq!(ok("MAX", &[t("B"), t("a")]), t("a"));
    assert_eq!(ok("MIN", &[t("é"), t("z")]), t("z"));
    assert_eq!(ok("MAX", &[t("only")]), t("only"));
}

#[test]
fn max_min_dates_times_currencies() {
    assert_eq!(
        ok("MAX", &[date(2021, 1, 1), date(2022, 6, 1)]),
        date(2022, 6, 1)
    );
    let time = |h, m, s| Value::Time(jiff::civil::time(h, m, s, 0));
    assert_eq!(
        ok("MIN", &[time(9, 0, 0), time(8, 59, 59)]),
        time(8, 59, 59)
    );
    // DateTimes by instant: 09:41 in Los Angeles is 17:41 UTC.
    let utc = |h| {
        Value::DateTime(std::sync::Arc::new(
            jiff::civil::date(2007, 1, 9)
                .at(h, 0, 0, 0)
                .in_tz("UTC")
                .unwrap(),
        ))
    };
    assert_eq!(ok("MAX", &[la(), utc(17)]), la());
    assert_eq!(ok("MAX", &[la(), utc(18)]), utc(18));
    assert_eq!(ok("MIN", &[utc(18), la()]), la());
    assert_eq!(ok("MAX", &[usd("1", 2), usd("2.5", 2)]), usd("2.5", 2));
    assert_eq!(ok("MIN", &[usd("1", 2), usd("-3", 0)]), usd("-3", 0));
    // Of equals, the first.
    let first = ok("MAX", &[usd("1", 0), usd("1.00", 2)]);
    assert!(matches!(first, Value::Currency(c) if c.precision == 0));
    let e = call("MIN", &[usd("100", 2), money("100", "EUR", 2)]).unwrap_err();
    assert_eq!(e.kind(), Type);
    assert!(e.message().contains("Currency in EUR"), "{}", e.message());
}

#[test]
fn max_min_type_errors() {
    assert_eq!(err("MAX", &[n("1"), t("a")]), Type);
    assert_eq!(err("MIN", &[t("a"), n("1")]), Type);
    assert_eq!(err("MAX", &[date(2021, 1, 1), la()]), Type);
    assert_eq!(err("MAX", &[TRUE]), Type);
    assert_eq!(err("MIN", &[TRUE, Value::Bool(false)]), Type);
    assert_eq!(err("MAX", &[obj(&[("a", n("1"))])]), Type);
    assert_eq!(err("MAX", &[n("1"), usd("1", 2)]), Type);
    // The argument the offending item came from is named.
    let e = call("MAX", &[n("1"), n("2"), l(&[n("3"), t("x")])]).unwrap_err();
    assert_eq!(e.arg(), Some(2));
    assert_eq!(err("MAX", &[]), Argument);
    assert_eq!(err("MIN", &[]), Argument);
}

#[test]
fn deep_nesting_does_not_recurse() {
    let mut v = l(&[n("7")]);
    for _ in 0..5_000 {
        v = l(&[v]);
    }
    assert_eq!(ok("MAX", std::slice::from_ref(&v)), n("7"));
    assert_eq!(ok("PRODUCT", std::slice::from_ref(&v)), n("7"));
    assert_eq!(ok("SUMSQ", &[v]), n("49"));
}

proptest! {
    #![proptest_config(ProptestConfig::with_cases(256))]

    /// PRODUCT of small integers is their exact product.
    #[test]
    fn product_of_small_integers_is_exact(xs in proptest::collection::vec(-1000i64..1000, 1..8)) {
        let args: Vec<Value> = xs.iter().map(|&x| Value::from(x)).collect();
        let want: i128 = xs.iter().map(|&x| i128::from(x)).product();
        prop_assert_eq!(digits("PRODUCT", &args), want.to_string());
    }

    /// MAX and MIN are the largest and smallest of the Numbers, wherever they sit.
    #[test]
    fn max_min_agree_with_sorting(xs in proptest::collection::vec(-10_000i64..10_000, 1..20), scale in 0u32..6) {
        let ds: Vec<Decimal> = xs.iter().map(|&x| Decimal::new(x, scale)).collect();
        let args: Vec<Value> = vec![Value::list(ds.iter().map(|&d| Value::Number(d)).collect())];
        let (lo, hi) = (ds.iter().min().copied(), ds.iter().max().copied());
        prop_assert_eq!(ok("MAX", &args), Value::Number(hi.unwrap_or_default()));
        prop_assert_eq!(ok("MIN", &args), Value::Number(lo.unwrap_or_default()));
    }
}
