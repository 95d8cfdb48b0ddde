//! The HTTP side: `POST /twilio/status`, `POST /twilio/inbound`,
//! `POST /ses/sns` and `GET /health`. Signatures are checked before anything
//! else; a bad one gets 403 and changes nothing. The outbox work runs on
//! blocking tasks, one at a time (the store is behind a mutex). Each request
//! is logged on standard error, one line, never with a secret.

use std::future::Future;
use std::sync::Arc;

use axum::body::Bytes;
use axum::extract::State;
use axum::http::{header, HeaderMap, StatusCode, Uri};
use axum::response::{IntoResponse, Response};
use axum::routing::{get, post};
use axum::Router;

use super::sns::{self, Envelope};
use super::{ses, twilio, Handled, Webhooks};
use crate::messaging::store::{Store, StoreResult};

/// The routes, with their state.
pub fn router(webhooks: Arc<Webhooks>) -> Router {
    Router::new()
        .route("/twilio/status", post(twilio_status))
        .route("/twilio/inbound", post(twilio_inbound))
        .route("/ses/sns", post(ses_sns))
        .route("/health", get(health))
        .with_state(webhooks)
}

/// Serves the routes on `listener` until `shutdown` completes, on a
/// current-thread runtime of its own (blocking the caller).
pub fn serve(
    listener: std::net::TcpListener,
    webhooks: Arc<Webhooks>,
    shutdown: impl Future<Output = ()> + Send + 'static,
) -> std::io::Result<()> {
    listener.set_nonblocking(true)?;
    let runtime = tokio::runtime::Builder::new_current_thread()
        .enable_all()
        .max_blocking_threads(8)
        .build()?;
    runtime.block_on(async move {
        let listener = tokio::net::TcpListener::from_std(listener)?;
        axum::serve(listener, router(webhooks))
            .with_graceful_shutdown(shutdown)
            .await
    })
}

async fn health() -> &'static str {
    "ok\n"
}

/// Runs `f` on a blocking task.
async fn blocking(
    w: Arc<Webhooks>,
    f: impl FnOnce(&Webhooks) -> Handled + Send + 'static,
) -> Handled {
    tokio::task::spawn_blocking(move || f(&w))
        .await
        .unwrap_or_else(|e| Handled::internal(format!("the handler stopped: {e}")))
}

fn respond(w: &Webhooks, route: &str, h: Handled) -> Response {
    let at = w
        .clock
        .now()
        .round(jiff::Unit::Second)
        .unwrap_or(w.clock.now());
    eprintln!("{at} {route} {} {}", h.code, h.summary);
    let code = StatusCode::from_u16(h.code).unwrap_or(StatusCode::INTERNAL_SERVER_ERROR);
    (code, [(header::CONTENT_TYPE, h.content_type)], h.body).into_response()
}

fn form(body: &[u8]) -> Vec<(String, String)> {
    form_urlencoded::parse(body).into_owned().collect()
}

fn query_param(uri: &Uri, name: &str) -> Option<String> {
    form_urlencoded::parse(uri.query().unwrap_or("").as_bytes())
        .find(|(n, _)| n == name)
        .map(|(_, v)| v.into_owned())
        .filter(|v| !v.is_empty())
}

/// The URL the provider called, as it signed it: the public base URL, then
/// the path and query this server received.
fn called_url(w: &Webhooks, uri: &Uri) -> String {
    let tail = uri
        .path_and_query()
        .map_or_else(|| uri.path(), |p| p.as_str());
    format!("{}{tail}", w.settings.public_url)
}

/// Checks `X-Twilio-Signature`; the refusal when it does not match.
fn check_twilio(
    w: &Webhooks,
    uri: &Uri,
    headers: &HeaderMap,
    params: &[(String, String)],
) -> Result<(), Handled> {
    let Some(token) = &w.settings.twilio_auth_token else {
        return Err(Handled::forbidden(
            "Twilio requests are refused: twilio.auth_token (AIR_TWILIO_AUTH_TOKEN) is not set, so their signature cannot be checked",
        ));
    };
    let Some(signature) = headers
        .get("x-twilio-signature")
        .and_then(|v| v.to_str().ok())
    else {
        return Err(Handled::forbidden("no X-Twilio-Signature header"));
    };
    let url = called_url(w, uri);
    if twilio::verify(token, &url, params, signature) {
        Ok(())
    } else {
        Err(Handled::forbidden(format!(
            "X-Twilio-Signature does not sign {url} and the posted parameters (is webhooks.public_url the URL Twilio calls?)"
        )))
    }
}

