use super::*;
use crate::builtins::args::testing::{call, err, l, n, t, NULL};
use crate::error::ErrorKind::{Argument, Type};
use crate::value::testing::obj;

const TRUE: Value = Value::Bool(true);
const FALSE: Value = Value::Bool(false);

fn run(value: Value, rules: &[Value]) -> Value {
    call("RUN_VALIDATIONS", &[value, l(rules)]).unwrap_or_else(|e| panic!("{}", e.message()))
}
fn first(value: Value, rules: &[Value]) -> Value {
    call("FIRST_VALIDATION", &[value, l(rules)]).unwrap_or_else(|e| panic!("{}", e.message()))
}
fn msgs(items: &[&str]) -> Value {
    l(&items.iter().map(|m| t(m)).collect::<Vec<_>>())
}
fn rule(message: &str, checks: &[(&str, Value)]) -> Value {
    let mut pairs = vec![("message", t(message))];
    pairs.extend(checks.iter().cloned());
    obj(&pairs)
}
fn error(f: &str, args: &[Value]) -> crate::error::Error {
    call(f, args).expect_err("an error")
}

#[test]
fn required_and_email() {
    let rules = [
        rule("Email is required", &[("required", TRUE)]),
        rule("Enter a valid email", &[("email", TRUE)]),
    ];
    assert_eq!(run(t(""), &rules), msgs(&["Email is required"]));
    assert_eq!(run(t("bob@"), &rules), msgs(&["Enter a valid email"]));
    assert_eq!(run(t("bob@example.com"), &rules), msgs(&[]));
    assert_eq!(run(NULL, &rules), msgs(&["Email is required"]));
    // Whitespace only is blank, whatever the whitespace.
    for blank in ["   ", "\t\n", "\u{a0}\u{3000}\u{2028}"] {
        assert_eq!(
            run(t(blank), &rules),
            msgs(&["Email is required"]),
            "{blank:?}"
        );
    }
    // The zero-width space is not whitespace.
    assert_eq!(run(t("\u{200b}"), &rules), msgs(&["Enter a valid email"]));
    // An empty optional value passes the other checks.
    assert_eq!(run(t(""), &rules[1..]), msgs(&[]));
    // required: FALSE (or any falsy value) is not active.
    for off in [FALSE, NULL, n("0"), t("")] {
        let r = rule("Required", &[("required", off.clone())]);
        assert_eq!(run(t(""), &[r]), msgs(&[]), "{off:?}");
    }
    // Emptiness is §1.5's: [] and {} are empty, 0 and FALSE are not.
    let req = [rule("Required", &[("required", TRUE)])];
    assert_eq!(run(l(&[]), &req), msgs(&["Required"]));
    assert_eq!(run(obj(&[]), &req), msgs(&["Required"]));
    assert_eq!(run(n("0"), &req), msgs(&[]));
    assert_eq!(run(FALSE, &req), msgs(&[]));
    assert_eq!(run(l(&[NULL]), &req), msgs(&[]));
}

#[test]
fn email_and_phone_need_text() {
    let email = [rule("Bad email", &[("email", TRUE)])];
    assert_eq!(run(n("5"), &email), msgs(&["Bad email"]));
    assert_eq!(run(t("é@example.com"), &email), msgs(&["Bad email"]));
    let phone = [rule("Bad phone", &[("phone", TRUE)])];
    assert_eq!(run(t("+15558675309"), &phone), msgs(&[]));
    assert_eq!(run(t("+1 555 867 5309"), &phone), msgs(&["Bad phone"]));
    assert_eq!(run(t("+18675309"), &phone), msgs(&["Bad phone"]));
    assert_eq!(run(n("15558675309"), &phone), msgs(&["Bad phone"]));
    assert_eq!(run(t(""), &phone), msgs(&[]));
}

