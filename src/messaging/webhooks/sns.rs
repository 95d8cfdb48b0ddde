//! Amazon SNS messages posted to an HTTP endpoint: their JSON envelope, the
//! signature check (RSA with SHA-1 for `SignatureVersion` 1, SHA-256 for 2,
//! over the documented fields in order) and the signing certificate.

use std::time::Duration;

use base64::engine::general_purpose::STANDARD;
use base64::Engine as _;
use ring::signature::{
    UnparsedPublicKey, VerificationAlgorithm, RSA_PKCS1_2048_8192_SHA1_FOR_LEGACY_USE_ONLY,
    RSA_PKCS1_2048_8192_SHA256,
};
use serde::Deserialize;

/// The body SNS posts (`Type` = `Notification`, `SubscriptionConfirmation`
/// or `UnsubscribeConfirmation`).
#[derive(Clone, Debug, Default, Deserialize)]
pub struct Envelope {
    #[serde(rename = "Type")]
    pub kind: Option<String>,
    #[serde(rename = "MessageId")]
    pub message_id: Option<String>,
    #[serde(rename = "Token")]
    pub token: Option<String>,
    #[serde(rename = "TopicArn")]
    pub topic_arn: Option<String>,
    #[serde(rename = "Subject")]
    pub subject: Option<String>,
    #[serde(rename = "Message")]
    pub message: Option<String>,
    #[serde(rename = "SubscribeURL")]
    pub subscribe_url: Option<String>,
    #[serde(rename = "Timestamp")]
    pub timestamp: Option<String>,
    #[serde(rename = "SignatureVersion")]
    pub signature_version: Option<String>,
    #[serde(rename = "Signature")]
    pub signature: Option<String>,
    #[serde(rename = "SigningCertURL")]
    pub signing_cert_url: Option<String>,
}

impl Envelope {
    /// Reads the posted JSON.
    pub fn parse(body: &[u8]) -> Result<Envelope, String> {
        serde_json::from_slice(body).map_err(|e| format!("not an SNS message: {e}"))
    }

    /// The message type (`Type`), "" when missing.
    pub fn kind(&self) -> &str {
        self.kind.as_deref().unwrap_or("")
    }
}

/// The text SNS signs: each field as `Name\nValue\n`, in the documented
/// order for the message type (`Subject` only when present).
pub fn signed_text(e: &Envelope) -> Result<String, String> {
    let fields: Vec<(&str, Option<&String>, bool)> = match e.kind() {
        "Notification" => vec![
            ("Message", e.message.as_ref(), true),
            ("MessageId", e.message_id.as_ref(), true),
            ("Subject", e.subject.as_ref(), false),
            ("Timestamp", e.timestamp.as_ref(), true),
            ("TopicArn", e.topic_arn.as_ref(), true),
            ("Type", e.kind.as_ref(), true),
        ],
        "SubscriptionConfirmation" | "UnsubscribeConfirmation" => vec![
            ("Message", e.message.as_ref(), true),
            ("MessageId", e.message_id.as_ref(), true),
            ("SubscribeURL", e.subscribe_url.as_ref(), true),
            ("Timestamp", e.timestamp.as_ref(), true),
            ("Token", e.token.as_ref(), true),
            ("TopicArn", e.topic_arn.as_ref(), true),
            ("Type", e.kind.as_ref(), true),
        ],
        "" => return Err("the SNS message has no Type".into()),
        other => return Err(format!("unknown SNS message Type {other:?}")),
    };
    let mut text = String::new();
    for (name, value, required) in fields {
        match value {
            Some(v) => {
                text.push_str(name);
                text.push('\n');
                text.push_str(v);
                text.push('\n');
            }
            None if required => return Err(format!("the SNS message has no {name}")),
            None => {}
        }
    }
    Ok(text)
}

