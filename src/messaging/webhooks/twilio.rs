//! Twilio webhooks: the `X-Twilio-Signature` check, status callbacks and
//! inbound texts (messaging.md §6).

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use ring::hmac;

use super::{describe, e164_or_raw, Handled, Secret};
use crate::messaging::policy::optout::{keyword, Keyword};
use crate::messaging::status::Status;
use crate::messaging::store::{Inbound, List, ListEntry, ProviderEvent, Store, StoreResult};

/// The Twilio error that says the recipient replied STOP.
const UNSUBSCRIBED: &str = "21610";

/// The text Twilio signs: the full URL it called, then every posted
/// parameter sorted by name (then value), each name followed by its value.
pub fn signed_text(url: &str, params: &[(String, String)]) -> String {
    let mut sorted: Vec<&(String, String)> = params.iter().collect();
    sorted.sort();
    let mut text = url.to_string();
    for (name, value) in sorted {
        text.push_str(name);
        text.push_str(value);
    }
    text
}

fn key(token: &Secret) -> hmac::Key {
    hmac::Key::new(
        hmac::HMAC_SHA1_FOR_LEGACY_USE_ONLY,
        token.expose().as_bytes(),
    )
}

/// The signature Twilio sends for this request (base64 HMAC-SHA1 with the
/// auth token); for tests and fakes that play Twilio.
pub fn signature(token: &Secret, url: &str, params: &[(String, String)]) -> String {
    let tag = hmac::sign(&key(token), signed_text(url, params).as_bytes());
    STANDARD.encode(tag.as_ref())
}

/// Whether `header` (the `X-Twilio-Signature` value) signs this request;
/// compared in constant time.
pub fn verify(token: &Secret, url: &str, params: &[(String, String)], header: &str) -> bool {
    let Ok(tag) = STANDARD.decode(header.trim()) else {
        return false;
    };
    hmac::verify(&key(token), signed_text(url, params).as_bytes(), &tag).is_ok()
}

/// The status a Twilio `MessageStatus` means; `None` for those that are only
/// logged (`queued`, `accepted`, `scheduled`, `sending`, and any other).
pub fn map_status(message_status: &str) -> Option<Status> {
    match message_status.to_ascii_lowercase().as_str() {
        "sent" => Some(Status::Sent),
        "delivered" | "read" => Some(Status::Delivered),
        "undelivered" | "failed" | "canceled" => Some(Status::Failed),
        _ => None,
    }
}

fn param<'a>(params: &'a [(String, String)], name: &str) -> Option<&'a str> {
    params
        .iter()
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.trim())
        .filter(|v| !v.is_empty())
}

/// Applies a status callback: the message is the one named by the `id`
/// query parameter (the transport's `StatusCallback`), or else the one whose
/// provider id is `MessageSid`.
pub fn apply_status(
    store: &mut dyn Store,
    query_id: Option<&str>,
    params: &[(String, String)],
    region: &str,
    now: i64,
) -> StoreResult<Handled> {
    let sid = param(params, "MessageSid").or(param(params, "SmsSid"));
    let Some(provider_status) = param(params, "MessageStatus").or(param(params, "SmsStatus"))
    else {
        return Ok(Handled::bad_request(
            "a Twilio status callback needs MessageStatus",
        ));
    };
    let error = param(params, "ErrorCode");
    let mut record = match query_id {
        Some(id) => store.get(id)?,
        None => None,
    };
    if record.is_none() {
        if let Some(sid) = sid {
            record = store.find_by_provider_id(sid)?;
        }
    }
    let mut detail = error
        .map(|code| format!("Twilio error {code}"))
        .unwrap_or_default();
    let mut notes = Vec::new();
    if error == Some(UNSUBSCRIBED) {
        let number = record
            .as_ref()
            .map(|r| r.recipient.clone())
            .or_else(|| param(params, "To").map(|to| e164_or_raw(to, region)));
        if let Some(number) = number {
            let entry = ListEntry {
                key: number.clone(),
                at: now,
                reason: format!("Twilio error {UNSUBSCRIBED}: the recipient replied STOP"),
                message_id: record.as_ref().map(|r| r.id.clone()),
            };
            store.add_entry(List::OptOut, &entry)?;
            detail.push_str("; the recipient is on the opt-out list");
            notes.push(format!("{number} added to the opt-out list"));
        }
    }
    let what = format!(
        "Twilio {provider_status}{}",
        error.map(|e| format!(" (error {e})")).unwrap_or_default()
    );
    let Some(record) = record else {
        let which = query_id
            .map(|id| format!("id {id}"))
            .or(sid.map(|s| format!("MessageSid {s}")))
            .unwrap_or_else(|| "no id".into());
        notes.insert(
            0,
            format!("{what} for an unknown message ({which}): ignored"),
        );
        return Ok(Handled::ok(notes.join("; ")));
    };
    // Spec §3: a recipient who opted out makes the message `suppressed`.
    let status = if error == Some(UNSUBSCRIBED) {
        Some(Status::Suppressed)
    } else {
        map_status(provider_status)
    };
    let event = ProviderEvent {
        status,
        provider: "twilio".into(),
        provider_id: sid.map(str::to_string),
        provider_status: provider_status.to_string(),
        detail,
    };
    let applied = store.provider_event(&record.id, &event, now)?;
    notes.insert(
        0,
        format!("{what}: message {} {}", record.id, describe(&applied)),
    );
    Ok(Handled::ok(notes.join("; ")))
}

