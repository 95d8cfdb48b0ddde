use super::number::{self, Lengths, Phone};
use super::*;
use crate::builtins::args::testing::{call, call_with, err, l, n, t, NULL};
use crate::error::ErrorKind::{Argument, Format, Type};
use crate::session::Session;

fn ok(f: &str, args: &[Value]) -> Value {
    call(f, args).unwrap_or_else(|e| panic!("{f}({args:?}) failed: {}", e.message()))
}
fn message(f: &str, args: &[Value]) -> String {
    call(f, args).expect_err("an error").message().to_owned()
}
fn in_locale(locale: &str, f: &str, args: &[Value]) -> crate::error::Result<Value> {
    let session = Session {
        locale: locale.into(),
        ..Default::default()
    };
    call_with(&session, f, args)
}

#[test]
fn isphone_accepts_possible_e164_only() {
    for yes in [
        "+15558675309",
        "+442071838750",
        "+12125551234",
        "+4930123456",
        "+33612345678",
        "+390612345678", // the Italian leading zero belongs to the number
        "+78001234567",
        "+80012345678", // a non-geographic code
        "+14165550100", // Canada shares +1
    ] {
        assert_eq!(ok("ISPHONE", &[t(yes)]), Value::Bool(true), "{yes}");
    }
    for no in [
        "+1 555 867 5309",
        "+1-555-867-5309",
        "(555) 867-5309",
        "5558675309",
        "+1555867530",    // too short for +1
        "+155586753090",  // too long for +1
        "+18675309",      // a local number without its area code
        "+999123456",     // no country uses 999
        "+4402071838750", // the trunk 0 is not part of E.164
        "+0123456789",
        "+",
        "+1",
        "",
        " +15558675309",
        "+15558675309 ",
        "+15558675309\n",
        "++15558675309",
        "+1555867530９", // a full-width digit
        "＋15558675309", // a full-width plus
        "+١٥٥٥٨٦٧٥٣٠٩",  // Arabic-Indic digits
        "+1555867530🙂",
        "+15558675309\u{301}",
        "+1234567890123456", // 16 digits
        "tel:+15558675309",
        "Hello Airkit!",
        "שלום",
    ] {
        assert_eq!(ok("ISPHONE", &[t(no)]), Value::Bool(false), "{no:?}");
    }
    for v in [
        n("15558675309"),
        NULL,
        Value::Bool(true),
        l(&[t("+15558675309")]),
    ] {
        assert_eq!(
            ok("ISPHONE", std::slice::from_ref(&v)),
            Value::Bool(false),
            "{v:?}"
        );
    }
    let long = format!("+1{}", "5".repeat(1_000_000));
    assert_eq!(ok("ISPHONE", &[t(&long)]), Value::Bool(false));
}

#[test]
fn parse_phone_normalises_to_e164() {
    let cases: [(&str, Option<&str>, &str); 22] = [
        ("(555) 867-5309", None, "+15558675309"),
        ("555.867.5309", None, "+15558675309"),
        ("1-555-867-5309", None, "+15558675309"),
        ("+44 20 7183 8750", None, "+442071838750"),
        ("020 7183 8750", Some("GB"), "+442071838750"),
        ("06 12 34 56 78", Some("fr"), "+33612345678"),
        ("011 44 20 7183 8750", None, "+442071838750"),
        ("555-867-5309 ext. 12", None, "+15558675309"),
        ("555-867-5309 x12", None, "+15558675309"),
        ("tel:+1-555-867-5309;ext=12", None, "+15558675309"),
        ("+15558675309", None, "+15558675309"),
        ("  +15558675309\t", None, "+15558675309"),
        ("+15558675309", Some("GB"), "+15558675309"),
        ("1-800-FLOWERS", None, "+18003569377"),
        ("+44 (0) 20 7183 8750", None, "+442071838750"),
        ("(555) 867-5309", Some(" us "), "+15558675309"),
        ("06 1234 5678", Some("IT"), "+390612345678"),
        ("+390612345678", None, "+390612345678"),
        ("+800 1234 5678", None, "+80012345678"),
        ("030 123456", Some("de"), "+4930123456"),
        // Argentina's mobile prefix is transformed: 011 15 → 9 11.
        ("011 15 2345 6789", Some("AR"), "+5491123456789"),
        ("(555) 867-5309", Some("CA"), "+15558675309"),
    ];
    for (text, region, want) in cases {
        let mut args = vec![t(text)];
        args.extend(region.map(t));
        assert_eq!(ok("PARSE_PHONE", &args), t(want), "{text:?} {region:?}");
    }
}