fn algorithm(version: Option<&str>) -> Result<&'static dyn VerificationAlgorithm, String> {
    match version {
        Some("1") => Ok(&RSA_PKCS1_2048_8192_SHA1_FOR_LEGACY_USE_ONLY),
        Some("2") => Ok(&RSA_PKCS1_2048_8192_SHA256),
        Some(v) => Err(format!("unknown SNS SignatureVersion {v:?} (known: 1, 2)")),
        None => Err("the SNS message has no SignatureVersion".into()),
    }
}

/// Checks the message's signature with `public_key` (an RSA public key in
/// PKCS#1 DER, as [`public_key_from_pem`] gives).
pub fn verify(e: &Envelope, public_key: &[u8]) -> Result<(), String> {
    let alg = algorithm(e.signature_version.as_deref())?;
    let text = signed_text(e)?;
    let signature = e
        .signature
        .as_deref()
        .ok_or("the SNS message has no Signature")?;
    let signature = STANDARD
        .decode(signature.trim())
        .map_err(|_| "the SNS Signature is not base64".to_string())?;
    UnparsedPublicKey::new(alg, public_key)
        .verify(text.as_bytes(), &signature)
        .map_err(|_| "the SNS signature does not match".to_string())
}

/// The RSA public key of a PEM certificate, if it is valid now.
pub fn public_key_from_pem(pem: &[u8]) -> Result<Vec<u8>, String> {
    let (_, pem) =
        x509_parser::pem::parse_x509_pem(pem).map_err(|e| format!("not a PEM certificate: {e}"))?;
    let cert = pem
        .parse_x509()
        .map_err(|e| format!("not an X.509 certificate: {e}"))?;
    if !cert.validity().is_valid() {
        return Err(format!(
            "the certificate is not valid now (from {} to {})",
            cert.validity().not_before,
            cert.validity().not_after
        ));
    }
    Ok(cert.public_key().subject_public_key.data.to_vec())
}

/// Whether SNS signing certificates may be fetched from `url`: HTTPS from
/// `sns.<region>.amazonaws.com`, a `.pem` path, nothing else.
pub fn certificate_url_allowed(url: &str) -> bool {
    let Some(rest) = url.strip_prefix("https://") else {
        return false;
    };
    let Some((host, path)) = rest.split_once('/') else {
        return false;
    };
    let region = host
        .strip_prefix("sns.")
        .and_then(|h| h.strip_suffix(".amazonaws.com"));
    let Some(region) = region else {
        return false;
    };
    !region.is_empty()
        && region
            .chars()
            .all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '-')
        && path.ends_with(".pem")
        && !path.contains(['?', '#', '@'])
}

/// Fetches a signing certificate over HTTPS and returns its public key.
pub fn fetch_public_key(url: &str) -> Result<Vec<u8>, String> {
    if !certificate_url_allowed(url) {
        return Err(format!(
            "SigningCertURL {url:?} is not an Amazon SNS certificate (https://sns.<region>.amazonaws.com/...pem)"
        ));
    }
    let agent = ureq::Agent::config_builder()
        .timeout_global(Some(Duration::from_secs(10)))
        .build()
        .new_agent();
    let mut response = agent
        .get(url)
        .call()
        .map_err(|e| format!("cannot fetch the SNS certificate {url}: {e}"))?;
    let pem = response
        .body_mut()
        .with_config()
        .limit(64 * 1024)
        .read_to_vec()
        .map_err(|e| format!("cannot read the SNS certificate {url}: {e}"))?;
    public_key_from_pem(&pem).map_err(|e| format!("SNS certificate {url}: {e}"))
}

/// Confirms a subscription: a GET of its (signed) `SubscribeURL`.
pub fn confirm_subscription(url: &str) -> Result<(), String> {
    let agent = ureq::Agent::config_builder()
        .timeout_global(Some(Duration::from_secs(10)))
        .build()
        .new_agent();
    agent
        .get(url)
        .call()
        .map(drop)
        .map_err(|e| format!("the subscription could not be confirmed: {e}"))
}

