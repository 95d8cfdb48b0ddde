use super::names::{is_writable_name, is_xml_name, line_column};
use super::xml_read::MAX_DEPTH;
use super::*;
use crate::builtins::args::testing::{call, err, l, n, t, NULL};
use crate::error::ErrorKind::{Argument, Format, Limit, Type};
use crate::value::json::write_compact;
use crate::value::testing::{cur, la, obj};
use crate::value::Asset;

fn ok(f: &str, args: &[Value]) -> Value {
    call(f, args).expect("call succeeds")
}

/// The compact JSON of a value: shows key order, which `=` ignores.
fn json(v: &Value) -> String {
    let mut s = String::new();
    write_compact(v, &mut s);
    s
}

/// `XML_TO_OBJECT(xml)` as compact JSON.
fn read(xml: &str) -> String {
    json(&ok("XML_TO_OBJECT", &[t(xml)]))
}

/// The message of a failing call, checking its kind.
fn message(f: &str, args: &[Value], kind: crate::error::ErrorKind) -> String {
    let e = call(f, args).expect_err("call fails");
    assert_eq!(e.kind(), kind, "{}", e.message());
    e.message().to_string()
}

/// The message of a malformed `XML_TO_OBJECT` input.
fn malformed(xml: &str) -> String {
    message("XML_TO_OBJECT", &[t(xml)], Format)
}

/// `OBJECT_TO_XML(value)` as Rust text.
fn write(v: Value) -> String {
    match ok("OBJECT_TO_XML", &[v]) {
        Value::Text(s) => s.to_string(),
        other => panic!("expected Text, got {other:?}"),
    }
}

fn write_err(v: Value) -> String {
    message("OBJECT_TO_XML", &[v], Argument)
}

// ---- KEYS, VALUES ----