/// What a Twilio route does with a signed form: given the store, the `id`
/// query parameter, the posted parameters, the default region and the time.
type ApplyTwilio =
    fn(&mut dyn Store, Option<&str>, &[(String, String)], &str, i64) -> StoreResult<Handled>;

/// A Twilio route: checks the signature over the posted form, then applies
/// it to the store.
async fn twilio_route(
    w: Arc<Webhooks>,
    route: &str,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
    apply: ApplyTwilio,
) -> Response {
    let handled = blocking(w.clone(), move |w| {
        let params = form(&body);
        if let Err(refused) = check_twilio(w, &uri, &headers, &params) {
            return refused;
        }
        let id = query_param(&uri, "id");
        let (region, now) = (w.settings.default_region.clone(), w.now());
        w.with_store(|s| apply(s, id.as_deref(), &params, &region, now))
            .unwrap_or_else(|e| Handled::internal(e.to_string()))
    })
    .await;
    respond(&w, route, handled)
}

async fn twilio_status(
    State(w): State<Arc<Webhooks>>,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    twilio_route(
        w,
        "POST /twilio/status",
        uri,
        headers,
        body,
        twilio::apply_status,
    )
    .await
}

async fn twilio_inbound(
    State(w): State<Arc<Webhooks>>,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    // An inbound text names no message of ours: the `id` is not used.
    let apply: ApplyTwilio =
        |s, _, params, region, now| twilio::apply_inbound(s, params, region, now);
    twilio_route(w, "POST /twilio/inbound", uri, headers, body, apply).await
}

async fn ses_sns(State(w): State<Arc<Webhooks>>, body: Bytes) -> Response {
    let handled = blocking(w.clone(), move |w| sns_message(w, &body)).await;
    respond(&w, "POST /ses/sns", handled)
}

impl Webhooks {
    /// The key that signs `e`: the configured certificate's, else the one
    /// at its `SigningCertURL` (fetched once, from SNS only).
    fn sns_key(&self, e: &Envelope) -> Result<Arc<Vec<u8>>, Handled> {
        if let Some(key) = &self.settings.sns_public_key {
            return Ok(Arc::new(key.clone()));
        }
        let Some(url) = e.signing_cert_url.as_deref() else {
            return Err(Handled::forbidden("the SNS message has no SigningCertURL"));
        };
        if !sns::certificate_url_allowed(url) {
            return Err(Handled::forbidden(format!(
                "SigningCertURL {url:?} is not an Amazon SNS certificate (https://sns.<region>.amazonaws.com/...pem)"
            )));
        }
        let cached = self
            .certificates
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .get(url)
            .cloned();
        if let Some(key) = cached {
            return Ok(key);
        }
        let key = Arc::new(sns::fetch_public_key(url).map_err(Handled::bad_gateway)?);
        self.certificates
            .lock()
            .unwrap_or_else(|p| p.into_inner())
            .insert(url.to_string(), key.clone());
        Ok(key)
    }
}

/// One SNS message: checked, then a subscription confirmed or an SES event applied.
fn sns_message(w: &Webhooks, body: &[u8]) -> Handled {
    let e = match Envelope::parse(body) {
        Ok(e) => e,
        Err(msg) => return Handled::bad_request(msg),
    };
    let topic = e.topic_arn.clone().unwrap_or_default();
    if !w.settings.sns_topics.is_empty() && !w.settings.sns_topics.contains(&topic) {
        return Handled::forbidden(format!(
            "SNS topic {topic:?} is not one of webhooks.sns_topics"
        ));
    }
    let key = match w.sns_key(&e) {
        Ok(k) => k,
        Err(refused) => return refused,
    };
    if let Err(msg) = sns::verify(&e, &key) {
        return Handled::forbidden(msg);
    }
    match e.kind() {
        "SubscriptionConfirmation" => {
            let Some(url) = e.subscribe_url.as_deref() else {
                return Handled::bad_request("the SNS message has no SubscribeURL");
            };
            match sns::confirm_subscription(url) {
                Ok(()) => Handled::ok(format!("subscription to {topic} confirmed")),
                Err(msg) => Handled::bad_gateway(msg),
            }
        }
        "UnsubscribeConfirmation" => Handled::ok(format!("unsubscribed from {topic}")),
        _ => {
            let id = e.message_id.as_deref().unwrap_or("");
            let event = match ses::parse(e.message.as_deref().unwrap_or("")) {
                Ok(event) => event,
                Err(msg) => return Handled::ok(format!("SNS notification {id} ignored: {msg}")),
            };
            let now = w.now();
            w.with_store(|s| ses::apply(s, &event, now))
                .unwrap_or_else(|err| Handled::internal(err.to_string()))
        }
    }
}