#[test]
fn lengths_count_characters_items_and_keys() {
    let rules = [
        rule("Too short", &[("min_length", n("3"))]),
        rule("Too long", &[("max_length", n("5"))]),
    ];
    assert_eq!(first(t("ab"), &rules), t("Too short"));
    assert_eq!(first(t("abcd"), &rules), NULL);
    assert_eq!(first(t("abcdef"), &rules), t("Too long"));
    // Characters are scalar values.
    assert_eq!(first(t("🙂🙂🙂"), &rules), NULL);
    assert_eq!(first(t("e\u{301}e"), &rules), NULL);
    assert_eq!(first(t("שלום עולם"), &rules), t("Too long"));
    assert_eq!(first(l(&[n("1"), n("2")]), &rules), t("Too short"));
    assert_eq!(
        first(obj(&[("a", n("1")), ("b", n("2")), ("c", n("3"))]), &rules),
        NULL
    );
    // Neither Text, List nor Object: the length checks fail.
    assert_eq!(run(n("12345"), &rules), msgs(&["Too short", "Too long"]));
    assert_eq!(run(TRUE, &rules), msgs(&["Too short", "Too long"]));
    // NULL lengths are not active; 2.0 is whole.
    let r = rule("m", &[("min_length", NULL), ("max_length", n("2.0"))]);
    assert_eq!(run(t("ab"), std::slice::from_ref(&r)), msgs(&[]));
    assert_eq!(run(t("abc"), &[r]), msgs(&["m"]));
    // A very long text, and a huge bound.
    let long = t(&"x".repeat(1_000_000));
    let huge = rule("m", &[("max_length", n("1e27"))]);
    assert_eq!(run(long.clone(), &[huge]), msgs(&[]));
    assert_eq!(run(long, &rules), msgs(&["Too long"]));
}

#[test]
fn min_max_use_the_ordering_operator() {
    assert_eq!(
        run(n("17"), &[rule("Too young", &[("min", n("18"))])]),
        msgs(&["Too young"])
    );
    assert_eq!(
        run(n("18"), &[rule("Too young", &[("min", n("18"))])]),
        msgs(&[])
    );
    let range = [rule("1 to 10", &[("min", n("1")), ("max", n("10"))])];
    assert_eq!(run(n("10"), &range), msgs(&[]));
    assert_eq!(run(n("10.5"), &range), msgs(&["1 to 10"]));
    // Not orderable against a Number: fails.
    assert_eq!(run(t("5"), &range), msgs(&["1 to 10"]));
    assert_eq!(run(TRUE, &range), msgs(&["1 to 10"]));
    // Text orders by code point.
    assert_eq!(
        run(t("b"), &[rule("m", &[("min", t("a")), ("max", t("c"))])]),
        msgs(&[])
    );
    assert_eq!(run(t("B"), &[rule("m", &[("min", t("a"))])]), msgs(&["m"]));
    // An empty value is optional.
    assert_eq!(run(NULL, &range), msgs(&[]));
    // A NULL bound is not active.
    assert_eq!(run(n("99"), &[rule("m", &[("max", NULL)])]), msgs(&[]));
}

#[test]
fn one_of_is_contains() {
    let colours = [rule(
        "Pick a colour",
        &[("one_of", l(&[t("red"), t("green")]))],
    )];
    assert_eq!(run(t("red"), &colours), msgs(&[]));
    assert_eq!(run(t("Red"), &colours), msgs(&["Pick a colour"]));
    assert_eq!(run(t("blue"), &colours), msgs(&["Pick a colour"]));
    let numbers = [rule("m", &[("one_of", l(&[n("1"), n("2")]))])];
    assert_eq!(run(n("2.0"), &numbers), msgs(&[]));
    assert_eq!(run(t("2"), &numbers), msgs(&["m"]));
    assert_eq!(run(t(""), &numbers), msgs(&[]));
    assert_eq!(run(n("1"), &[rule("m", &[("one_of", NULL)])]), msgs(&[]));
}

