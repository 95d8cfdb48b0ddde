//! Amazon SES events (the `Message` of an SNS notification): which message
//! they are about, and what they do to it and to the suppression list.

use serde_json::Value;

use super::{describe, Handled};
use crate::messaging::mime;
use crate::messaging::status::Status;
use crate::messaging::store::{List, ListEntry, ProviderEvent, Record, Store, StoreResult};

/// The tag the SES transport puts our message id in (`EmailTags`).
pub const TAG: &str = "air-message-id";

/// One SES event, read.
#[derive(Clone, Debug, PartialEq)]
pub struct SesEvent {
    /// `eventType` (event publishing) or `notificationType` (identity
    /// notifications): `Send`, `Delivery`, `Bounce`, ...
    pub kind: String,
    /// Our message id, from the `air-message-id` tag.
    pub tag_id: Option<String>,
    /// SES's message id (`mail.messageId`).
    pub ses_id: Option<String>,
    /// The local part of the `Message-ID` header (`<ID@domain>`), which the
    /// MIME builder makes from our message id.
    pub header_id: Option<String>,
    /// The status it means (`None`: only logged).
    pub status: Option<Status>,
    pub detail: String,
    /// Addresses for the suppression list, and why.
    pub suppress: Vec<String>,
    pub reason: String,
}

fn text(v: &Value, path: &[&str]) -> Option<String> {
    let mut v = v;
    for p in path {
        v = v.get(p)?;
    }
    v.as_str().map(str::to_string).filter(|s| !s.is_empty())
}

fn items<'a>(v: &'a Value, path: &[&str]) -> Vec<&'a Value> {
    let mut v = v;
    for p in path {
        match v.get(p) {
            Some(inner) => v = inner,
            None => return Vec::new(),
        }
    }
    v.as_array().map(|a| a.iter().collect()).unwrap_or_default()
}

/// Addresses of a recipients list (`bouncedRecipients`, ...), each with
/// what SES said about it.
fn recipients(v: &Value, path: &[&str], note: &str) -> Vec<(String, Option<String>)> {
    items(v, path)
        .into_iter()
        .filter_map(|r| match r {
            Value::String(s) => Some((s.clone(), None)),
            other => text(other, &["emailAddress"]).map(|a| (a, text(other, &[note]))),
        })
        .collect()
}

fn joined(list: &[(String, Option<String>)]) -> String {
    list.iter()
        .map(|(a, note)| match note {
            Some(n) => format!("{a} ({n})"),
            None => a.clone(),
        })
        .collect::<Vec<_>>()
        .join(", ")
}

fn addresses(list: &[(String, Option<String>)]) -> Vec<String> {
    list.iter().map(|(a, _)| a.clone()).collect()
}

/// The suppression key of an address: lower-case, without a display name.
pub fn suppression_key(address: &str) -> String {
    match mime::parse_address("emailAddress", address) {
        Ok(a) => mime::bare_address(&a).to_ascii_lowercase(),
        Err(_) => address.trim().to_ascii_lowercase(),
    }
}

fn with(prefix: String, rest: String) -> String {
    match (prefix.is_empty(), rest.is_empty()) {
        (_, true) => prefix,
        (true, false) => rest,
        (false, false) => format!("{prefix}: {rest}"),
    }
}

