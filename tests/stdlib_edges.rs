//! The edges of the standard library that users meet with real data:
//! Unicode (emoji, skin tones and flags, combining marks, right-to-left
//! text, the empty string), very long inputs, and malformed input, which is
//! always a typed error (never a panic or a hang).
//!
//! Each line of the tables below is `EXPRESSION ⇒ EXPECTED` or
//! `EXPRESSION ⇒ !ErrorKind`, evaluated as in `air eval`.

mod table;

use table::check;

#[test]
fn unicode_is_counted_in_scalar_values_and_never_normalised() {
    check(
        r##"
        LENGTH("🙂") ⇒ 1
        LENGTH("👍🏽") ⇒ 2
        LENGTH("🇺🇸") ⇒ 2
        LENGTH("e\u0301") ⇒ 2
        LENGTH("é") ⇒ 1
        "é" = "e\u0301" ⇒ FALSE
        LENGTH("") ⇒ 0
        SUBSTRING("a🙂b", 1, 2) ⇒ "🙂"
        REVERSE("ab🙂") ⇒ "🙂ba"
        UPPERCASE("straße") ⇒ "STRASSE"
        UPPERCASE("مرحبا") ⇒ "مرحبا"
        LENGTH("مرحبا بالعالم") ⇒ 13
        SPLIT("שלום עולם") ⇒ ["שלום", "עולם"]
        STRING_FIND("abc🙂d", "d") ⇒ 4
        PADSTRING("🙂", 3, "é") ⇒ "éé🙂"
        TRIM("\u00a0 x \u3000") ⇒ "x"
        SPLIT("", ",") ⇒ [""]
        BASE64_DECODE(BASE64_ENCODE("👍🏽🇺🇸e\u0301")) ⇒ "👍🏽🇺🇸e\u0301"
        URL_DECODE(URL_ENCODE("שלום 🙂")) ⇒ "שלום 🙂"
        URL_ENCODE("") ⇒ ""
        BASE64_ENCODE("") ⇒ ""
        FROM_JSON(TO_JSON("مرحبا 🙂 e\u0301")) ⇒ "مرحبا 🙂 e\u0301"
        FROM_JSON(TO_JSON({"🙂": "x", "": ""})) ⇒ {"🙂": "x", "": ""}
        MD5("") ⇒ "d41d8cd98f00b204e9800998ecf8427e"
        TYPEOF("") ⇒ "Text"
        ASSET_SIZE(URI_TO_ASSET("data:," + URL_ENCODE("🙂"))) ⇒ 4
        XML_TO_OBJECT("<שם lang=\"he\">שלום 🙂</שם>") ⇒ {"שם": {"@lang": "he", "#text": "שלום 🙂"}}
        XML_TO_OBJECT(OBJECT_TO_XML({a: "e\u0301 👍🏽"})) ⇒ {a: "e\u0301 👍🏽"}
        XML_TO_OBJECT("<a></a>") ⇒ {a: NULL}
        KEYS(MERGE_OBJECTS({"🙂": 1}, {"": 2})) ⇒ ["🙂", ""]
        ISPHONE("") ⇒ FALSE
        ISPHONE("+١٥٥٥٨٦٧٥٣٠٩") ⇒ FALSE
        PARSE_NUMBER("1,234.5") ⇒ 1234.5
        ARABIC("") ⇒ 0
        ROMAN(0) ⇒ ""
        RUN_VALIDATIONS("🙂", [{min_length: 2, message: "short"}]) ⇒ ["short"]
        RUN_VALIDATIONS("e\u0301", [{max_length: 1, message: "long"}]) ⇒ ["long"]
        RUN_VALIDATIONS(" ", [{required: TRUE, message: "required"}]) ⇒ ["required"]
        "##,
    );
}

#[test]
fn long_inputs_work_or_hit_the_limit_with_a_limit_error() {
    check(
        r##"
        LENGTH(REPT("🙂", 1000000)) ⇒ 1000000
        LENGTH(BASE64_ENCODE(REPT("x", 3000000))) ⇒ 4000000
        LENGTH(BASE64_DECODE(BASE64_ENCODE(REPT("é", 1000000)))) ⇒ 1000000
        LENGTH(URL_ENCODE(REPT(" ", 1000000))) ⇒ 3000000
        LENGTH(SHA256(REPT("x", 5000000))) ⇒ 64
        LENGTH(FROM_JSON(TO_JSON(RANGE(1, 100000)))) ⇒ 100000
        LENGTH(TO_JSON(REPT("a", 1000000))) ⇒ 1000002
        REPT("x", 1000000000000) ⇒ !LimitError
        BASE64_ENCODE(REPT("x", 15000000)) ⇒ !LimitError
        FROM_JSON(REPT("[", 100000) + REPT("]", 100000)) ⇒ !LimitError
        LENGTH(VALUES(XML_TO_OBJECT("<a>" + REPT("<b>🙂</b>", 100000) + "</a>").a)[0]) ⇒ 100000
        XML_TO_OBJECT(REPT("<a>", 100000) + REPT("</a>", 100000)) ⇒ !LimitError
        LENGTH(OBJECT_TO_XML({a: REPT("&", 1000000)})) ⇒ 5000007
        PARSE_NUMBER(REPT("1", 100000)) ⇒ !ArithmeticError
        PARSE_PHONE(REPT("5", 100000)) ⇒ !FormatError
        ARABIC(REPT("M", 100000)) ⇒ 100000000
        "##,
    );
}