#[cfg(test)]
mod tests {
    use super::*;
    use ring::rand::SystemRandom;
    use ring::signature::{RsaKeyPair, RSA_PKCS1_SHA256};

    const KEY: &[u8] = include_bytes!("../../../tests/data/sns/key.pk8");
    const CERT: &[u8] = include_bytes!("../../../tests/data/sns/cert.pem");
    /// Signed with SignatureVersion 1 by openssl (ring signs SHA-256 only).
    const SHA1_FIXTURE: &[u8] = include_bytes!("../../../tests/data/sns/delivery-sha1.json");

    fn notification() -> Envelope {
        Envelope {
            kind: Some("Notification".into()),
            message_id: Some("22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324".into()),
            topic_arn: Some("arn:aws:sns:us-east-1:123456789012:ses-events".into()),
            message: Some("{\"eventType\":\"Delivery\"}\nline two".into()),
            timestamp: Some("2026-11-22T10:00:00.000Z".into()),
            signature_version: Some("1".into()),
            signing_cert_url: Some(
                "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-x.pem".into(),
            ),
            ..Envelope::default()
        }
    }

    /// Signs `e` with SignatureVersion 2.
    fn sign(e: &mut Envelope) {
        let key = RsaKeyPair::from_pkcs8(KEY).unwrap();
        e.signature_version = Some("2".into());
        let mut sig = vec![0; key.public().modulus_len()];
        key.sign(
            &RSA_PKCS1_SHA256,
            &SystemRandom::new(),
            signed_text(e).unwrap().as_bytes(),
            &mut sig,
        )
        .unwrap();
        e.signature = Some(STANDARD.encode(sig));
    }

    #[test]
    fn the_signed_text_follows_the_documented_order() {
        let mut n = notification();
        assert_eq!(
            signed_text(&n).unwrap(),
            "Message\n{\"eventType\":\"Delivery\"}\nline two\nMessageId\n22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324\nTimestamp\n2026-11-22T10:00:00.000Z\nTopicArn\narn:aws:sns:us-east-1:123456789012:ses-events\nType\nNotification\n"
        );
        n.subject = Some("Hi".into());
        assert!(signed_text(&n)
            .unwrap()
            .contains("MessageId\n22b80b92-fdea-4c2c-8f9d-bdfb0c7bf324\nSubject\nHi\nTimestamp\n"));
        let c = Envelope {
            kind: Some("SubscriptionConfirmation".into()),
            message_id: Some("id".into()),
            token: Some("tok".into()),
            topic_arn: Some("arn".into()),
            message: Some("m".into()),
            subscribe_url: Some("https://x/confirm".into()),
            timestamp: Some("t".into()),
            subject: Some("ignored".into()),
            ..Envelope::default()
        };
        assert_eq!(
            signed_text(&c).unwrap(),
            "Message\nm\nMessageId\nid\nSubscribeURL\nhttps://x/confirm\nTimestamp\nt\nToken\ntok\nTopicArn\narn\nType\nSubscriptionConfirmation\n"
        );
        let no_token = Envelope { token: None, ..c };
        assert_eq!(
            signed_text(&no_token).unwrap_err(),
            "the SNS message has no Token"
        );
        let odd = Envelope {
            kind: Some("Other".into()),
            ..Envelope::default()
        };
        assert_eq!(
            signed_text(&odd).unwrap_err(),
            "unknown SNS message Type \"Other\""
        );
    }