/// Reads an SES event and maps it: Send → sent; Delivery → delivered;
/// a Permanent bounce → bounced and every bounced recipient suppressed,
/// other bounces → failed; Complaint → complained and suppressed;
/// Reject → rejected; Rendering Failure → rendering_failure; Subscription →
/// unsubscribed and suppressed; DeliveryDelay, Open, Click → only logged
/// (`delayed` would make the dispatcher send it again).
pub fn parse(message: &str) -> Result<SesEvent, String> {
    let v: Value =
        serde_json::from_str(message).map_err(|e| format!("the SES event is not JSON: {e}"))?;
    let kind = text(&v, &["eventType"])
        .or_else(|| text(&v, &["notificationType"]))
        .ok_or("the SES event has neither eventType nor notificationType")?;
    let tag_id = items(&v, &["mail", "tags", TAG])
        .first()
        .and_then(|t| t.as_str())
        .map(str::to_string)
        .filter(|s| !s.is_empty());
    let header_id = text(&v, &["mail", "commonHeaders", "messageId"]).and_then(|h| {
        let inner = h.trim().trim_start_matches('<').trim_end_matches('>');
        inner
            .split_once('@')
            .map(|(local, _)| local.to_string())
            .filter(|l| !l.is_empty())
    });
    let mut e = SesEvent {
        kind: kind.clone(),
        tag_id,
        ses_id: text(&v, &["mail", "messageId"]),
        header_id,
        status: None,
        detail: String::new(),
        suppress: Vec::new(),
        reason: String::new(),
    };
    match kind.as_str() {
        "Send" => e.status = Some(Status::Sent),
        "Delivery" => {
            e.status = Some(Status::Delivered);
            let to = recipients(&v, &["delivery", "recipients"], "");
            e.detail = with(
                joined(&to),
                text(&v, &["delivery", "smtpResponse"]).unwrap_or_default(),
            );
        }
        "Bounce" => {
            let kind = text(&v, &["bounce", "bounceType"]).unwrap_or_else(|| "Undetermined".into());
            let sub = text(&v, &["bounce", "bounceSubType"]).unwrap_or_default();
            let label = if sub.is_empty() {
                kind.clone()
            } else {
                format!("{kind}/{sub}")
            };
            let to = recipients(&v, &["bounce", "bouncedRecipients"], "diagnosticCode");
            e.detail = with(label.clone(), joined(&to));
            if kind == "Permanent" {
                e.status = Some(Status::Bounced);
                e.suppress = addresses(&to);
                e.reason = format!("bounce {label}");
            } else {
                e.status = Some(Status::Failed);
            }
        }
        "Complaint" => {
            e.status = Some(Status::Complained);
            let to = recipients(&v, &["complaint", "complainedRecipients"], "");
            let feedback = text(&v, &["complaint", "complaintFeedbackType"]);
            e.reason = match &feedback {
                Some(f) => format!("complaint {f}"),
                None => "complaint".into(),
            };
            e.detail = with(feedback.unwrap_or_default(), joined(&to));
            e.suppress = addresses(&to);
        }
        "Reject" => {
            e.status = Some(Status::Rejected);
            e.detail = text(&v, &["reject", "reason"]).unwrap_or_default();
        }
        "Rendering Failure" => {
            e.status = Some(Status::RenderingFailure);
            e.detail = text(&v, &["failure", "errorMessage"]).unwrap_or_default();
        }
        "Subscription" => {
            e.status = Some(Status::Unsubscribed);
            let to = recipients(&v, &["mail", "destination"], "");
            e.detail = joined(&to);
            e.suppress = addresses(&to);
            e.reason = "unsubscribed".into();
        }
        "DeliveryDelay" => {
            let to = recipients(
                &v,
                &["deliveryDelay", "delayedRecipients"],
                "diagnosticCode",
            );
            e.detail = with(
                text(&v, &["deliveryDelay", "delayType"]).unwrap_or_default(),
                joined(&to),
            );
        }
        "Open" => e.detail = "opened".into(),
        "Click" => {
            e.detail = with(
                "clicked".into(),
                text(&v, &["click", "link"]).unwrap_or_default(),
            )
        }
        _ => e.detail = "an SES event air does not know; logged only".into(),
    }
    Ok(e)
}

/// The message an event is about: by our tag, else SES's id, else the
/// `Message-ID` header.
fn find(store: &mut dyn Store, e: &SesEvent) -> StoreResult<Option<Record>> {
    if let Some(id) = &e.tag_id {
        if let Some(r) = store.get(id)? {
            return Ok(Some(r));
        }
    }
    if let Some(id) = &e.ses_id {
        if let Some(r) = store.find_by_provider_id(id)? {
            return Ok(Some(r));
        }
    }
    match &e.header_id {
        Some(id) => store.get(id),
        None => Ok(None),
    }
}

