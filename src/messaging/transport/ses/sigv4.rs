//! AWS Signature Version 4 for one request, by the `aws-sigv4` crate: the
//! headers to add (`x-amz-date`, `authorization`, and
//! `x-amz-security-token` with temporary credentials).

use std::time::SystemTime;

use aws_credential_types::Credentials;
use aws_sigv4::http_request::{sign as sigv4_sign, SignableBody, SignableRequest, SigningSettings};
use aws_sigv4::sign::v4;
use aws_smithy_runtime_api::client::identity::Identity;

/// AWS credentials. Their `Debug` shows the key id only.
#[derive(Clone)]
pub struct Keys {
    pub access_key_id: String,
    pub secret_access_key: String,
    pub session_token: Option<String>,
}

impl std::fmt::Debug for Keys {
    fn fmt(&self, f: &mut std::fmt::Formatter<'_>) -> std::fmt::Result {
        f.debug_struct("Keys")
            .field("access_key_id", &self.access_key_id)
            .field("secret_access_key", &"****")
            .field(
                "session_token",
                &self.session_token.as_ref().map(|_| "****"),
            )
            .finish()
    }
}

/// A request to sign: the method, the full URL (already percent-encoded),
/// the headers that go out with it (besides `host`, which comes from the
/// URL) and the body.
#[derive(Clone, Copy, Debug)]
pub struct Request<'a> {
    pub method: &'a str,
    pub url: &'a str,
    pub headers: &'a [(&'a str, &'a str)],
    pub body: &'a [u8],
}

/// The headers that sign `request` for `service` in `region` at `time`.
/// Errors never contain the secret.
pub fn sign(
    request: &Request<'_>,
    keys: &Keys,
    region: &str,
    service: &str,
    time: SystemTime,
) -> Result<Vec<(String, String)>, String> {
    let identity: Identity = Credentials::new(
        keys.access_key_id.clone(),
        keys.secret_access_key.clone(),
        keys.session_token.clone(),
        None,
        "airscript",
    )
    .into();
    let params = v4::SigningParams::builder()
        .identity(&identity)
        .region(region)
        .name(service)
        .time(time)
        .settings(SigningSettings::default())
        .build()
        .map_err(|e| format!("SigV4 signing parameters: {e}"))?
        .into();
    let signable = SignableRequest::new(
        request.method,
        request.url,
        request.headers.iter().copied(),
        SignableBody::Bytes(request.body),
    )
    .map_err(|e| format!("SigV4 cannot sign a request to {}: {e}", request.url))?;
    let (instructions, _signature) = sigv4_sign(signable, &params)
        .map_err(|e| format!("SigV4 signing failed: {e}"))?
        .into_parts();
    Ok(instructions
        .headers()
        .map(|(k, v)| (k.to_string(), v.to_string()))
        .collect())
}

#[cfg(test)]
mod tests {
    use super::*;
    use std::time::{Duration, UNIX_EPOCH};

    const BODY: &[u8] =
        br#"{"FromEmailAddress":"shop@example.com","Content":{"Raw":{"Data":"SGk="}}}"#;

    fn keys(token: Option<&str>) -> Keys {
        Keys {
            access_key_id: "AKIDEXAMPLE".into(),
            secret_access_key: "wJalrXUtnFEMI/K7MDENG+bPxRfiCYEXAMPLEKEY".into(),
            session_token: token.map(str::to_string),
        }
    }

    /// 2026-11-22T12:00:00Z.
    fn time() -> SystemTime {
        UNIX_EPOCH + Duration::from_secs(1_795_348_800)
    }

    fn header<'a>(headers: &'a [(String, String)], name: &str) -> &'a str {
        headers
            .iter()
            .find(|(k, _)| k.eq_ignore_ascii_case(name))
            .map(|(_, v)| v.as_str())
            .unwrap_or_else(|| panic!("no {name} in {headers:?}"))
    }

    // The golden values were computed independently, once, by a Python
    // script that builds the canonical request, the string to sign and the
    // signing key (HMAC chain "AWS4"+secret → date → region → service →
    // "aws4_request") with only the standard library's hashlib and hmac; the
    // same inputs given to botocore's SigV4Auth (with its clock fixed) gave
    // the same two headers.

    #[test]
    fn golden_authorization_for_aws() {
        let headers = [("content-type", "application/json")];
        let request = Request {
            method: "POST",
            url: "https://email.us-east-1.amazonaws.com/v2/email/outbound-emails",
            headers: &headers,
            body: BODY,
        };
        let out = sign(&request, &keys(None), "us-east-1", "ses", time()).unwrap();
        assert_eq!(header(&out, "x-amz-date"), "20261122T120000Z");
        assert_eq!(
            header(&out, "authorization"),
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261122/us-east-1/ses/aws4_request, \
             SignedHeaders=content-type;host;x-amz-date, \
             Signature=9e81912229d7969bcf75cfb0ac5e5fdef46e2e638b81b3571a02d776a8a909bb"
        );
        assert_eq!(out.len(), 2, "{out:?}");
    }

    #[test]
    fn golden_authorization_with_a_port_and_a_session_token() {
        let headers = [("content-type", "application/json")];
        let request = Request {
            method: "POST",
            url: "http://127.0.0.1:4566/v2/email/outbound-emails",
            headers: &headers,
            body: BODY,
        };
        let out = sign(
            &request,
            &keys(Some("FQoGZXIvYXdzEXAMPLETOKEN")),
            "eu-west-1",
            "ses",
            time(),
        )
        .unwrap();
        assert_eq!(
            header(&out, "authorization"),
            "AWS4-HMAC-SHA256 Credential=AKIDEXAMPLE/20261122/eu-west-1/ses/aws4_request, \
             SignedHeaders=content-type;host;x-amz-date;x-amz-security-token, \
             Signature=936013bf61962fe53f505695983fc15e6482781b28a5d542a526fbb89ccb4364"
        );
        assert_eq!(
            header(&out, "x-amz-security-token"),
            "FQoGZXIvYXdzEXAMPLETOKEN"
        );
    }

    #[test]
    fn debug_masks_the_secret() {
        let shown = format!("{:?}", keys(Some("TOKEN-XYZ")));
        assert!(shown.contains("AKIDEXAMPLE"), "{shown}");
        assert!(
            !shown.contains("EXAMPLEKEY") && !shown.contains("TOKEN-XYZ"),
            "{shown}"
        );
    }
}