/// Keeps an inbound text and applies its keyword: the STOP family puts the
/// sender on the opt-out list, the START family takes it off. A retried
/// webhook (the same `MessageSid`) changes nothing the second time.
pub fn apply_inbound(
    store: &mut dyn Store,
    params: &[(String, String)],
    region: &str,
    now: i64,
) -> StoreResult<Handled> {
    let Some(from) = param(params, "From") else {
        return Ok(Handled::bad_request("an inbound Twilio message needs From"));
    };
    let from = e164_or_raw(from, region);
    let body = params
        .iter()
        .find(|(n, _)| n == "Body")
        .map(|(_, v)| v.clone())
        .unwrap_or_default();
    let id = param(params, "MessageSid")
        .or(param(params, "SmsSid"))
        .map(str::to_string)
        .unwrap_or_else(|| format!("inbound-{}", uuid::Uuid::now_v7().simple()));
    let message = Inbound {
        id: id.clone(),
        provider: "twilio".into(),
        from: from.clone(),
        to: param(params, "To").unwrap_or_default().to_string(),
        body: body.clone(),
        at: now,
    };
    if !store.add_inbound(&message)? {
        return Ok(Handled::twiml(format!(
            "inbound {id} from {from} was already kept: ignored"
        )));
    }
    let word = body.trim().to_uppercase();
    let summary = match keyword(&body) {
        Some(Keyword::OptOut) => {
            let entry = ListEntry {
                key: from.clone(),
                at: now,
                reason: format!("replied {word}"),
                message_id: None,
            };
            store.add_entry(List::OptOut, &entry)?;
            format!("inbound {id} from {from}: {word}, added to the opt-out list")
        }
        Some(Keyword::OptIn) => {
            store.remove_entry(List::OptOut, &from)?;
            format!("inbound {id} from {from}: {word}, removed from the opt-out list")
        }
        None => format!("inbound {id} from {from} kept"),
    };
    Ok(Handled::twiml(summary))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::messaging::store::sqlite::SqliteStore;
    use crate::messaging::store::testing::sms;
    use crate::messaging::store::Submitted;

    fn pairs(p: &[(&str, &str)]) -> Vec<(String, String)> {
        p.iter()
            .map(|(a, b)| (a.to_string(), b.to_string()))
            .collect()
    }

    fn research_vector() -> (Secret, &'static str, Vec<(String, String)>) {
        (
            Secret::new("12345"),
            "https://mycompany.com/myapp.php?foo=1&bar=2",
            pairs(&[
                ("Digits", "1234"),
                ("To", "+18005551212"),
                ("From", "+12349013030"),
                ("Caller", "+12349013030"),
                ("CallSid", "CA1234567890ABCDE"),
            ]),
        )
    }

    #[test]
    fn the_published_signature_vector() {
        let (token, url, params) = research_vector();
        assert_eq!(
            signed_text(url, &params),
            "https://mycompany.com/myapp.php?foo=1&bar=2CallSidCA1234567890ABCDECaller+12349013030Digits1234From+12349013030To+18005551212"
        );
        assert_eq!(
            signature(&token, url, &params),
            "0/KCTR6DLpKmkAf8muzZqo1nDgQ="
        );
        assert!(verify(&token, url, &params, "0/KCTR6DLpKmkAf8muzZqo1nDgQ="));
    }

    #[test]
    fn any_change_breaks_the_signature() {
        let (token, url, params) = research_vector();
        let good = "0/KCTR6DLpKmkAf8muzZqo1nDgQ=";
        assert!(!verify(&Secret::new("12346"), url, &params, good));
        assert!(!verify(
            &token,
            "https://mycompany.com/myapp.php?foo=1&bar=3",
            &params,
            good
        ));
        let mut more = params.clone();
        more.push(("Extra".into(), "1".into()));
        assert!(!verify(&token, url, &more, good), "a parameter added");
        assert!(
            !verify(&token, url, &params[1..], good),
            "a parameter dropped"
        );
        assert!(!verify(&token, url, &params, ""));
        assert!(!verify(&token, url, &params, "not base64!"));
        assert!(!verify(
            &token,
            url,
            &params,
            "0/KCTR6DLpKmkAf8muzZqo1nDgA="
        ));
    }

    #[test]
    fn repeated_parameters_sort_by_value_too() {
        let p = pairs(&[("MediaUrl", "b"), ("Body", "x"), ("MediaUrl", "a")]);
        assert_eq!(signed_text("u", &p), "uBodyxMediaUrlaMediaUrlb");
    }

    #[test]
    fn statuses_map_to_ours() {
        for (s, want) in [
            ("queued", None),
            ("accepted", None),
            ("scheduled", None),
            ("sending", None),
            ("sent", Some(Status::Sent)),
            ("delivered", Some(Status::Delivered)),
            ("read", Some(Status::Delivered)),
            ("undelivered", Some(Status::Failed)),
            ("failed", Some(Status::Failed)),
            ("canceled", Some(Status::Failed)),
            ("Delivered", Some(Status::Delivered)),
            ("partially_delivered", None),
        ] {
            assert_eq!(map_status(s), want, "{s}");
        }
    }

    fn store_with(id: &str, to: &str) -> SqliteStore {
        let mut s = SqliteStore::in_memory().unwrap();
        assert!(matches!(
            s.submit(&sms(id, &format!("k-{id}"), to, "hi", 10), false)
                .unwrap(),
            Submitted::Inserted(_, None)
        ));
        s
    }

    #[test]
    fn a_status_callback_finds_its_message_by_id_or_sid() {
        let mut s = store_with("m1", "+14155550100");
        let sent = pairs(&[("MessageSid", "SM1"), ("MessageStatus", "sent")]);
        let h = apply_status(&mut s, Some("m1"), &sent, "US", 20).unwrap();
        assert_eq!(
            (h.code, h.summary.as_str()),
            (200, "Twilio sent: message m1 queued -> sent")
        );
        let delivered = pairs(&[("MessageSid", "SM1"), ("MessageStatus", "delivered")]);
        let h = apply_status(&mut s, None, &delivered, "US", 30).unwrap();
        assert_eq!(h.summary, "Twilio delivered: message m1 sent -> delivered");
        let r = s.get("m1").unwrap().unwrap();
        assert_eq!(
            (r.status, r.provider_id.as_deref(), r.provider.as_deref()),
            (Status::Delivered, Some("SM1"), Some("twilio"))
        );
        let h = apply_status(
            &mut s,
            Some("nope"),
            &pairs(&[("MessageSid", "SM7"), ("MessageStatus", "sent")]),
            "US",
            40,
        )
        .unwrap();
        assert_eq!(
            (h.code, h.summary.as_str()),
            (200, "Twilio sent for an unknown message (id nope): ignored")
        );
        let h = apply_status(
            &mut s,
            Some("m1"),
            &pairs(&[("MessageSid", "SM1")]),
            "US",
            40,
        )
        .unwrap();
        assert_eq!(h.code, 400);
    }

    #[test]
    fn error_21610_suppresses_the_message_and_opts_the_number_out() {
        let mut s = store_with("m1", "+14155550100");
        let p = pairs(&[
            ("MessageSid", "SM1"),
            ("MessageStatus", "failed"),
            ("ErrorCode", "21610"),
            ("To", "+14155550100"),
        ]);
        let h = apply_status(&mut s, Some("m1"), &p, "US", 20).unwrap();
        assert_eq!(
            h.summary,
            "Twilio failed (error 21610): message m1 queued -> suppressed; +14155550100 added to the opt-out list"
        );
        let r = s.get("m1").unwrap().unwrap();
        assert_eq!(
            (r.status, r.reason.as_deref()),
            (
                Status::Suppressed,
                Some("Twilio error 21610; the recipient is on the opt-out list")
            )
        );
        let list = s.list_entries(List::OptOut).unwrap();
        assert_eq!(
            list,
            [ListEntry {
                key: "+14155550100".into(),
                at: 20,
                reason: "Twilio error 21610: the recipient replied STOP".into(),
                message_id: Some("m1".into()),
            }]
        );
    }

    #[test]
    fn other_errors_are_kept_in_the_event() {
        let mut s = store_with("m1", "+14155550100");
        let p = pairs(&[
            ("MessageSid", "SM1"),
            ("MessageStatus", "undelivered"),
            ("ErrorCode", "30003"),
        ]);
        apply_status(&mut s, Some("m1"), &p, "US", 20).unwrap();
        let last = s.events("m1").unwrap().pop().unwrap();
        assert_eq!(
            (
                last.status,
                last.provider_status.as_deref(),
                last.detail.as_deref()
            ),
            (
                Status::Failed,
                Some("undelivered"),
                Some("Twilio error 30003")
            )
        );
        assert!(s.list_entries(List::OptOut).unwrap().is_empty());
    }

    #[test]
    fn inbound_keywords_opt_out_and_back_in_once_per_message() {
        let mut s = SqliteStore::in_memory().unwrap();
        let text = |sid: &str, body: &str| {
            pairs(&[
                ("MessageSid", sid),
                ("From", "+14155550100"),
                ("To", "+15005550006"),
                ("Body", body),
            ])
        };
        let h = apply_inbound(&mut s, &text("SM1", " stop\n"), "US", 10).unwrap();
        assert_eq!(
            (h.code, h.summary.as_str()),
            (
                200,
                "inbound SM1 from +14155550100: STOP, added to the opt-out list"
            )
        );
        assert_eq!(h.content_type, "text/xml");
        assert_eq!(h.body, "<Response/>");
        let list = s.list_entries(List::OptOut).unwrap();
        assert_eq!(
            (list[0].key.as_str(), list[0].reason.as_str()),
            ("+14155550100", "replied STOP")
        );
        let h = apply_inbound(&mut s, &text("SM2", "Start"), "US", 20).unwrap();
        assert_eq!(
            h.summary,
            "inbound SM2 from +14155550100: START, removed from the opt-out list"
        );
        assert!(s.list_entries(List::OptOut).unwrap().is_empty());
        // Twilio retries SM1: the number stays opted in.
        let h = apply_inbound(&mut s, &text("SM1", "STOP"), "US", 30).unwrap();
        assert_eq!(
            h.summary,
            "inbound SM1 from +14155550100 was already kept: ignored"
        );
        assert!(s.list_entries(List::OptOut).unwrap().is_empty());
        let h = apply_inbound(&mut s, &text("SM3", "please stop"), "US", 40).unwrap();
        assert_eq!(h.summary, "inbound SM3 from +14155550100 kept");
        assert!(s.list_entries(List::OptOut).unwrap().is_empty());
        let kept: Vec<_> = s
            .inbound(10)
            .unwrap()
            .into_iter()
            .map(|m| (m.id, m.from, m.body))
            .collect();
        assert_eq!(
            kept,
            [
                ("SM3".into(), "+14155550100".into(), "please stop".into()),
                ("SM2".into(), "+14155550100".into(), "Start".into()),
                ("SM1".into(), "+14155550100".into(), " stop\n".into()),
            ]
        );
        let h = apply_inbound(&mut s, &pairs(&[("Body", "STOP")]), "US", 50).unwrap();
        assert_eq!(h.code, 400);
    }
}