/// Applies an SES event: to its message's status and event log, and to the
/// suppression list (even when the message is not in this outbox: the
/// address bounced all the same).
pub fn apply(store: &mut dyn Store, e: &SesEvent, now: i64) -> StoreResult<Handled> {
    let record = find(store, e)?;
    let mut notes = Vec::new();
    match &record {
        Some(r) => {
            let event = ProviderEvent {
                status: e.status,
                provider: "ses".into(),
                provider_id: e.ses_id.clone(),
                provider_status: e.kind.clone(),
                detail: e.detail.clone(),
            };
            let applied = store.provider_event(&r.id, &event, now)?;
            notes.push(format!(
                "SES {}: message {} {}",
                e.kind,
                r.id,
                describe(&applied)
            ));
        }
        None => notes.push(format!(
            "SES {} for an unknown message ({}): ignored",
            e.kind,
            e.ses_id.as_deref().unwrap_or("no id")
        )),
    }
    for address in &e.suppress {
        let key = suppression_key(address);
        let entry = ListEntry {
            key: key.clone(),
            at: now,
            reason: e.reason.clone(),
            message_id: record.as_ref().map(|r| r.id.clone()),
        };
        if store.add_entry(List::Suppression, &entry)? {
            notes.push(format!("{key} added to the suppression list"));
        }
    }
    Ok(Handled::ok(notes.join("; ")))
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::messaging::store::sqlite::SqliteStore;
    use crate::messaging::store::testing::sms;
    use crate::session::Channel;
    use serde_json::json;

    fn event(kind: &str, extra: Value) -> String {
        let mut v = json!({
            "eventType": kind,
            "mail": {
                "timestamp": "2026-11-22T10:00:00.000Z",
                "source": "news@acme.example",
                "messageId": "0100018c-ses-id",
                "destination": ["Ada <Ada@Example.com>"],
                "tags": {"air-message-id": ["m1"], "ses:source-ip": ["127.0.0.1"]},
                "commonHeaders": {"messageId": "<m1@acme.example>", "subject": "Hi"}
            }
        });
        if let (Some(obj), Value::Object(more)) = (v.as_object_mut(), extra) {
            obj.extend(more);
        }
        v.to_string()
    }

    #[test]
    fn events_map_to_statuses_and_suppressions() {
        let cases = [
            (
                "Send",
                json!({"send": {}}),
                Some(Status::Sent),
                "",
                vec![],
                "",
            ),
            (
                "Delivery",
                json!({"delivery": {"recipients": ["ada@example.com"], "smtpResponse": "250 2.6.0 ok"}}),
                Some(Status::Delivered),
                "ada@example.com: 250 2.6.0 ok",
                vec![],
                "",
            ),
            (
                "Bounce",
                json!({"bounce": {"bounceType": "Permanent", "bounceSubType": "General",
                    "bouncedRecipients": [{"emailAddress": "ada@example.com", "diagnosticCode": "smtp; 550 5.1.1 user unknown"}]}}),
                Some(Status::Bounced),
                "Permanent/General: ada@example.com (smtp; 550 5.1.1 user unknown)",
                vec!["ada@example.com"],
                "bounce Permanent/General",
            ),
            (
                "Bounce",
                json!({"bounce": {"bounceType": "Transient", "bounceSubType": "MailboxFull",
                    "bouncedRecipients": [{"emailAddress": "ada@example.com"}]}}),
                Some(Status::Failed),
                "Transient/MailboxFull: ada@example.com",
                vec![],
                "",
            ),
            (
                "Complaint",
                json!({"complaint": {"complaintFeedbackType": "abuse",
                    "complainedRecipients": [{"emailAddress": "ada@example.com"}]}}),
                Some(Status::Complained),
                "abuse: ada@example.com",
                vec!["ada@example.com"],
                "complaint abuse",
            ),
            (
                "DeliveryDelay",
                json!({"deliveryDelay": {"delayType": "MailboxFull",
                    "delayedRecipients": [{"emailAddress": "ada@example.com"}]}}),
                None,
                "MailboxFull: ada@example.com",
                vec![],
                "",
            ),
            (
                "Reject",
                json!({"reject": {"reason": "Bad content"}}),
                Some(Status::Rejected),
                "Bad content",
                vec![],
                "",
            ),
            (
                "Rendering Failure",
                json!({"failure": {"errorMessage": "Attribute 'name' is not present", "templateName": "t"}}),
                Some(Status::RenderingFailure),
                "Attribute 'name' is not present",
                vec![],
                "",
            ),
            (
                "Subscription",
                json!({"subscription": {"contactList": "news"}}),
                Some(Status::Unsubscribed),
                "Ada <Ada@Example.com>",
                vec!["Ada <Ada@Example.com>"],
                "unsubscribed",
            ),
            ("Open", json!({"open": {}}), None, "opened", vec![], ""),
            (
                "Click",
                json!({"click": {"link": "https://acme.example/x"}}),
                None,
                "clicked: https://acme.example/x",
                vec![],
                "",
            ),
            (
                "Bogus",
                json!({}),
                None,
                "an SES event air does not know; logged only",
                vec![],
                "",
            ),
        ];
        for (kind, extra, status, detail, suppress, reason) in cases {
            let e = parse(&event(kind, extra)).unwrap();
            assert_eq!(
                (
                    e.kind.as_str(),
                    e.status,
                    e.detail.as_str(),
                    e.suppress.clone(),
                    e.reason.as_str()
                ),
                (
                    kind,
                    status,
                    detail,
                    suppress.iter().map(|s| s.to_string()).collect(),
                    reason
                ),
                "{kind}"
            );
            assert_eq!(
                (
                    e.tag_id.as_deref(),
                    e.ses_id.as_deref(),
                    e.header_id.as_deref()
                ),
                (Some("m1"), Some("0100018c-ses-id"), Some("m1"))
            );
        }
    }

    #[test]
    fn identity_notifications_use_notification_type() {
        let e = parse(r#"{"notificationType":"Bounce","bounce":{"bounceType":"Permanent","bouncedRecipients":[{"emailAddress":"b@x.example"}]},"mail":{"messageId":"s1"}}"#).unwrap();
        assert_eq!(
            (e.kind.as_str(), e.status, e.tag_id, e.header_id),
            ("Bounce", Some(Status::Bounced), None, None)
        );
        assert_eq!(e.reason, "bounce Permanent");
        assert!(parse("{}").is_err());
        assert!(parse("nope")
            .unwrap_err()
            .starts_with("the SES event is not JSON"));
    }

    fn email_store() -> SqliteStore {
        let mut s = SqliteStore::in_memory().unwrap();
        for id in ["m1", "m2", "m3"] {
            let mut m = sms(id, &format!("k-{id}"), "ada@example.com", id, 10);
            m.channel = Channel::Email;
            m.checks = Default::default();
            s.submit(&m, false).unwrap();
        }
        s
    }

    #[test]
    fn events_find_their_message_by_tag_ses_id_or_header() {
        let mut s = email_store();
        let send = parse(&event("Send", json!({}))).unwrap();
        let h = apply(&mut s, &send, 20).unwrap();
        assert_eq!(h.summary, "SES Send: message m1 queued -> sent");
        assert_eq!(
            s.get("m1").unwrap().unwrap().provider_id.as_deref(),
            Some("0100018c-ses-id")
        );
        // No tag: SES's id finds it.
        let mut by_id = parse(&event("Delivery", json!({}))).unwrap();
        by_id.tag_id = None;
        by_id.header_id = None;
        assert_eq!(
            apply(&mut s, &by_id, 30).unwrap().summary,
            "SES Delivery: message m1 sent -> delivered"
        );
        // Neither: the Message-ID header.
        let by_header = SesEvent {
            tag_id: None,
            ses_id: Some("unknown-ses-id".into()),
            header_id: Some("m2".into()),
            ..parse(&event("Send", json!({}))).unwrap()
        };
        assert_eq!(
            apply(&mut s, &by_header, 40).unwrap().summary,
            "SES Send: message m2 queued -> sent"
        );
        let lost = SesEvent {
            tag_id: Some("zz".into()),
            ses_id: Some("nobody".into()),
            header_id: None,
            ..parse(&event("Send", json!({}))).unwrap()
        };
        assert_eq!(
            apply(&mut s, &lost, 50).unwrap().summary,
            "SES Send for an unknown message (nobody): ignored"
        );
    }

    #[test]
    fn a_hard_bounce_suppresses_every_recipient_with_the_message() {
        let mut s = email_store();
        let bounce = parse(&event(
            "Bounce",
            json!({"bounce": {"bounceType": "Permanent", "bounceSubType": "General",
                "bouncedRecipients": [{"emailAddress": "Ada@Example.com"}, {"emailAddress": "Bob <bob@example.com>"}]}}),
        ))
        .unwrap();
        let h = apply(&mut s, &bounce, 20).unwrap();
        assert_eq!(
            h.summary,
            "SES Bounce: message m1 queued -> bounced; ada@example.com added to the suppression list; bob@example.com added to the suppression list"
        );
        let list = s.list_entries(List::Suppression).unwrap();
        assert_eq!(
            list.iter()
                .map(|e| (e.key.as_str(), e.reason.as_str(), e.message_id.as_deref()))
                .collect::<Vec<_>>(),
            [
                ("ada@example.com", "bounce Permanent/General", Some("m1")),
                ("bob@example.com", "bounce Permanent/General", Some("m1")),
            ]
        );
        let last = s.events("m1").unwrap().pop().unwrap();
        assert_eq!(
            (last.status, last.provider_status.as_deref()),
            (Status::Bounced, Some("Bounce"))
        );
        // A delay only logs: the message stays as it is.
        let delay = parse(&event("DeliveryDelay", json!({}))).unwrap();
        assert_eq!(
            apply(&mut s, &delay, 30).unwrap().summary,
            "SES DeliveryDelay: message m1 stays bounced (logged)"
        );
    }
}