#[test]
fn valid_is_a_custom_rule() {
    for falsy in [FALSE, NULL, n("0"), t(""), l(&[])] {
        assert_eq!(
            run(t("x"), &[rule("m", &[("valid", falsy.clone())])]),
            msgs(&["m"]),
            "{falsy:?}"
        );
        // valid is checked even for an empty value.
        assert_eq!(
            run(t(""), &[rule("m", &[("valid", falsy.clone())])]),
            msgs(&["m"])
        );
    }
    for truthy in [TRUE, n("1"), t("yes"), l(&[NULL])] {
        assert_eq!(
            run(t("x"), &[rule("m", &[("valid", truthy.clone())])]),
            msgs(&[])
        );
    }
    // All rules are checked, in order.
    let rules = [
        rule("first", &[("valid", FALSE)]),
        rule("second", &[("required", TRUE)]),
        rule("third", &[("valid", n("0"))]),
    ];
    assert_eq!(run(t(""), &rules), msgs(&["first", "second", "third"]));
    assert_eq!(first(t(""), &rules), t("first"));
    // Several checks in one rule: any failing one fails the rule, once.
    let both = [rule(
        "m",
        &[("required", TRUE), ("min_length", n("3")), ("valid", FALSE)],
    )];
    assert_eq!(run(t("ab"), &both), msgs(&["m"]));
}

#[test]
fn rules_check_their_own_values() {
    let form = obj(&[
        ("name", t("Ada")),
        ("isbn", t("978-0307879257")),
        ("age", n("16")),
    ]);
    let field = |k: &str| form.as_object().unwrap()[k].clone();
    let rules = [
        rule(
            "Name is required",
            &[("value", field("name")), ("required", TRUE)],
        ),
        rule(
            "ISBN has 13 digits",
            &[
                ("value", field("isbn")),
                ("min_length", n("13")),
                ("max_length", n("17")),
            ],
        ),
        rule(
            "You must be 18 or older",
            &[("valid", FALSE), ("field", t("age"))],
        ),
    ];
    let got = call("RUN_VALIDATIONS", &[l(&rules)]).unwrap();
    assert_eq!(got, msgs(&["You must be 18 or older"]));
    let got = call("FIRST_VALIDATION", &[l(&rules)]).unwrap();
    assert_eq!(got, t("You must be 18 or older"));
    // A rule's value overrides the common one, even when it is NULL.
    let r = rule("Required", &[("value", NULL), ("required", TRUE)]);
    assert_eq!(run(t("given"), &[r]), msgs(&["Required"]));
    // Without a common value a rule checks NULL.
    let r = rule("Required", &[("required", TRUE)]);
    assert_eq!(
        call("RUN_VALIDATIONS", &[l(&[r])]).unwrap(),
        msgs(&["Required"])
    );
    assert_eq!(call("FIRST_VALIDATION", &[l(&[])]).unwrap(), NULL);
}