#[test]
fn parse_phone_mends_the_crates_national_prefix_bugs() {
    // phonenumber 0.3.10 strips the national prefix a second time
    // (+7 800 ... would become +7 001234567) ...
    assert_eq!(
        ok("PARSE_PHONE", &[t("+7 800 123 45 67")]),
        t("+78001234567")
    );
    assert_eq!(
        ok("PARSE_PHONE", &[t("8 800 123 45 67"), t("RU")]),
        t("+78001234567")
    );
    // ... and with the default region's rules after an international prefix.
    assert_eq!(
        ok("PARSE_PHONE", &[t("011 44 121 234 5678")]),
        t("+441212345678")
    );
    assert_eq!(
        ok("PARSE_PHONE", &[t("+44 121 234 5678")]),
        t("+441212345678")
    );
    // An Italian mobile number that starts with the code 39 keeps it.
    assert_eq!(
        ok("PARSE_PHONE", &[t("391 234 5678"), t("IT")]),
        t("+393912345678")
    );
    // After `+` comes the country code, even where the region's
    // international prefix (810 in Russia) would match ...
    assert_eq!(
        ok("PARSE_PHONE", &[t("+81 03 1234 5678"), t("RU")]),
        t("+81312345678")
    );
    // ... unless no valid code follows: then the prefix is tried.
    assert_eq!(
        ok("PARSE_PHONE", &[t("+00 44 20 7183 8750"), t("GB")]),
        t("+442071838750")
    );
    // Whether a national number starts with the region's own calling code
    // is decided as libphonenumber does: here it does not.
    assert_eq!(
        ok("PARSE_PHONE", &[t("345598967"), t("ES")]),
        t("+34345598967")
    );
    assert_eq!(
        ok("PARSE_PHONE", &[t("34 912 345 678"), t("ES")]),
        t("+34912345678")
    );
    // libphonenumber reads ";ext=" outside a tel: URI too.
    assert_eq!(
        ok("PARSE_PHONE", &[t("+31 10 123 4567;ext=7")]),
        t("+31101234567")
    );
}

#[test]
fn parse_phone_refuses_what_e164_cannot_hold() {
    // Germany has 15-digit numbers: 17 digits with the country code.
    let e = call("PARSE_PHONE", &[t("030 1234567890123"), t("DE")]).unwrap_err();
    assert_eq!(e.kind(), Format);
    assert_eq!(
        e.message(),
        "PARSE_PHONE: \"030 1234567890123\" is not a possible phone number in region DE: \
         +49301234567890123 is longer than the 15 digits of E.164"
    );
    assert_eq!(
        ok("ISPHONE", &[t("+49301234567890123")]),
        Value::Bool(false)
    );
}

#[test]
fn parse_phone_reads_national_forms_in_the_session_region() {
    assert_eq!(
        in_locale("de-DE", "PARSE_PHONE", &[t("030 123456")]).unwrap(),
        t("+4930123456")
    );
    assert_eq!(
        in_locale("en-GB", "PARSE_PHONE", &[t("020 7183 8750")]).unwrap(),
        t("+442071838750")
    );
    // A locale without a region means US.
    assert_eq!(
        in_locale("en", "PARSE_PHONE", &[t("(555) 867-5309")]).unwrap(),
        t("+15558675309")
    );
    // An argument overrides the session region.
    assert_eq!(
        in_locale("de-DE", "PARSE_PHONE", &[t("(555) 867-5309"), t("US")]).unwrap(),
        t("+15558675309")
    );
    let e = in_locale("en-ZZ", "PARSE_PHONE", &[t("(555) 867-5309")]).unwrap_err();
    assert_eq!(e.kind(), Argument);
    assert_eq!(
        e.message(),
        "PARSE_PHONE: the session region \"ZZ\" is not a known region; give one as argument 2"
    );
}

#[test]
fn parse_phone_refuses_what_is_not_a_possible_number() {
    for text in [
        "867-5309",
        "call me",
        "hello",
        "",
        "   ",
        "+",
        "+999123456",
        "+1555867530",
        "555-86",
        "🙂",
        "שלום",
        "١٢٣٤٥٦٧٨٩٠",
        "e\u{301}",
        "8 800 123 45 67",
    ] {
        assert_eq!(err("PARSE_PHONE", &[t(text)]), Format, "{text:?}");
    }
    // libphonenumber reads at most 250 characters.
    let long = format!("555 867 5309{}", " ".repeat(300));
    assert_eq!(ok("PARSE_PHONE", &[t(&long)]), t("+15558675309"));
    let long = format!("555 867 5309 {}", "x".repeat(300));
    assert_eq!(err("PARSE_PHONE", &[t(&long)]), Format);
    let huge = "5".repeat(1_000_000);
    assert_eq!(err("PARSE_PHONE", &[t(&huge)]), Format);
    assert_eq!(
        message("PARSE_PHONE", &[t("867-5309")]),
        "PARSE_PHONE: \"867-5309\" is not a possible phone number in region US: \
         +18675309 is a local number without its area code"
    );
    assert_eq!(
        message("PARSE_PHONE", &[t("+1555867530")]),
        "PARSE_PHONE: \"+1555867530\" is not a possible phone number: +1555867530 is too short"
    );
    assert_eq!(
        message("PARSE_PHONE", &[t("call me")]),
        "PARSE_PHONE: \"call me\" is not a phone number"
    );
    let m = message("PARSE_PHONE", &[t(&huge)]);
    assert_eq!(
        m,
        format!("PARSE_PHONE: \"{}\"… is not a phone number", "5".repeat(40))
    );
    assert_eq!(call("PARSE_PHONE", &[t("x")]).unwrap_err().arg(), Some(0));
}