#[test]
fn keys_and_values_keep_order() {
    let o = obj(&[("z", n("1")), ("a", l(&[])), ("m", NULL)]);
    assert_eq!(
        json(&ok("KEYS", std::slice::from_ref(&o))),
        r#"["z","a","m"]"#
    );
    assert_eq!(json(&ok("VALUES", &[o])), r#"[1,[],null]"#);
    assert_eq!(ok("KEYS", &[obj(&[])]), l(&[]));
    assert_eq!(ok("VALUES", &[obj(&[])]), l(&[]));
    assert_eq!(ok("KEYS", &[NULL]), NULL);
    assert_eq!(ok("VALUES", &[NULL]), NULL);
}

#[test]
fn keys_of_unicode_keys() {
    let o = obj(&[
        ("🙂", n("1")),
        ("שלום", n("2")),
        ("e\u{301}", n("3")),
        ("", n("4")),
    ]);
    assert_eq!(
        ok("KEYS", &[o]),
        l(&[t("🙂"), t("שלום"), t("e\u{301}"), t("")])
    );
}

#[test]
fn keys_and_values_refuse_what_is_not_an_object() {
    assert_eq!(err("KEYS", &[l(&[n("1"), n("2")])]), Type);
    assert_eq!(err("KEYS", &[t("ab")]), Type);
    assert_eq!(
        err("KEYS", &[Value::Date(jiff::civil::date(2021, 4, 7))]),
        Type
    );
    assert_eq!(err("VALUES", &[t("x")]), Type);
    assert_eq!(err("VALUES", &[cur(150, "USD", 2)]), Type);
    assert_eq!(err("KEYS", &[]), Argument);
    assert_eq!(err("KEYS", &[obj(&[]), obj(&[])]), Argument);
    assert_eq!(
        message("KEYS", &[n("5")], Type),
        "KEYS expects Object for argument 1 (object), got Number"
    );
}

// ---- MERGE_OBJECTS ----

#[test]
fn merge_later_wins_at_the_first_position() {
    let a = obj(&[("a", n("1")), ("b", n("2"))]);
    let b = obj(&[("b", n("3")), ("c", n("4"))]);
    assert_eq!(
        json(&ok("MERGE_OBJECTS", &[a, b])),
        r#"{"a":1,"b":3,"c":4}"#
    );
    let m = ok(
        "MERGE_OBJECTS",
        &[
            obj(&[("b", n("1"))]),
            obj(&[("a", n("2"))]),
            obj(&[("b", n("3"))]),
        ],
    );
    assert_eq!(json(&m), r#"{"b":3,"a":2}"#);
}

#[test]
fn merge_is_shallow_and_leaves_its_arguments_alone() {
    let a = obj(&[("a", obj(&[("x", n("1"))]))]);
    let b = obj(&[("a", obj(&[("y", n("2"))]))]);
    let m = ok("MERGE_OBJECTS", &[a.clone(), b]);
    assert_eq!(json(&m), r#"{"a":{"y":2}}"#);
    assert_eq!(json(&a), r#"{"a":{"x":1}}"#);
}

#[test]
fn merge_takes_lists_of_objects_and_null() {
    let list = l(&[obj(&[("a", n("1"))]), NULL, obj(&[("b", n("2"))])]);
    let m = ok("MERGE_OBJECTS", &[list, obj(&[("c", n("3"))])]);
    assert_eq!(json(&m), r#"{"a":1,"b":2,"c":3}"#);
    assert_eq!(json(&ok("MERGE_OBJECTS", &[NULL])), "{}");
    assert_eq!(json(&ok("MERGE_OBJECTS", &[l(&[])])), "{}");
    assert_eq!(
        json(&ok("MERGE_OBJECTS", &[obj(&[("a", n("1"))]), NULL])),
        r#"{"a":1}"#
    );
    assert_eq!(
        json(&ok("MERGE_OBJECTS", &[NULL, obj(&[("🙂", t("שלום"))])])),
        r#"{"🙂":"שלום"}"#
    );
}

#[test]
fn merge_refuses_other_types() {
    assert_eq!(err("MERGE_OBJECTS", &[obj(&[]), t("b")]), Type);
    assert_eq!(err("MERGE_OBJECTS", &[n("1")]), Type);
    assert_eq!(err("MERGE_OBJECTS", &[]), Argument);
    let e = call("MERGE_OBJECTS", &[obj(&[]), obj(&[]), t("b")]).unwrap_err();
    assert_eq!(e.arg(), Some(2));
    assert_eq!(
        e.message(),
        "MERGE_OBJECTS expects List | Object | Null for argument 3 (objects), got Text"
    );
    // Items of a List must be Objects (or NULL); a List in the List is not flattened.
    let e = call("MERGE_OBJECTS", &[l(&[obj(&[]), n("1")])]).unwrap_err();
    assert_eq!(e.kind(), Type);
    assert_eq!(e.arg(), Some(0));
    assert_eq!(
        e.message(),
        "MERGE_OBJECTS expects Objects in the List of argument 1 (object), got Number at position 1"
    );
    assert_eq!(err("MERGE_OBJECTS", &[l(&[l(&[obj(&[])])])]), Type);
}

// ---- XML_TO_OBJECT ----

#[test]
fn reads_the_spec_examples() {
    assert_eq!(read("<a>text</a>"), r#"{"a":"text"}"#);
    assert_eq!(read("<a/>"), r#"{"a":null}"#);
    assert_eq!(read("<a></a>"), r#"{"a":null}"#);
    assert_eq!(
        read(r#"<a id="7">x</a>"#),
        r##"{"a":{"@id":"7","#text":"x"}}"##
    );
    assert_eq!(
        read("<a><b>1</b><c/><b>2</b></a>"),
        r#"{"a":{"b":["1","2"],"c":null}}"#
    );
    assert_eq!(
        read("<note><to>Tove</to><from>Jani</from></note>"),
        r#"{"note":{"to":"Tove","from":"Jani"}}"#
    );
    assert_eq!(
        read("<a>&lt;b&gt; &amp; <![CDATA[<c>]]></a>"),
        r#"{"a":"<b> & <c>"}"#
    );
    assert_eq!(ok("XML_TO_OBJECT", &[NULL]), NULL);
    assert_eq!(err("XML_TO_OBJECT", &[n("5")]), Type);
}

#[test]
fn attributes_come_first_then_children_then_text() {
    assert_eq!(
        read(r#"<a z="1" y='2'>hi<b/>there<c k="v"/></a>"#),
        r##"{"a":{"@z":"1","@y":"2","b":null,"c":{"@k":"v"},"#text":"hithere"}}"##
    );
    // Attributes alone make an Object too.
    assert_eq!(read(r#"<a id="7"/>"#), r#"{"a":{"@id":"7"}}"#);
    assert_eq!(read(r#"<a id=""/>"#), r#"{"a":{"@id":""}}"#);
}

#[test]
fn repeated_names_become_lists_at_their_first_position() {
    assert_eq!(
        read("<r><x>1</x><y/><x/><z>3</z><x><q>4</q></x></r>"),
        r#"{"r":{"x":["1",null,{"q":"4"}],"y":null,"z":"3"}}"#
    );
    // Once: never a List.
    assert_eq!(read("<r><x>1</x></r>"), r#"{"r":{"x":"1"}}"#);
}

#[test]
fn names_and_namespace_declarations_are_kept() {
    assert_eq!(
        read(
            r#"<soap:Body xmlns:soap="urn:s" xmlns="urn:d"><m:Price xsi:type="d">1</m:Price></soap:Body>"#
        ),
        r##"{"soap:Body":{"@xmlns:soap":"urn:s","@xmlns":"urn:d","m:Price":{"@xsi:type":"d","#text":"1"}}}"##
    );
}

#[test]
fn text_is_trimmed_decoded_and_never_guessed() {
    assert_eq!(read("<a>  \n\t x  y \r\n</a>"), r#"{"a":"x  y"}"#);
    assert_eq!(read("<a> \n\t </a>"), r#"{"a":null}"#);
    assert_eq!(read("<a><![CDATA[  ]]></a>"), r#"{"a":null}"#);
    assert_eq!(read("<a>42</a>"), r#"{"a":"42"}"#);
    assert_eq!(read("<a>true</a>"), r#"{"a":"true"}"#);
    // Only XML whitespace is trimmed: not a no-break space.
    assert_eq!(read("<a>\u{A0}x\u{A0}</a>"), "{\"a\":\"\u{A0}x\u{A0}\"}");
    // Line ends inside text become line feeds.
    assert_eq!(read("<a>x\r\ny\rz</a>"), r#"{"a":"x\ny\nz"}"#);
    // Character references, decimal and hexadecimal, and the five entities.
    assert_eq!(
        read("<a>&#65;&#x42;&#x1F642;&quot;&apos;&lt;&gt;&amp;</a>"),
        r#"{"a":"AB🙂\"'<>&"}"#
    );
    // A referenced space is whitespace too.
    assert_eq!(read("<a>&#32;x&#x20;</a>"), r#"{"a":"x"}"#);
    // Comments and processing instructions inside an element are skipped.
    assert_eq!(read("<a>x<!-- c -->y<?pi z?></a>"), r#"{"a":"xy"}"#);
}

#[test]
fn attribute_values_are_decoded_and_normalized() {
    assert_eq!(
        read("<a x=\"1&amp;2&#x3C;&quot;\" y=\"a\tb\nc\" z=\"&#9;\"/>"),
        r#"{"a":{"@x":"1&2<\"","@y":"a b c","@z":"\t"}}"#
    );
}

#[test]
fn unicode_names_and_text() {
    assert_eq!(read("<🙂>😀</🙂>"), r#"{"🙂":"😀"}"#);
    assert_eq!(
        read("<שלום עולם=\"מימין\">טקסט</שלום>"),
        r##"{"שלום":{"@עולם":"מימין","#text":"טקסט"}}"##
    );
    assert_eq!(
        read("<e\u{301}>e\u{301}</e\u{301}>"),
        "{\"e\u{301}\":\"e\u{301}\"}"
    );
    assert_eq!(read("<a>👍🏽🇺🇸</a>"), r#"{"a":"👍🏽🇺🇸"}"#);
}

#[test]
fn prolog_and_epilogue_may_hold_whitespace_comments_and_pis() {
    assert_eq!(
        read("<?xml version=\"1.0\" encoding=\"UTF-8\"?>\n<!-- c -->\n<?pi x?>\n<a>1</a>\n<!-- d -->\n"),
        r#"{"a":"1"}"#
    );
    // A byte order mark at the start is not content.
    assert_eq!(read("\u{FEFF}<a>1</a>"), r#"{"a":"1"}"#);
}

#[test]
fn a_doctype_is_refused() {
    let m = malformed("<!DOCTYPE a [<!ENTITY e \"x\">]><a>&e;</a>");
    assert_eq!(
        m,
        "XML_TO_OBJECT: a document type declaration (<!DOCTYPE ...>) is not allowed (at line 1, column 1)"
    );
    assert!(malformed("<a/><!DOCTYPE a>").contains("<!DOCTYPE"));
}

#[test]
fn malformed_xml_gives_line_and_column() {
    let cases: &[(&str, &str)] = &[
        ("<a><b></a>", "expected </b>, found </a> (at line 1, column 7)"),
        ("", "the document has no root element (at line 1, column 1)"),
        (" \n ", "the document has no root element (at line 2, column 2)"),
        ("<!-- c -->", "the document has no root element (at line 1, column 11)"),
        ("<a>", "the input ends inside <a>, opened at line 1, column 1 (at line 1, column 4)"),
        ("<a/><b/>", "a second root element <b> (a document has one) (at line 1, column 5)"),
        ("x<a/>", "text outside the root element (at line 1, column 1)"),
        ("<a/>\n  x", "text outside the root element (at line 2, column 3)"),
        ("<![CDATA[x]]><a/>", "a CDATA section outside the root element (at line 1, column 1)"),
        ("<a/>&amp;", "a reference outside the root element (at line 1, column 5)"),
        ("<a>&foo;</a>", "the entity &foo; is not defined (at line 1, column 4)"),
        ("<a>&#0;</a>", "&#0; is not a valid character reference (at line 1, column 4)"),
        ("<a>&#1;</a>", "&#1; refers to U+0001, which XML does not allow (at line 1, column 4)"),
        ("<a>&#xFFFE;</a>", "&#xFFFE; refers to U+FFFE, which XML does not allow (at line 1, column 4)"),
        ("<a>&#xD800;</a>", "&#xD800; is not a valid character reference (at line 1, column 4)"),
        ("<a>&#x110000;</a>", "&#x110000; is not a valid character reference (at line 1, column 4)"),
        ("<a>&#xZ;</a>", "&#xZ; is not a valid character reference (at line 1, column 4)"),
        ("<a>a &amp b</a>", "'&' must start a reference such as &amp; (';' is missing) (at line 1, column 6)"),
        ("<a x=\"1\" x=\"2\"/>", "an attribute appears twice in one tag (at line 1, column 10)"),
        ("<a x=1/>", "an attribute value must be in quotes (at line 1, column 6)"),
        ("<a x/>", "an attribute name must be followed by '=' (at line 1, column 5)"),
        ("<a x=\"1<2\"/>", "'<' is not allowed in the value of attribute \"x\" (at line 1, column 1)"),
        ("<a x=\"&foo;\"/>", "attribute \"x\": the entity &foo; is not defined (at line 1, column 1)"),
        ("<a x=\"a&b\"/>", "attribute \"x\": '&' must start a reference such as &amp; (';' is missing) (at line 1, column 1)"),
        ("<a x=\"&#1;\"/>", "attribute \"x\" refers to U+0001, which XML does not allow (at line 1, column 1)"),
        ("<1a/>", "\"1a\" is not an XML name (at line 1, column 2)"),
        ("<>", "\"\" is not an XML name (at line 1, column 2)"),
        ("< a/>", "\"\" is not an XML name (at line 1, column 2)"),
        ("<a/ >", "\"a/\" is not an XML name (at line 1, column 2)"),
        ("<a 1x=\"1\"/>", "\"1x\" is not an attribute name (at line 1, column 1)"),
        ("<a>\u{1}</a>", "the character U+0001 is not allowed in XML (at line 1, column 4)"),
        ("<a>\u{FFFF}</a>", "the character U+FFFF is not allowed in XML (at line 1, column 4)"),
        ("<a>x]]>y</a>", "\"]]>\" is not allowed in text (at line 1, column 5)"),
        ("<a/><?xml version=\"1.0\"?>", "the XML declaration may only come first in the document (at line 1, column 5)"),
        (" <?xml version=\"1.0\"?><a/>", "the XML declaration may only come first in the document (at line 1, column 2)"),
        ("<!-- a -- b --><a/>", "forbidden string `--` was found in a comment (at line 1, column 8)"),
        ("<a><![CDATA[x", "CDATA not closed: `]]>` not found before end of input (at line 1, column 4)"),
        ("<a", "a tag is not closed (at line 1, column 1)"),
        ("<a x=\"1", "attribute value not closed: `\"` not found before end of input (at line 1, column 1)"),
        ("</a>", "</a> closes no open element (at line 1, column 1)"),
        ("<a/></a>", "</a> closes no open element (at line 1, column 5)"),
        ("<a>\n  <b>\n</a>", "expected </b>, found </a> (at line 3, column 1)"),
        ("<a>\r\n  <b>\r\n</a>", "expected </b>, found </a> (at line 3, column 1)"),
        ("<é>\n 🙂 <b></a>", "expected </b>, found </a> (at line 2, column 7)"),
    ];
    for (xml, expected) in cases {
        let m = malformed(xml);
        let m = m
            .strip_prefix("XML_TO_OBJECT: malformed XML: ")
            .unwrap_or(&m);
        assert_eq!(m, *expected, "{xml:?}");
    }
}

/// `<a><a>...</a></a>`, `depth` elements deep, with text at the bottom.
fn nested(depth: usize) -> String {
    format!("{}x{}", "<a>".repeat(depth), "</a>".repeat(depth))
}

#[test]
fn nesting_up_to_the_limit_reads_without_recursion() {
    let v = ok("XML_TO_OBJECT", &[t(&nested(MAX_DEPTH))]);
    let mut cur = &v;
    let mut depth = 0;
    while let Value::Object(o) = cur {
        cur = &o["a"];
        depth += 1;
    }
    assert_eq!((depth, cur), (MAX_DEPTH, &t("x")));
    // And it writes back, through the stack guard.
    assert_eq!(write(v), nested(MAX_DEPTH));
}

#[test]
fn nesting_beyond_the_limit_is_a_limit_error() {
    let m = message("XML_TO_OBJECT", &[t(&nested(MAX_DEPTH + 1))], Limit);
    assert_eq!(
        m,
        format!(
            "XML_TO_OBJECT: the XML nests elements more than 1000 deep (at line 1, column {})",
            3 * MAX_DEPTH + 1
        )
    );
    // Very deep unclosed input fails the same way, fast, with no overflow.
    let deep = "<a>".repeat(1_000_000);
    assert_eq!(err("XML_TO_OBJECT", &[t(&deep)]), Limit);
    assert_eq!(err("SOAP_TO_OBJECT", &[t(&deep)]), Format);
}

#[test]
fn long_inputs() {
    let text = "🙂".repeat(200_000);
    assert_eq!(
        ok("XML_TO_OBJECT", &[t(&format!("<a>{text}</a>"))]),
        obj(&[("a", t(&text))])
    );
    let items = "<i>1</i>".repeat(100_000);
    let v = ok("XML_TO_OBJECT", &[t(&format!("<r>{items}</r>"))]);
    let Value::Object(r) = &v else { panic!() };
    let Value::Object(i) = &r["r"] else { panic!() };
    assert_eq!(i["i"].as_list().map(<[Value]>::len), Some(100_000));
    // A long malformed input reports where.
    let bad = format!("<r>{items}<x></r>");
    let m = malformed(&bad);
    assert!(
        m.ends_with(&format!("(at line 1, column {})", 4 + 800_000 + 3)),
        "{m}"
    );
}

#[test]
fn reading_and_writing_round_trip() {
    for xml in [
        "<a>text</a>",
        "<a/>",
        r#"<a id="7">x</a>"#,
        "<a><b>1</b><b>2</b><c/></a>",
        r#"<q z="&quot;1&quot; &lt; &amp;">Tom &amp; "Jerry" &lt;3 &gt;</q>"#,
        "<m:r xmlns:m=\"urn:m\"><m:x>🙂</m:x><y>שלום</y></m:r>",
        r#"<a k="v"><b/></a>"#,
        "<a x=\"tab&#9;lf&#10;cr&#13;\">c&#13;r</a>",
    ] {
        let v = ok("XML_TO_OBJECT", &[t(xml)]);
        let back = write(v.clone());
        assert_eq!(back, xml, "{xml}");
        assert_eq!(json(&ok("XML_TO_OBJECT", &[t(&back)])), json(&v));
    }
}

// ---- OBJECT_TO_XML ----

#[test]
fn writes_the_spec_examples() {
    assert_eq!(write(obj(&[("a", t("text"))])), "<a>text</a>");
    assert_eq!(write(obj(&[("a", NULL)])), "<a/>");
    assert_eq!(
        write(obj(&[("a", obj(&[("@id", n("7")), ("#text", t("x"))]))])),
        r#"<a id="7">x</a>"#
    );
    assert_eq!(
        write(obj(&[(
            "a",
            obj(&[("b", l(&[t("1"), t("2")])), ("c", Value::Bool(true))])
        )])),
        "<a><b>1</b><b>2</b><c>true</c></a>"
    );
    assert_eq!(
        write(obj(&[("q", t("Tom & \"Jerry\" <3"))])),
        "<q>Tom &amp; \"Jerry\" &lt;3</q>"
    );
    assert_eq!(
        ok(
            "OBJECT_TO_XML",
            &[
                obj(&[("total", n("12.50")), ("paid", Value::Bool(false))]),
                t("order")
            ]
        ),
        t("<order><total>12.5</total><paid>false</paid></order>")
    );
    assert_eq!(write(obj(&[("a", t(""))])), "<a></a>");
    assert_eq!(ok("OBJECT_TO_XML", &[NULL]), NULL);
    assert_eq!(ok("OBJECT_TO_XML", &[NULL, t("r")]), NULL);
    // A NULL root means "not given": the Object must then have one member.
    assert_eq!(err("OBJECT_TO_XML", &[obj(&[]), NULL]), Argument);
    assert_eq!(ok("OBJECT_TO_XML", &[obj(&[("a", NULL)]), NULL]), t("<a/>"));
}

#[test]
fn scalars_render_as_text() {
    let date = Value::Date(jiff::civil::date(2021, 4, 7));
    let time = Value::Time(jiff::civil::time(9, 41, 0, 0));
    let r = obj(&[
        ("n", n("-0.000100")),
        ("big", n("1e20")),
        ("d", date.clone()),
        ("t", time),
        ("z", la()),
        ("f", Value::Bool(false)),
    ]);
    assert_eq!(
        ok("OBJECT_TO_XML", &[r, t("r")]),
        t("<r><n>-0.0001</n><big>100000000000000000000</big><d>2021-04-07</d><t>09:41:00</t><z>2007-01-09T09:41:00-08:00</z><f>false</f></r>")
    );
    assert_eq!(
        write(obj(&[("a", obj(&[("@on", date), ("@n", n("1.50"))]))])),
        r#"<a on="2021-04-07" n="1.5"/>"#
    );
    // A value under a root name may be a scalar.
    assert_eq!(ok("OBJECT_TO_XML", &[n("3"), t("x")]), t("<x>3</x>"));
}

#[test]
fn currency_and_asset_are_written_in_their_json_shape() {
    assert_eq!(
        write(obj(&[("price", cur(1250, "USD", 2))])),
        "<price><amount>1250</amount><precision>2</precision><code>USD</code></price>"
    );
    let mut record = ObjectMap::default();
    record.insert("name".into(), t("a.txt"));
    record.insert("size".into(), n("3"));
    let asset = Value::Asset(Arc::new(Asset {
        uri: "asset://a".into(),
        record,
        labelled: true,
    }));
    assert_eq!(
        write(obj(&[("file", asset.clone())])),
        "<file><uri>asset://a</uri><name>a.txt</name><size>3</size></file>"
    );
    assert_eq!(
        write_err(obj(&[("a", obj(&[("@p", cur(1, "USD", 2))]))])),
        "OBJECT_TO_XML: the attribute \"p\" is a Currency, but an attribute value must be Text, a Number, a Boolean, a Date, a Time or a DateTime"
    );
    assert_eq!(
        err("OBJECT_TO_XML", &[obj(&[("a", obj(&[("#text", asset)]))])]),
        Argument
    );
}

#[test]
fn objects_put_attributes_then_text_then_children() {
    let v = obj(&[(
        "a",
        obj(&[
            ("b", t("1")),
            ("@x", t("a\"b'c<d>&\te\nf")),
            ("#text", t("t")),
            ("@gone", NULL),
            ("c", NULL),
        ]),
    )]);
    assert_eq!(
        write(v),
        r#"<a x="a&quot;b'c&lt;d&gt;&amp;&#9;e&#10;f">t<b>1</b><c/></a>"#
    );
    // No content: an empty-element tag, also for an empty List member.
    assert_eq!(
        write(obj(&[("a", obj(&[("@k", t("v"))]))])),
        r#"<a k="v"/>"#
    );
    assert_eq!(write(obj(&[("a", obj(&[]))])), "<a/>");
    assert_eq!(write(obj(&[("a", obj(&[("b", l(&[]))]))])), "<a/>");
    assert_eq!(write(obj(&[("a", obj(&[("#text", NULL)]))])), "<a/>");
    assert_eq!(write(obj(&[("a", obj(&[("#text", t(""))]))])), "<a></a>");
    assert_eq!(write(obj(&[("a", obj(&[("#text", n("5"))]))])), "<a>5</a>");
    // Lists of Objects repeat the element; NULL items are empty elements.
    assert_eq!(
        write(obj(&[(
            "r",
            obj(&[("i", l(&[obj(&[("@n", n("1"))]), NULL, t("x")]))])
        )])),
        r#"<r><i n="1"/><i/><i>x</i></r>"#
    );
}

#[test]
fn unicode_is_written_as_is() {
    assert_eq!(
        write(obj(&[(
            "שלום",
            obj(&[("@עולם", t("🙂")), ("#text", t("e\u{301} 👍🏽"))])
        )])),
        "<שלום עולם=\"🙂\">e\u{301} 👍🏽</שלום>"
    );
    assert_eq!(write(obj(&[("Ärger", t("ß"))])), "<Ärger>ß</Ärger>");
    // Text keeps surrounding spaces and carriage returns survive as references.
    assert_eq!(write(obj(&[("a", t(" x\r\n"))])), "<a> x&#13;\n</a>");
}

#[test]
fn names_must_be_xml_names() {
    for bad in [
        "first name",
        "",
        "1a",
        "-a",
        ".a",
        "a:b:c",
        ":a",
        "a:",
        "a:1",
        "@",
        "#other",
        "a/b",
        "a\u{301}",
        "🙂",
        "½",
        "a\u{0}",
    ] {
        assert_eq!(
            err("OBJECT_TO_XML", &[obj(&[(bad, t("x"))])]),
            Argument,
            "{bad:?}"
        );
    }
    for good in ["a", "_a", "a-b.c_d", "m:Price", "Ärger", "שלום", "a1", "x٣"] {
        assert_eq!(
            err_or_text(obj(&[(good, t("x"))])),
            format!("<{good}>x</{good}>"),
            "{good:?}"
        );
    }
    assert_eq!(
        write_err(obj(&[("first name", t("Ada"))])),
        "OBJECT_TO_XML: the root name \"first name\" is not an XML name (letters, digits, '_', '-', '.', at most one ':' between two parts; not starting with a digit, '-' or '.')"
    );
    assert!(write_err(obj(&[("a", obj(&[("b c", NULL)]))])).contains("the key \"b c\""));
    assert!(write_err(obj(&[("a", obj(&[("@b c", NULL)]))])).contains("the attribute name \"b c\""));
    assert_eq!(err("OBJECT_TO_XML", &[t("x"), t("bad root")]), Argument);
}

fn err_or_text(v: Value) -> String {
    match call("OBJECT_TO_XML", &[v]) {
        Ok(Value::Text(s)) => s.to_string(),
        Ok(other) => format!("{other:?}"),
        Err(e) => e.message().to_string(),
    }
}

#[test]
fn characters_xml_cannot_hold_are_refused() {
    for bad in ["\u{0}", "a\u{1}b", "\u{1B}", "\u{FFFE}", "\u{FFFF}"] {
        assert_eq!(
            write_err(obj(&[("a", t(bad))])),
            format!(
                "OBJECT_TO_XML: the character U+{:04X} cannot be written in XML",
                u32::from(bad.chars().find(|c| !matches!(c, 'a' | 'b')).unwrap())
            )
        );
        assert_eq!(
            err("OBJECT_TO_XML", &[obj(&[("a", obj(&[("@k", t(bad))]))])]),
            Argument
        );
    }
    // Tab, line feed and carriage return are fine.
    assert_eq!(write(obj(&[("a", t("\t\n"))])), "<a>\t\n</a>");
}

#[test]
fn shapes_xml_cannot_hold_are_argument_errors() {
    assert_eq!(
        write_err(obj(&[("a", n("1")), ("b", n("2"))])),
        "OBJECT_TO_XML: argument 1 (value) must have exactly one member, the root element, but has 2; give a root name as the second argument to write several"
    );
    assert_eq!(err("OBJECT_TO_XML", &[obj(&[])]), Argument);
    assert_eq!(
        write_err(obj(&[("a", l(&[t("1")]))])),
        "OBJECT_TO_XML: the root value is a List, but a document has exactly one root element"
    );
    assert_eq!(err("OBJECT_TO_XML", &[l(&[]), t("r")]), Argument);
    assert_eq!(
        write_err(obj(&[("a", obj(&[("b", l(&[l(&[])]))]))])),
        "OBJECT_TO_XML: a List directly inside a List (under \"b\") has no XML form"
    );
    assert!(write_err(obj(&[("a", obj(&[("@b", l(&[]))]))])).contains("is a List"));
    assert!(write_err(obj(&[("a", obj(&[("@b", obj(&[]))]))])).contains("is a Object"));
    assert!(write_err(obj(&[("a", obj(&[("#text", l(&[]))]))])).contains("\"#text\""));
}

#[test]
fn type_errors_of_object_to_xml() {
    assert_eq!(err("OBJECT_TO_XML", &[t("x")]), Type);
    assert_eq!(err("OBJECT_TO_XML", &[l(&[])]), Type);
    assert_eq!(err("OBJECT_TO_XML", &[obj(&[("a", NULL)]), n("1")]), Type);
    assert_eq!(err("OBJECT_TO_XML", &[]), Argument);
}

#[test]
fn big_output_is_a_limit_error() {
    let big = t(&"&".repeat(4 << 20));
    // Escaped, the text is five times as long: over the 16 MiB limit.
    assert_eq!(err("OBJECT_TO_XML", &[obj(&[("a", big)])]), Limit);
    // Shared values multiply: a List of one big item repeated.
    let item = t(&"x".repeat(1 << 20));
    let many = l(&vec![item; 20]);
    assert_eq!(err("OBJECT_TO_XML", &[obj(&[("i", many)]), t("r")]), Limit);
}

// ---- SOAP ----

const ENV11: &str = "http://schemas.xmlsoap.org/soap/envelope/";
const ENV12: &str = "http://www.w3.org/2003/05/soap-envelope";

fn soap(body: Value, header: Value, version: Value) -> String {
    match ok("OBJECT_TO_SOAP", &[body, header, version]) {
        Value::Text(s) => s.to_string(),
        other => panic!("expected Text, got {other:?}"),
    }
}

#[test]
fn writes_soap_envelopes() {
    assert_eq!(
        soap(
            obj(&[("GetPrice", obj(&[("@xmlns", t("https://example.com/stock")), ("Item", t("Apple"))]))]),
            NULL,
            NULL
        ),
        format!("<soap:Envelope xmlns:soap=\"{ENV11}\"><soap:Body><GetPrice xmlns=\"https://example.com/stock\"><Item>Apple</Item></GetPrice></soap:Body></soap:Envelope>")
    );
    assert_eq!(
        soap(
            obj(&[("Ping", NULL)]),
            obj(&[("Auth", obj(&[("Token", t("abc"))]))]),
            t("1.2")
        ),
        format!("<soap:Envelope xmlns:soap=\"{ENV12}\"><soap:Header><Auth><Token>abc</Token></Auth></soap:Header><soap:Body><Ping/></soap:Body></soap:Envelope>")
    );
    assert_eq!(
        soap(obj(&[]), obj(&[]), t("1.1")),
        format!("<soap:Envelope xmlns:soap=\"{ENV11}\"><soap:Header/><soap:Body/></soap:Envelope>")
    );
    // A List member repeats its element; an empty List writes nothing.
    assert_eq!(
        soap(obj(&[("i", l(&[t("1"), t("🙂")])), ("e", l(&[]))]), NULL, NULL),
        format!("<soap:Envelope xmlns:soap=\"{ENV11}\"><soap:Body><i>1</i><i>🙂</i></soap:Body></soap:Envelope>")
    );
    assert_eq!(
        soap(obj(&[("e", l(&[]))]), NULL, NULL),
        format!("<soap:Envelope xmlns:soap=\"{ENV11}\"><soap:Body/></soap:Envelope>")
    );
}

#[test]
fn soap_writing_errors() {
    assert_eq!(ok("OBJECT_TO_SOAP", &[NULL]), NULL);
    assert_eq!(err("OBJECT_TO_SOAP", &[t("x")]), Type);
    assert_eq!(err("OBJECT_TO_SOAP", &[obj(&[]), t("x")]), Type);
    assert_eq!(err("OBJECT_TO_SOAP", &[obj(&[]), NULL, n("1.2")]), Type);
    assert_eq!(
        message("OBJECT_TO_SOAP", &[obj(&[]), NULL, t("2.0")], Argument),
        "OBJECT_TO_SOAP: argument 3 (version) must be one of \"1.1\", \"1.2\", got \"2.0\""
    );
    assert_eq!(err("OBJECT_TO_SOAP", &[obj(&[("a b", NULL)])]), Argument);
    assert_eq!(err("OBJECT_TO_SOAP", &[obj(&[("@a", t("1"))])]), Argument);
    assert_eq!(
        err("OBJECT_TO_SOAP", &[obj(&[]), obj(&[("a", t("\u{1}"))])]),
        Argument
    );
    assert_eq!(
        err("OBJECT_TO_SOAP", &[obj(&[("a", l(&[l(&[])]))])]),
        Argument
    );
}

/// An envelope of `version` (its namespace) with this header and body markup.
fn envelope(ns: &str, header: Option<&str>, body: &str) -> String {
    let header = header
        .map(|h| format!("<s:Header>{h}</s:Header>"))
        .unwrap_or_default();
    format!("<s:Envelope xmlns:s=\"{ns}\">{header}<s:Body>{body}</s:Body></s:Envelope>")
}

fn body_of(xml: &str) -> String {
    json(&ok("SOAP_TO_OBJECT", &[t(xml)]))
}

fn header_of(xml: &str) -> String {
    json(&ok("SOAP_HEADER_TO_OBJECT", &[t(xml)]))
}

#[test]
fn reads_soap_bodies_with_local_names() {
    let xml = envelope(
        ENV11,
        None,
        r#"<m:GetPriceResponse xmlns:m="https://example.com/prices" xmlns:xsi="urn:xsi"><m:Price xsi:type="xsd:decimal">1.90</m:Price><m:Price>2</m:Price></m:GetPriceResponse>"#,
    );
    assert_eq!(
        body_of(&xml),
        r##"{"GetPriceResponse":{"Price":[{"@type":"xsd:decimal","#text":"1.90"},"2"]}}"##
    );
    assert_eq!(ok("SOAP_HEADER_TO_OBJECT", &[t(&xml)]), NULL);
    // Default namespaces, and the SOAP 1.2 namespace with or without '/'.
    for ns in [ENV12, "http://www.w3.org/2003/05/soap-envelope/"] {
        let xml = envelope(
            ns,
            Some("<Id xmlns=\"urn:h\">42</Id>"),
            "<R xmlns=\"urn:r\"><V>1</V></R>",
        );
        assert_eq!(body_of(&xml), r#"{"R":{"V":"1"}}"#);
        assert_eq!(header_of(&xml), r#"{"Id":"42"}"#);
    }
}

#[test]
fn soap_faults_are_data_and_text_keeps_prefixes() {
    let xml = envelope(
        ENV11,
        None,
        "<s:Fault><faultcode>s:Client</faultcode><faultstring xml:lang=\"en\">Bad</faultstring></s:Fault>",
    );
    assert_eq!(
        body_of(&xml),
        r##"{"Fault":{"faultcode":"s:Client","faultstring":{"@lang":"en","#text":"Bad"}}}"##
    );
}

#[test]
fn soap_empty_parts_and_attributes_on_them() {
    let xml = format!(
        "<e:Envelope xmlns:e=\"{ENV11}\"><e:Header e:actor=\"x\"/><e:Body e:encodingStyle=\"y\">  </e:Body></e:Envelope>"
    );
    assert_eq!(body_of(&xml), "{}");
    assert_eq!(header_of(&xml), "{}");
    // Whitespace, comments and an XML declaration around the envelope.
    let xml = format!(
        "<?xml version=\"1.0\"?>\n<!-- c -->\n{}\n",
        envelope(ENV12, None, "\n  <a>1</a>\n")
    );
    assert_eq!(body_of(&xml), r#"{"a":"1"}"#);
}

#[test]
fn soap_attribute_names_that_meet_the_later_wins() {
    let xml = envelope(
        ENV11,
        None,
        r#"<r xmlns:p="urn:p" xmlns:q="urn:q" p:k="1" q:k="2" k="3"/>"#,
    );
    assert_eq!(body_of(&xml), r#"{"r":{"@k":"3"}}"#);
}

#[test]
fn soap_elements_in_other_namespaces_are_not_the_body() {
    // A Body in another namespace is content, not the envelope's body.
    let xml = format!(
        "<s:Envelope xmlns:s=\"{ENV11}\"><x:Body xmlns:x=\"urn:x\"/><s:Body><b/></s:Body><s:Extra/></s:Envelope>"
    );
    assert_eq!(body_of(&xml), r#"{"b":null}"#);
}

#[test]
fn soap_reading_errors() {
    let cases: Vec<(String, &str)> = vec![
        ("<a/>".into(), "not a SOAP envelope: the root element <a> is not an Envelope in the SOAP 1.1 or 1.2 namespace (at line 1, column 1)"),
        ("<Envelope/>".into(), "not a SOAP envelope: the root element <Envelope> is not an Envelope in the SOAP 1.1 or 1.2 namespace (at line 1, column 1)"),
        ("<s:Envelope xmlns:s=\"urn:other\"><s:Body/></s:Envelope>".into(), "not a SOAP envelope: the root element <s:Envelope> is not an Envelope in the SOAP 1.1 or 1.2 namespace (at line 1, column 1)"),
        (format!("<s:Envelope xmlns:s=\"{ENV11}\"><s:Header/></s:Envelope>"), "not a SOAP envelope with a body: the Envelope has no Body (at line 1, column 1)"),
        (format!("<s:Envelope xmlns:s=\"{ENV11}\"/>"), "not a SOAP envelope with a body: the Envelope has no Body (at line 1, column 1)"),
        (format!("<s:Envelope xmlns:s=\"{ENV11}\"><s:Body/><s:Body/></s:Envelope>"), "not a SOAP envelope: a second Body (at line 1, column 74)"),
        (format!("<s:Envelope xmlns:s=\"{ENV11}\"><s:Body/><s:Header/></s:Envelope>"), "not a SOAP envelope: a Header may only come once, before the Body (at line 1, column 74)"),
        (format!("<s:Envelope xmlns:s=\"{ENV11}\"><s:Header/><s:Header/><s:Body/></s:Envelope>"), "not a SOAP envelope: a Header may only come once, before the Body (at line 1, column 76)"),
        ("<soap:Envelope".into(), "malformed XML: a tag is not closed (at line 1, column 1)"),
        ("".into(), "malformed XML: the document has no root element (at line 1, column 1)"),
        (envelope(ENV11, None, "<m:a/>"), "malformed XML: the namespace prefix \"m\" is not declared (at line 1, column 74)"),
        (envelope(ENV11, None, "<a m:k=\"1\"/>"), "malformed XML: the namespace prefix \"m\" is not declared (at line 1, column 74)"),
        (envelope(ENV11, None, "<a:b:c xmlns:a=\"u\"/>"), "malformed XML: \"a:b:c\" is not a qualified name (one ':' at most, between two parts) (at line 1, column 74)"),
        (envelope(ENV11, None, "<a><b></a>"), "malformed XML: expected </b>, found </a> (at line 1, column 79)"),
        (format!("<!DOCTYPE x><s:Envelope xmlns:s=\"{ENV11}\"><s:Body/></s:Envelope>"), "a document type declaration (<!DOCTYPE ...>) is not allowed (at line 1, column 1)"),
        (format!("{}<x/>", envelope(ENV11, None, "")), "malformed XML: a second root element <x> (a document has one) (at line 1, column 95)"),
    ];
    for (xml, expected) in &cases {
        for f in ["SOAP_TO_OBJECT", "SOAP_HEADER_TO_OBJECT"] {
            let m = message(f, &[t(xml)], Format);
            assert_eq!(m, format!("{f}: {expected}"), "{xml}");
        }
    }
    assert_eq!(ok("SOAP_TO_OBJECT", &[NULL]), NULL);
    assert_eq!(ok("SOAP_HEADER_TO_OBJECT", &[NULL]), NULL);
    assert_eq!(err("SOAP_TO_OBJECT", &[n("1")]), Type);
    assert_eq!(err("SOAP_HEADER_TO_OBJECT", &[obj(&[])]), Type);
}

#[test]
fn soap_round_trip() {
    let body = obj(&[(
        "m:Order",
        obj(&[
            ("@xmlns:m", t("urn:m")),
            ("m:Line", l(&[t("a"), t("שלום 🙂")])),
            ("Note", t("x & y")),
        ]),
    )]);
    let header = obj(&[("Auth", obj(&[("Token", t("abc"))]))]);
    for version in ["1.1", "1.2"] {
        let xml = soap(body.clone(), header.clone(), t(version));
        assert_eq!(
            body_of(&xml),
            r#"{"Order":{"Line":["a","שלום 🙂"],"Note":"x & y"}}"#
        );
        assert_eq!(header_of(&xml), r#"{"Auth":{"Token":"abc"}}"#);
    }
}

// ---- helpers ----

#[test]
fn name_checks() {
    assert!(is_xml_name("a:b:c") && is_xml_name(":a") && is_xml_name("e\u{301}"));
    assert!(!is_xml_name("") && !is_xml_name("1a") && !is_xml_name("a b"));
    assert!(is_writable_name("p:l") && !is_writable_name("p:l:m") && !is_writable_name("p:"));
}

#[test]
fn line_and_column_count_characters() {
    let s = "a\r\nb\rc\nd🙂e";
    assert_eq!(line_column(s, 0), (1, 1));
    assert_eq!(line_column(s, 3), (2, 1));
    assert_eq!(line_column(s, 5), (3, 1));
    assert_eq!(line_column(s, 7), (4, 1));
    assert_eq!(line_column(s, 12), (4, 3));
    // Inside a character, or past the end.
    assert_eq!(line_column(s, 10), (4, 2));
    assert_eq!(line_column(s, 99), (4, 4));
}

#[test]
fn soap_namespace_errors_and_depth() {
    let xml = envelope(ENV11, None, "<a xmlns:xml=\"urn:not-xml\"/>");
    let m = message("SOAP_TO_OBJECT", &[t(&xml)], Format);
    assert!(m.starts_with("SOAP_TO_OBJECT: malformed XML: "), "{m}");
    assert!(m.ends_with("(at line 1, column 73)"), "{m}");
    // The depth limit counts the envelope and the body.
    let deep = envelope(ENV11, None, &nested(MAX_DEPTH - 1));
    assert_eq!(err("SOAP_TO_OBJECT", &[t(&deep)]), Limit);
    let fits = envelope(ENV11, None, &nested(MAX_DEPTH - 2));
    assert!(matches!(
        ok("SOAP_TO_OBJECT", &[t(&fits)]),
        Value::Object(_)
    ));
}