#[test]
fn malformed_rules() {
    let check = |rules: &[Value]| {
        let e = error("RUN_VALIDATIONS", &[t("x"), l(rules)]);
        let first = error("FIRST_VALIDATION", &[t("x"), l(rules)]);
        assert_eq!(
            (e.kind(), e.message()),
            (
                first.kind(),
                first
                    .message()
                    .replace("FIRST_VALIDATION", "RUN_VALIDATIONS")
                    .as_str()
            )
        );
        assert_eq!(e.arg(), Some(1));
        (e.kind(), e.message().to_owned())
    };
    assert_eq!(
        check(&[n("5")]),
        (
            Type,
            "RUN_VALIDATIONS: rule 1 must be an Object, got Number".into()
        )
    );
    assert_eq!(
        check(&[obj(&[("requird", TRUE), ("message", t("m"))])]),
        (
            Argument,
            "RUN_VALIDATIONS: rule 1 has an unknown key \"requird\"; did you mean \"required\"?"
                .into()
        )
    );
    assert_eq!(
        check(&[obj(&[("Required", TRUE), ("message", t("m"))])]),
        (
            Argument,
            "RUN_VALIDATIONS: rule 1 has an unknown key \"Required\"; did you mean \"required\"?"
                .into()
        )
    );
    assert_eq!(
        check(&[obj(&[("colour", TRUE), ("message", t("m"))])]),
        (Argument, "RUN_VALIDATIONS: rule 1 has an unknown key \"colour\"; rule keys are valid, required, email, phone, min_length, max_length, min, max, one_of, message, value, field".into())
    );
    assert_eq!(
        check(&[obj(&[("required", TRUE)])]),
        (Argument, "RUN_VALIDATIONS: rule 1 has no message".into())
    );
    assert_eq!(
        check(&[obj(&[("message", t("m"))])]),
        (Argument, "RUN_VALIDATIONS: rule 1 has no check; give one of valid, required, email, phone, min_length, max_length, min, max, one_of".into())
    );
    assert_eq!(
        check(&[obj(&[
            ("message", t("m")),
            ("value", t("x")),
            ("field", t("f"))
        ])])
        .0,
        Argument
    );
    assert_eq!(
        check(&[obj(&[("required", TRUE), ("message", n("1"))])]),
        (
            Type,
            "RUN_VALIDATIONS: rule 1 has a message that is not Text: Number".into()
        )
    );
    assert_eq!(
        check(&[obj(&[("required", TRUE), ("message", NULL)])]).0,
        Type
    );
    assert_eq!(
        check(&[rule("m", &[("min_length", n("1.5"))])]),
        (
            Argument,
            "RUN_VALIDATIONS: rule 1 has min_length 1.5: a length is a whole number, 0 or more"
                .into()
        )
    );
    assert_eq!(check(&[rule("m", &[("max_length", n("-1"))])]).0, Argument);
    // A negative zero is zero.
    let minus_zero = Value::Number(-Decimal::ZERO);
    let r = rule("m", &[("max_length", minus_zero)]);
    assert_eq!(run(t("x"), &[r]), msgs(&["m"]));
    assert_eq!(
        check(&[rule("m", &[("min_length", t("3"))])]),
        (
            Type,
            "RUN_VALIDATIONS: rule 1 has min_length that is not a Number: Text".into()
        )
    );
    assert_eq!(
        check(&[rule("m", &[("one_of", t("red"))])]),
        (
            Type,
            "RUN_VALIDATIONS: rule 1 has one_of that is not a List: Text".into()
        )
    );
    // A malformed rule after a failing one is still an error.
    let rules = [rule("fails", &[("valid", FALSE)]), n("5")];
    assert_eq!(check(&rules).0, Type);
    assert!(check(&rules).1.contains("rule 2 "));
    // Unicode and very long keys are quoted, in part.
    let long = "k".repeat(10_000);
    let (kind, m) = check(&[obj(&[(long.as_str(), TRUE), ("message", t("m"))])]);
    assert_eq!(kind, Argument);
    assert!(m.contains(&format!("\"{}\"…", "k".repeat(40))), "{m}");
    assert!(m.len() < 300);
    let (_, m) = check(&[obj(&[("🙂", TRUE), ("message", t("m"))])]);
    assert!(m.contains("unknown key \"🙂\""), "{m}");
}

#[test]
fn arguments() {
    assert_eq!(err("RUN_VALIDATIONS", &[t("x"), t("rules")]), Type);
    assert_eq!(
        err("FIRST_VALIDATION", &[t("x"), obj(&[("required", TRUE)])]),
        Type
    );
    assert_eq!(err("RUN_VALIDATIONS", &[t("rules")]), Argument);
    assert_eq!(err("RUN_VALIDATIONS", &[n("1")]), Argument);
    assert_eq!(err("FIRST_VALIDATION", &[]), Argument);
    assert_eq!(err("RUN_VALIDATIONS", &[t("x"), l(&[]), l(&[])]), Argument);
    assert_eq!(call("RUN_VALIDATIONS", &[t("x"), NULL]).unwrap(), NULL);
    assert_eq!(call("RUN_VALIDATIONS", &[NULL]).unwrap(), NULL);
    assert_eq!(call("FIRST_VALIDATION", &[NULL, NULL]).unwrap(), NULL);
    assert_eq!(run(t("x"), &[]), msgs(&[]));
    // Messages may be any Text.
    let r = [rule("שדה חובה 🙂", &[("required", TRUE)])];
    assert_eq!(run(t(""), &r), msgs(&["שדה חובה 🙂"]));
    assert_eq!(run(t(""), &[rule("", &[("required", TRUE)])]), msgs(&[""]));
}