#[test]
fn malformed_input_is_a_typed_error() {
    check(
        r##"
        FROM_JSON("{") ⇒ !FormatError
        FROM_JSON("[1,]") ⇒ !FormatError
        FROM_JSON("01") ⇒ !FormatError
        FROM_JSON("\"\\x\"") ⇒ !FormatError
        FROM_JSON("\"\\ud83d\"") ⇒ !FormatError
        FROM_JSON("1e999999") ⇒ !ArithmeticError
        FROM_JSON("") ⇒ !FormatError
        FROM_JSON("{\"a\":1} x") ⇒ !FormatError
        BASE64_DECODE("a") ⇒ !FormatError
        BASE64_DECODE("SGVsbG8=x") ⇒ !FormatError
        BASE64_DECODE("=SGVs") ⇒ !FormatError
        BASE64_DECODE("🙂") ⇒ !FormatError
        BASE64_DECODE("gA==") ⇒ !FormatError
        URL_DECODE("%") ⇒ !FormatError
        URL_DECODE("%zz") ⇒ !FormatError
        URL_DECODE("%C3") ⇒ !FormatError
        URL_DECODE("%ff%fe") ⇒ !FormatError
        VALUE_OF("🙂") ⇒ !FormatError
        VALUE_OF("") ⇒ !FormatError
        URI_TO_ASSET("data:;base64,🙂") ⇒ !FormatError
        URI_TO_ASSET("data:,%") ⇒ !FormatError
        URI_TO_ASSET("mailto:a@example.com") ⇒ !FormatError
        URI_TO_ASSET("data:,x", "x", "no type") ⇒ !ArgumentError
        TO_JSON(1, 100000000000000000000) ⇒ !ArgumentError
        SHA256("x", "") ⇒ !ArgumentError
        XML_TO_OBJECT("") ⇒ !FormatError
        XML_TO_OBJECT("<a>") ⇒ !FormatError
        XML_TO_OBJECT("<a></b>") ⇒ !FormatError
        XML_TO_OBJECT("<a/><b/>") ⇒ !FormatError
        XML_TO_OBJECT("<!DOCTYPE a [<!ENTITY x \"y\">]><a>&x;</a>") ⇒ !FormatError
        XML_TO_OBJECT("<a>&nope;</a>") ⇒ !FormatError
        XML_TO_OBJECT("<a b=\"1\" b=\"2\"/>") ⇒ !FormatError
        SOAP_TO_OBJECT("<a/>") ⇒ !FormatError
        SOAP_TO_OBJECT("not xml") ⇒ !FormatError
        OBJECT_TO_XML({"1a": 1}) ⇒ !ArgumentError
        OBJECT_TO_XML({a: "\u0001"}) ⇒ !ArgumentError
        PARSE_NUMBER("") ⇒ !FormatError
        PARSE_NUMBER("1,2,3") ⇒ !FormatError
        PARSE_NUMBER("1..2") ⇒ !FormatError
        PARSE_NUMBER("١٢") ⇒ !FormatError
        PARSE_NUMBER("1e") ⇒ !FormatError
        PARSE_PHONE("") ⇒ !FormatError
        PARSE_PHONE("+") ⇒ !FormatError
        PARSE_PHONE("call me 🙂") ⇒ !FormatError
        PARSE_PHONE("555-867-5309", "ZZ") ⇒ !ArgumentError
        FORMAT_PHONE("+15558675309", "SHORT") ⇒ !ArgumentError
        ARABIC("MMXIV🙂") ⇒ !FormatError
        ROMAN(4000) ⇒ !ArgumentError
        RUN_VALIDATIONS("x", [{requried: TRUE, message: "m"}]) ⇒ !ArgumentError
        RUN_VALIDATIONS("x", [{message: "m"}]) ⇒ !ArgumentError
        RUN_VALIDATIONS("x", ["not a rule"]) ⇒ !TypeError
        "##,
    );
}