#[test]
fn parse_phone_arguments() {
    assert_eq!(ok("PARSE_PHONE", &[NULL]), NULL);
    assert_eq!(ok("PARSE_PHONE", &[NULL, t("XX")]), NULL);
    assert_eq!(
        ok("PARSE_PHONE", &[t("(555) 867-5309"), NULL]),
        t("+15558675309")
    );
    assert_eq!(err("PARSE_PHONE", &[n("5558675309")]), Type);
    assert_eq!(err("PARSE_PHONE", &[t("5558675309"), n("1")]), Type);
    for region in ["XX", "USA", "", "U", "001", "U1", "ÜS", "🙂"] {
        assert_eq!(
            err("PARSE_PHONE", &[t("5558675309"), t(region)]),
            Argument,
            "{region:?}"
        );
    }
    // The region is checked even when an E.164 text does not need it.
    assert_eq!(err("PARSE_PHONE", &[t("+15558675309"), t("XX")]), Argument);
    let e = call("PARSE_PHONE", &[t("5558675309"), t("XX")]).unwrap_err();
    assert_eq!(e.arg(), Some(1));
    assert_eq!(
        e.message(),
        "PARSE_PHONE: argument 2 (region) must be an ISO 3166 two-letter region code such as \"US\", got \"XX\""
    );
    assert_eq!(err("PARSE_PHONE", &[]), Argument);
}

#[test]
fn parse_phone_feeds_isphone() {
    for text in [
        "(212) 555-1234",
        "+44 20 7183 8750",
        "011 44 121 234 5678",
        "1-800-FLOWERS",
    ] {
        let e164 = ok("PARSE_PHONE", &[t(text)]);
        assert_eq!(ok("ISPHONE", &[e164]), Value::Bool(true), "{text}");
    }
}

#[test]
fn format_phone_layouts() {
    let cases = [
        ("+15558675309", "E164", "+15558675309"),
        ("+15558675309", "INTERNATIONAL", "+1 555-867-5309"),
        ("+15558675309", "NATIONAL", "(555) 867-5309"),
        ("+15558675309", "RFC3966", "tel:+1-555-867-5309"),
        ("+442071838750", "E164", "+442071838750"),
        ("+442071838750", "INTERNATIONAL", "+44 20 7183 8750"),
        ("+442071838750", "NATIONAL", "020 7183 8750"),
        ("+442071838750", "RFC3966", "tel:+44-20-7183-8750"),
        ("+4930123456", "national", "030 123456"),
        ("+78001234567", "National", "8 (800) 123-45-67"),
        ("+390612345678", "international", "+39 06 1234 5678"),
        ("+80012345678", "INTERNATIONAL", "+800 1234 5678"),
        // Extensions are dropped in every layout.
        ("555-867-5309 ext. 12", "E164", "+15558675309"),
        ("555-867-5309 ext. 12", "INTERNATIONAL", "+1 555-867-5309"),
        ("555-867-5309 ext. 12", "NATIONAL", "(555) 867-5309"),
        ("555-867-5309 ext. 12", "RFC3966", "tel:+1-555-867-5309"),
    ];
    for (phone, format, want) in cases {
        assert_eq!(
            ok("FORMAT_PHONE", &[t(phone), t(format)]),
            t(want),
            "{phone} {format}"
        );
    }
    assert_eq!(
        ok("FORMAT_PHONE", &[t("(212) 555-1234")]),
        t("+12125551234")
    );
    assert_eq!(
        ok("FORMAT_PHONE", &[t("+15558675309"), NULL]),
        t("+15558675309")
    );
    assert_eq!(
        ok("FORMAT_PHONE", &[t("020 7183 8750"), t("E164"), t("GB")]),
        t("+442071838750")
    );
    // The national layout is the number's own country's, whatever the region.
    assert_eq!(
        in_locale("de-DE", "FORMAT_PHONE", &[t("+15558675309"), t("NATIONAL")]).unwrap(),
        t("(555) 867-5309")
    );
}