    #[test]
    fn version_2_verifies_and_any_change_breaks_it() {
        let key = public_key_from_pem(CERT).unwrap();
        let mut n = notification();
        sign(&mut n);
        assert_eq!(verify(&n, &key), Ok(()));
        let mut changed = n.clone();
        changed.message = Some("{\"eventType\":\"Bounce\"}".into());
        assert_eq!(
            verify(&changed, &key).unwrap_err(),
            "the SNS signature does not match"
        );
        let mut subject = n.clone();
        subject.subject = Some("added".into());
        assert!(verify(&subject, &key).is_err());
        let mut v1 = n.clone();
        v1.signature_version = Some("1".into());
        assert!(
            verify(&v1, &key).is_err(),
            "a SHA-256 signature is not SHA-1"
        );
        let mut v3 = n.clone();
        v3.signature_version = Some("3".into());
        assert_eq!(
            verify(&v3, &key).unwrap_err(),
            "unknown SNS SignatureVersion \"3\" (known: 1, 2)"
        );
        let mut bad = n.clone();
        bad.signature = Some("%%%".into());
        assert_eq!(
            verify(&bad, &key).unwrap_err(),
            "the SNS Signature is not base64"
        );
        let unsigned = Envelope {
            signature: None,
            ..n
        };
        assert!(verify(&unsigned, &key).is_err());
    }

    #[test]
    fn version_1_verifies_with_sha1() {
        let key = public_key_from_pem(CERT).unwrap();
        let n = Envelope::parse(SHA1_FIXTURE).unwrap();
        assert_eq!(n.signature_version.as_deref(), Some("1"));
        assert_eq!(verify(&n, &key), Ok(()));
        let mut v2 = n.clone();
        v2.signature_version = Some("2".into());
        assert!(verify(&v2, &key).is_err());
        let mut changed = n;
        changed.timestamp = Some("2026-11-22T10:00:03.000Z".into());
        assert!(verify(&changed, &key).is_err());
    }

    #[test]
    fn envelopes_parse_from_json() {
        let e = Envelope::parse(
            br#"{"Type":"Notification","MessageId":"m","TopicArn":"t","Message":"x","Timestamp":"ts","SignatureVersion":"1","Signature":"s","SigningCertURL":"u","UnsubscribeURL":"v"}"#,
        )
        .unwrap();
        assert_eq!(
            (
                e.kind(),
                e.message.as_deref(),
                e.signing_cert_url.as_deref()
            ),
            ("Notification", Some("x"), Some("u"))
        );
        assert!(Envelope::parse(b"not json")
            .unwrap_err()
            .starts_with("not an SNS message: "));
    }

    #[test]
    fn certificates_come_only_from_sns_over_https() {
        for ok in [
            "https://sns.us-east-1.amazonaws.com/SimpleNotificationService-abc.pem",
            "https://sns.eu-central-1.amazonaws.com/x/y.pem",
        ] {
            assert!(certificate_url_allowed(ok), "{ok}");
        }
        for bad in [
            "http://sns.us-east-1.amazonaws.com/SimpleNotificationService-abc.pem",
            "https://sns.us-east-1.amazonaws.com.evil.example/a.pem",
            "https://evil.example/sns.us-east-1.amazonaws.com/a.pem",
            "https://user@sns.us-east-1.amazonaws.com/a.pem",
            "https://sns..amazonaws.com/a.pem",
            "https://sns.us-east-1.amazonaws.com:8443/a.pem",
            "https://sns.us-east-1.amazonaws.com/a.txt",
            "https://sns.us-east-1.amazonaws.com/a.pem?x=.pem",
            "https://s3.amazonaws.com/a.pem",
            "https://sns.us-east-1.amazonaws.com",
        ] {
            assert!(!certificate_url_allowed(bad), "{bad}");
        }
        assert!(fetch_public_key("https://evil.example/a.pem")
            .unwrap_err()
            .contains("is not an Amazon SNS certificate"));
    }

    #[test]
    fn a_certificate_gives_its_rsa_key() {
        let key = public_key_from_pem(CERT).unwrap();
        assert_eq!(key[0], 0x30, "an RSAPublicKey DER sequence");
        assert!(public_key_from_pem(
            b"-----BEGIN CERTIFICATE-----\nAAAA\n-----END CERTIFICATE-----\n"
        )
        .is_err());
        assert!(public_key_from_pem(b"hello").is_err());
    }
}