#[test]
fn format_phone_errors() {
    assert_eq!(
        err("FORMAT_PHONE", &[t("+15558675309"), t("SHORT")]),
        Argument
    );
    assert_eq!(err("FORMAT_PHONE", &[t("+15558675309"), t("")]), Argument);
    assert_eq!(
        err("FORMAT_PHONE", &[t("+15558675309"), t("E.164")]),
        Argument
    );
    assert_eq!(err("FORMAT_PHONE", &[t("hello")]), Format);
    assert_eq!(err("FORMAT_PHONE", &[t("867-5309"), t("NATIONAL")]), Format);
    assert_eq!(err("FORMAT_PHONE", &[t("🙂")]), Format);
    assert_eq!(ok("FORMAT_PHONE", &[NULL]), NULL);
    assert_eq!(ok("FORMAT_PHONE", &[NULL, t("SHORT")]), NULL);
    assert_eq!(err("FORMAT_PHONE", &[n("15558675309")]), Type);
    assert_eq!(err("FORMAT_PHONE", &[t("+15558675309"), n("1")]), Type);
    assert_eq!(
        err("FORMAT_PHONE", &[t("+15558675309"), t("E164"), n("1")]),
        Type
    );
    let e = call("FORMAT_PHONE", &[t("020 7183 8750"), t("E164"), t("UK")]).unwrap_err();
    assert_eq!((e.kind(), e.arg()), (Argument, Some(2)));
    let e = call("FORMAT_PHONE", &[t("+15558675309"), t("SHORT")]).unwrap_err();
    assert_eq!(e.arg(), Some(1));
    assert_eq!(
        e.message(),
        "FORMAT_PHONE: argument 2 (format) must be one of \"E164\", \"INTERNATIONAL\", \"NATIONAL\", \"RFC3966\", got \"SHORT\""
    );
}

#[test]
fn regions() {
    assert!(matches!(region("us"), Ok(country::Id::US)));
    assert!(matches!(region(" Gb "), Ok(country::Id::GB)));
    assert!(matches!(region("XK"), Ok(country::Id::XK)));
    for bad in ["XX", "USA", "", "u", "001", "ÜS", "U S"] {
        assert_eq!(
            region(bad).err(),
            Some(format!(
                "{bad:?} is not a known region (an ISO 3166 two-letter code such as US)"
            )),
            "{bad:?}"
        );
    }
}

#[test]
fn general_lengths_are_the_union_of_the_types() {
    let db = &*phonenumber::metadata::DATABASE;
    let of = |id: &str| number::lengths(db.by_id(id).expect("metadata"));
    assert_eq!(
        of("US"),
        Lengths {
            possible: vec![10],
            local_only: vec![7]
        }
    );
    assert_eq!(
        of("GB"),
        Lengths {
            possible: vec![7, 9, 10],
            local_only: vec![4, 5, 6, 8]
        }
    );
    assert_eq!(
        of("FR"),
        Lengths {
            possible: vec![9],
            local_only: vec![]
        }
    );
}

#[test]
fn possibility_is_libphonenumbers() {
    use phonenumber::Validation::*;
    let cases = [
        (1, "5558675309", IsPossible),
        (1, "8675309", IsPossibleLocalOnly),
        (1, "555867530", TooShort),
        (1, "55586753090", TooLong),
        (44, "2071838750", IsPossible),
        (44, "207183875", IsPossible),
        (44, "20718387", IsPossibleLocalOnly),
        (44, "207183", IsPossibleLocalOnly),
        (44, "207", TooShort),
        (49, "30123456", IsPossible),
        (999, "123456", InvalidCountryCode),
    ];
    for (code, national, want) in cases {
        assert_eq!(
            number::possibility(code, national),
            want,
            "+{code} {national}"
        );
    }
}

#[test]
fn strict_e164_splits_at_the_country_code() {
    let phone = |code, national: &str| Phone {
        code,
        national: national.to_owned(),
    };
    assert_eq!(
        number::split_e164("+15558675309"),
        Some(phone(1, "5558675309"))
    );
    assert_eq!(
        number::split_e164("+442071838750"),
        Some(phone(44, "2071838750"))
    );
    assert_eq!(
        number::split_e164("+80012345678"),
        Some(phone(800, "12345678"))
    );
    assert_eq!(number::split_e164("+999123456"), None);
    assert_eq!(number::split_e164("15558675309"), None);
    assert_eq!(number::split_e164("+1"), None);
}
