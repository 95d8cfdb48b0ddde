//! An in-process, stateful stand-in for Twilio's Messages API, for tests and
//! benches. It runs axum on its own thread (a current-thread tokio runtime)
//! on 127.0.0.1, checks HTTP basic auth (401 otherwise), records every
//! request, keeps the messages it accepted, lists and fetches them like
//! Twilio (`To`, `From`, `DateSent>=` filters, pages), answers successive
//! POSTs from a script of [`Behaviour`]s, and posts signed status callbacks.
//!
//! It depends on nothing else in `tests/support`, so a bench can include it
//! with `#[path = "../tests/support/twilio_fake.rs"] mod twilio_fake;`.
#![allow(dead_code)]

use std::collections::VecDeque;
use std::fmt;
use std::io;
use std::net::SocketAddr;
use std::pin::Pin;
use std::sync::atomic::{AtomicBool, AtomicU32, Ordering};
use std::sync::{Arc, Mutex, MutexGuard};
use std::task::{Context, Poll};
use std::time::Duration;

use axum::body::{Body, Bytes};
use axum::extract::connect_info::{ConnectInfo, Connected};
use axum::extract::State as AxumState;
use axum::http::{HeaderMap, Method, Uri};
use axum::response::Response;
use axum::serve::{IncomingStream, Listener};
use base64::Engine as _;
use jiff::Timestamp;
use tokio::io::{AsyncRead, AsyncWrite, ReadBuf};

/// An account SID that passes Twilio's pattern.
pub const ACCOUNT_SID: &str = "AC0123456789abcdef0123456789abcdef";
/// The fake's default auth token.
pub const AUTH_TOKEN: &str = "fake-auth-token-5e1f0c2b";
const API: &str = "2010-04-01";

/// What the fake does with one POST to `Messages.json`. POSTs take the
/// script's behaviours in turn; once it is empty every POST is `Created`.
#[derive(Clone, Debug)]
pub enum Behaviour {
    /// Validates the fields like Twilio, keeps the message, answers 201.
    Created,
    /// Answers `status` with Twilio's error body: `Error(400, 21211, "...")`.
    Error(u16, u32, String),
    /// 429 with `Retry-After: secs` and code 20429.
    TooMany(u64),
    /// 500 with code 20500.
    ServerError,
    /// Keeps the message, then closes the connection without answering.
    AcceptThenDrop,
    /// Keeps the message, sends SIGKILL (`kill -9`) to the process whose id
    /// the cell holds when this POST arrives (set it at run time; 0 kills
    /// nothing), waits until that process is gone, then closes the
    /// connection without answering.
    KillThenDrop(Arc<AtomicU32>),
    /// Keeps the message and answers 201 only after this long.
    Stall(Duration),
}

/// One request as the fake received it. Header names are lower case.
#[derive(Clone, Debug, PartialEq)]
pub struct Recorded {
    pub method: String,
    pub path: String,
    pub query: Vec<(String, String)>,
    pub form: Vec<(String, String)>,
    pub headers: Vec<(String, String)>,
}

impl Recorded {
    /// The first form field named `name`.
    pub fn field(&self, name: &str) -> Option<&str> {
        self.form
            .iter()
            .find(|(k, _)| k == name)
            .map(|(_, v)| v.as_str())
    }

    /// The form field names, in the order sent.
    pub fn field_names(&self) -> Vec<&str> {
        self.form.iter().map(|(k, _)| k.as_str()).collect()
    }

    /// The first header named `name` (any case).
    pub fn header(&self, name: &str) -> Option<&str> {
        let name = name.to_ascii_lowercase();
        self.headers
            .iter()
            .find(|(k, _)| *k == name)
            .map(|(_, v)| v.as_str())
    }
}

/// A message the fake keeps.
#[derive(Clone, Debug, PartialEq)]
pub struct Message {
    pub sid: String,
    pub to: String,
    pub from: String,
    pub body: String,
    pub status: String,
    pub date_created: Timestamp,
    pub date_sent: Timestamp,
    pub date_updated: Timestamp,
    pub num_segments: u32,
    pub status_callback: Option<String>,
    pub error_code: Option<u32>,
}

/// Twilio's RFC 2822 form: `Thu, 24 Aug 2023 05:01:45 +0000`.
pub fn rfc2822(t: Timestamp) -> String {
    t.to_zoned(jiff::tz::TimeZone::UTC)
        .strftime("%a, %d %b %Y %H:%M:%S %z")
        .to_string()
}

impl Message {
    /// The message as Twilio's API returns it (`api.v2010.account.message`).
    pub fn to_json(&self, account_sid: &str) -> serde_json::Value {
        let uri = format!("/{API}/Accounts/{account_sid}/Messages/{}.json", self.sid);
        serde_json::json!({
            "account_sid": account_sid,
            "api_version": API,
            "body": self.body,
            "date_created": rfc2822(self.date_created),
            "date_sent": rfc2822(self.date_sent),
            "date_updated": rfc2822(self.date_updated),
            "direction": "outbound-api",
            "error_code": self.error_code,
            "error_message": null,
            "from": self.from,
            "messaging_service_sid": null,
            "num_media": "0",
            "num_segments": self.num_segments.to_string(),
            "price": null,
            "price_unit": "USD",
            "sid": self.sid,
            "status": self.status,
            "subresource_uris": {
                "media": format!("/{API}/Accounts/{account_sid}/Messages/{}/Media.json", self.sid),
            },
            "to": self.to,
            "uri": uri,
        })
    }
}

#[derive(Default)]
struct State {
    script: VecDeque<Behaviour>,
    requests: Vec<Recorded>,
    messages: Vec<Message>,
    kills: Vec<u32>,
}

struct Shared {
    account_sid: String,
    /// `http://127.0.0.1:PORT`: the list's page URIs are absolute, as the
    /// API description's `format: uri` asks (Twilio's own examples show
    /// paths; the transport follows either).
    base_url: String,
    auth_token: String,
    state: Mutex<State>,
}

impl Shared {
    fn lock(&self) -> MutexGuard<'_, State> {
        self.state.lock().unwrap_or_else(|e| e.into_inner())
    }
}

/// The running fake. Dropping it stops the server.
pub struct TwilioFake {
    pub account_sid: String,
    pub auth_token: String,
    pub port: u16,
    shared: Arc<Shared>,
    stop: Option<tokio::sync::oneshot::Sender<()>>,
}

impl fmt::Debug for TwilioFake {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.debug_struct("TwilioFake")
            .field("account_sid", &self.account_sid)
            .field("port", &self.port)
            .finish_non_exhaustive()
    }
}

impl TwilioFake {
    /// A fake for [`ACCOUNT_SID`] and [`AUTH_TOKEN`] on a free port.
    pub fn start() -> TwilioFake {
        TwilioFake::with_credentials(ACCOUNT_SID, AUTH_TOKEN)
    }

    pub fn with_credentials(account_sid: &str, auth_token: &str) -> TwilioFake {
        let std_listener =
            std::net::TcpListener::bind("127.0.0.1:0").expect("bind the Twilio fake");
        std_listener.set_nonblocking(true).expect("non-blocking");
        let port = std_listener.local_addr().expect("local address").port();
        let shared = Arc::new(Shared {
            account_sid: account_sid.to_string(),
            base_url: format!("http://127.0.0.1:{port}"),
            auth_token: auth_token.to_string(),
            state: Mutex::new(State::default()),
        });
        let (stop, stopped) = tokio::sync::oneshot::channel::<()>();
        let (ready, is_ready) = std::sync::mpsc::channel::<()>();
        let app = axum::Router::new()
            .fallback(handle)
            .with_state(shared.clone())
            .into_make_service_with_connect_info::<Conn>();
        std::thread::Builder::new()
            .name(format!("twilio-fake-{port}"))
            .spawn(move || {
                let rt = tokio::runtime::Builder::new_current_thread()
                    .enable_all()
                    .build()
                    .expect("a tokio runtime for the Twilio fake");
                rt.block_on(async move {
                    let listener = DropListener(
                        tokio::net::TcpListener::from_std(std_listener).expect("tokio listener"),
                    );
                    tokio::spawn(async move {
                        let _ = axum::serve(listener, app).await;
                    });
                    let _ = ready.send(());
                    // Runs until the fake is dropped; dropping the runtime
                    // then closes every connection.
                    let _ = stopped.await;
                });
            })
            .expect("start the Twilio fake's thread");
        is_ready.recv().expect("the Twilio fake started");
        TwilioFake {
            account_sid: account_sid.to_string(),
            auth_token: auth_token.to_string(),
            port,
            shared,
            stop: Some(stop),
        }
    }

    /// `http://127.0.0.1:PORT`: the base URL to give the transport.
    pub fn url(&self) -> String {
        format!("http://127.0.0.1:{}", self.port)
    }

    /// Appends behaviours for the coming POSTs.
    pub fn script(&self, behaviours: impl IntoIterator<Item = Behaviour>) {
        self.shared.lock().script.extend(behaviours);
    }

    /// Every request so far, oldest first.
    pub fn requests(&self) -> Vec<Recorded> {
        self.shared.lock().requests.clone()
    }

    /// The POSTs to `Messages.json` so far.
    pub fn posts(&self) -> Vec<Recorded> {
        self.requests()
            .into_iter()
            .filter(|r| r.method == "POST" && r.path.ends_with("/Messages.json"))
            .collect()
    }

    /// The messages kept, oldest first.
    pub fn messages(&self) -> Vec<Message> {
        self.shared.lock().messages.clone()
    }

    pub fn message(&self, sid: &str) -> Option<Message> {
        self.shared
            .lock()
            .messages
            .iter()
            .find(|m| m.sid == sid)
            .cloned()
    }

    /// The process ids a `KillThenDrop` killed.
    pub fn kills(&self) -> Vec<u32> {
        self.shared.lock().kills.clone()
    }

    /// Keeps a message as if it had been sent at `date_created` (for lookups
    /// of older messages); returns its SID.
    pub fn insert(&self, to: &str, from: &str, body: &str, date_created: Timestamp) -> String {
        let m = new_message(to, from, body, None, date_created);
        let sid = m.sid.clone();
        self.shared.lock().messages.push(m);
        sid
    }

    /// Forgets requests, messages, kills and the script.
    pub fn clear(&self) {
        *self.shared.lock() = State::default();
    }

    /// The form fields Twilio posts to a status callback for message `sid`
    /// moving to `status` (with `ErrorCode` when given), sorted by name.
    pub fn callback_params(
        &self,
        sid: &str,
        status: &str,
        error_code: Option<u32>,
    ) -> Option<Vec<(String, String)>> {
        let m = self.message(sid)?;
        let mut p = vec![
            ("AccountSid", self.account_sid.clone()),
            ("ApiVersion", API.to_string()),
            ("From", m.from),
            ("MessageSid", m.sid.clone()),
            ("MessageStatus", status.to_string()),
            ("SmsSid", m.sid),
            ("SmsStatus", status.to_string()),
            ("To", m.to),
        ];
        if let Some(code) = error_code {
            p.push(("ErrorCode", code.to_string()));
        }
        p.sort_by(|a, b| a.0.cmp(b.0));
        Some(p.into_iter().map(|(k, v)| (k.to_string(), v)).collect())
    }

    /// Moves message `sid` to `status` and posts Twilio's status callback to
    /// `url`, signed with the auth token; `failed` and `undelivered` carry
    /// `ErrorCode` 30003. Returns the HTTP status the callback got.
    pub fn callback(&self, sid: &str, status: &str, url: &str) -> Result<u16, String> {
        let code = matches!(status, "failed" | "undelivered").then_some(30003);
        self.callback_with_code(sid, status, code, url)
    }

    /// [`TwilioFake::callback`] with an explicit `ErrorCode` (or none).
    pub fn callback_with_code(
        &self,
        sid: &str,
        status: &str,
        error_code: Option<u32>,
        url: &str,
    ) -> Result<u16, String> {
        let params = self
            .callback_params(sid, status, error_code)
            .ok_or_else(|| format!("the fake has no message {sid}"))?;
        {
            let mut st = self.shared.lock();
            if let Some(m) = st.messages.iter_mut().find(|m| m.sid == sid) {
                m.status = status.to_string();
                m.error_code = error_code;
                m.date_updated = Timestamp::now();
            }
        }
        let sig = signature(&self.auth_token, url, &params);
        post_form(url, &params, Some(&sig))
    }
}

impl Drop for TwilioFake {
    fn drop(&mut self) {
        if let Some(stop) = self.stop.take() {
            let _ = stop.send(());
        }
    }
}

/// `X-Twilio-Signature`: base64 of HMAC-SHA1 with `auth_token` over `url`
/// followed by each parameter's name and value, sorted by name.
pub fn signature<K: AsRef<str>, V: AsRef<str>>(
    auth_token: &str,
    url: &str,
    params: &[(K, V)],
) -> String {
    let mut sorted: Vec<(&str, &str)> = params
        .iter()
        .map(|(k, v)| (k.as_ref(), v.as_ref()))
        .collect();
    sorted.sort();
    let mut data = url.to_string();
    for (k, v) in sorted {
        data.push_str(k);
        data.push_str(v);
    }
    let key = ring::hmac::Key::new(
        ring::hmac::HMAC_SHA1_FOR_LEGACY_USE_ONLY,
        auth_token.as_bytes(),
    );
    base64::engine::general_purpose::STANDARD.encode(ring::hmac::sign(&key, data.as_bytes()))
}

/// POSTs `params` form-encoded to `url` the way Twilio does, with
/// `X-Twilio-Signature` when given; returns the HTTP status.
pub fn post_form<K: AsRef<str>, V: AsRef<str>>(
    url: &str,
    params: &[(K, V)],
    signature: Option<&str>,
) -> Result<u16, String> {
    let body = form_urlencoded::Serializer::new(String::new())
        .extend_pairs(params.iter().map(|(k, v)| (k.as_ref(), v.as_ref())))
        .finish();
    let agent = ureq::Agent::config_builder()
        .http_status_as_error(false)
        .timeout_global(Some(Duration::from_secs(30)))
        .build()
        .new_agent();
    let mut req = agent
        .post(url)
        .header("Content-Type", "application/x-www-form-urlencoded")
        .header("User-Agent", "TwilioProxy/1.1")
        .header(
            "I-Twilio-Idempotency-Token",
            uuid::Uuid::now_v7().to_string(),
        );
    if let Some(sig) = signature {
        req = req.header("X-Twilio-Signature", sig);
    }
    req.send(body.as_str())
        .map(|r| r.status().as_u16())
        .map_err(|e| format!("POST {url}: {e}"))
}

fn new_message(
    to: &str,
    from: &str,
    body: &str,
    status_callback: Option<String>,
    at: Timestamp,
) -> Message {
    Message {
        sid: format!("SM{}", uuid::Uuid::now_v7().simple()),
        to: to.to_string(),
        from: from.to_string(),
        body: body.to_string(),
        status: "queued".to_string(),
        date_created: at,
        date_sent: at,
        date_updated: at,
        num_segments: airscript::builtins::messaging::segments::count(body).segments,
        status_callback,
        error_code: None,
    }
}

// ---- the server -------------------------------------------------------

/// A connection's handle: the handler sets `drop` to close the connection
/// instead of answering.
#[derive(Clone, Debug)]
struct Conn {
    peer: SocketAddr,
    drop: Arc<AtomicBool>,
}

/// A TCP stream that fails every write (and reads end) once its connection
/// is marked dropped, so hyper closes it without sending a byte.
struct DropIo {
    inner: tokio::net::TcpStream,
    drop: Arc<AtomicBool>,
}

impl AsyncRead for DropIo {
    fn poll_read(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &mut ReadBuf<'_>,
    ) -> Poll<io::Result<()>> {
        if self.drop.load(Ordering::SeqCst) {
            return Poll::Ready(Ok(()));
        }
        Pin::new(&mut self.inner).poll_read(cx, buf)
    }
}

impl AsyncWrite for DropIo {
    fn poll_write(
        mut self: Pin<&mut Self>,
        cx: &mut Context<'_>,
        buf: &[u8],
    ) -> Poll<io::Result<usize>> {
        if self.drop.load(Ordering::SeqCst) {
            return Poll::Ready(Err(io::ErrorKind::BrokenPipe.into()));
        }
        Pin::new(&mut self.inner).poll_write(cx, buf)
    }

    fn poll_flush(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        if self.drop.load(Ordering::SeqCst) {
            return Poll::Ready(Err(io::ErrorKind::BrokenPipe.into()));
        }
        Pin::new(&mut self.inner).poll_flush(cx)
    }

    fn poll_shutdown(mut self: Pin<&mut Self>, cx: &mut Context<'_>) -> Poll<io::Result<()>> {
        Pin::new(&mut self.inner).poll_shutdown(cx)
    }
}

struct DropListener(tokio::net::TcpListener);

impl Listener for DropListener {
    type Io = DropIo;
    type Addr = Conn;

    async fn accept(&mut self) -> (DropIo, Conn) {
        loop {
            match self.0.accept().await {
                Ok((inner, peer)) => {
                    let drop = Arc::new(AtomicBool::new(false));
                    let conn = Conn {
                        peer,
                        drop: drop.clone(),
                    };
                    return (DropIo { inner, drop }, conn);
                }
                Err(_) => tokio::time::sleep(Duration::from_millis(10)).await,
            }
        }
    }

    fn local_addr(&self) -> io::Result<Conn> {
        Ok(Conn {
            peer: self.0.local_addr()?,
            drop: Arc::new(AtomicBool::new(false)),
        })
    }
}

impl Connected<IncomingStream<'_, DropListener>> for Conn {
    fn connect_info(stream: IncomingStream<'_, DropListener>) -> Conn {
        stream.remote_addr().clone()
    }
}

fn json(status: u16, value: &serde_json::Value) -> Response {
    Response::builder()
        .status(status)
        .header("content-type", "application/json; charset=utf-8")
        .body(Body::from(value.to_string()))
        .unwrap_or_default()
}

fn twilio_error(status: u16, code: u32, message: &str) -> Response {
    json(
        status,
        &serde_json::json!({
            "code": code,
            "message": message,
            "more_info": format!("https://www.twilio.com/docs/errors/{code}"),
            "status": status,
        }),
    )
}

fn pairs(text: &[u8]) -> Vec<(String, String)> {
    form_urlencoded::parse(text)
        .map(|(k, v)| (k.into_owned(), v.into_owned()))
        .collect()
}

fn get<'a>(pairs: &'a [(String, String)], name: &str) -> Option<&'a str> {
    pairs
        .iter()
        .find(|(k, _)| k == name)
        .map(|(_, v)| v.as_str())
}

fn is_e164(s: &str) -> bool {
    let digits = s.strip_prefix('+').unwrap_or("");
    (2..=15).contains(&digits.len())
        && digits.bytes().all(|b| b.is_ascii_digit())
        && !digits.starts_with('0')
}

async fn handle(
    AxumState(shared): AxumState<Arc<Shared>>,
    ConnectInfo(conn): ConnectInfo<Conn>,
    method: Method,
    uri: Uri,
    headers: HeaderMap,
    body: Bytes,
) -> Response {
    let query = pairs(uri.query().unwrap_or("").as_bytes());
    let form = if method == Method::POST {
        pairs(&body)
    } else {
        Vec::new()
    };
    let recorded = Recorded {
        method: method.to_string(),
        path: uri.path().to_string(),
        query: query.clone(),
        form: form.clone(),
        headers: headers
            .iter()
            .map(|(k, v)| {
                (
                    k.as_str().to_string(),
                    String::from_utf8_lossy(v.as_bytes()).into_owned(),
                )
            })
            .collect(),
    };
    shared.lock().requests.push(recorded);

    let expected = format!(
        "Basic {}",
        base64::engine::general_purpose::STANDARD
            .encode(format!("{}:{}", shared.account_sid, shared.auth_token))
    );
    let authorized = headers
        .get("authorization")
        .and_then(|v| v.to_str().ok())
        .is_some_and(|v| v == expected);
    if !authorized {
        let mut r = json(
            401,
            &serde_json::json!({
                "code": 20003,
                "detail": "Your AccountSid or AuthToken was incorrect.",
                "message": "Authenticate",
                "more_info": "https://www.twilio.com/docs/errors/20003",
                "status": 401,
            }),
        );
        r.headers_mut().insert(
            "www-authenticate",
            axum::http::HeaderValue::from_static("Basic realm=\"Twilio API\""),
        );
        return r;
    }

    let path = uri.path();
    let prefix = format!("/{API}/Accounts/{}/", shared.account_sid);
    let not_found = || {
        twilio_error(
            404,
            20404,
            &format!("The requested resource {path} was not found"),
        )
    };
    let Some(rest) = path.strip_prefix(&prefix) else {
        return not_found();
    };
    match (&method, rest) {
        (&Method::POST, "Messages.json") => create(&shared, &conn, &form).await,
        (&Method::GET, "Messages.json") => list(&shared, &query),
        (&Method::GET, r) => match r
            .strip_prefix("Messages/")
            .and_then(|s| s.strip_suffix(".json"))
        {
            Some(sid) => {
                let st = shared.lock();
                match st.messages.iter().find(|m| m.sid == sid) {
                    Some(m) => json(200, &m.to_json(&shared.account_sid)),
                    None => not_found(),
                }
            }
            None => not_found(),
        },
        _ => not_found(),
    }
}

/// Twilio's own checks of a create call, in its order: the error answer, if any.
fn validate(form: &[(String, String)]) -> Option<Response> {
    let to = get(form, "To").unwrap_or("");
    if to.is_empty() {
        return Some(twilio_error(400, 21604, "A 'To' phone number is required."));
    }
    if !is_e164(to) {
        return Some(twilio_error(
            400,
            21211,
            &format!("Invalid 'To' Phone Number: {to}"),
        ));
    }
    if get(form, "From").is_none_or(str::is_empty)
        && get(form, "MessagingServiceSid").is_none_or(str::is_empty)
    {
        return Some(twilio_error(
            400,
            21603,
            "A 'From' phone number is required.",
        ));
    }
    let body = get(form, "Body").unwrap_or("");
    if body.is_empty() && get(form, "MediaUrl").is_none() && get(form, "ContentSid").is_none() {
        return Some(twilio_error(400, 21602, "Message body is required."));
    }
    if body.chars().count() > 1600 {
        return Some(twilio_error(
            400,
            21617,
            "The concatenated message body exceeds the 1600 character limit.",
        ));
    }
    None
}

fn keep(shared: &Shared, form: &[(String, String)]) -> Message {
    let m = new_message(
        get(form, "To").unwrap_or(""),
        get(form, "From").unwrap_or(""),
        get(form, "Body").unwrap_or(""),
        get(form, "StatusCallback").map(str::to_string),
        Timestamp::now(),
    );
    shared.lock().messages.push(m.clone());
    m
}

/// Sends SIGKILL to `pid` and waits (up to 10 s) until it is gone or a zombie.
fn kill(pid: u32) {
    if pid <= 1 || pid == std::process::id() {
        return;
    }
    let _ = std::process::Command::new("kill")
        .args(["-9", &pid.to_string()])
        .status();
    for _ in 0..1000 {
        match std::fs::read_to_string(format!("/proc/{pid}/stat")) {
            Ok(stat) => {
                let state = stat.rsplit_once(") ").and_then(|(_, r)| r.chars().next());
                if matches!(state, Some('Z' | 'X')) {
                    return;
                }
            }
            Err(_) => return,
        }
        std::thread::sleep(Duration::from_millis(10));
    }
}

async fn create(shared: &Shared, conn: &Conn, form: &[(String, String)]) -> Response {
    let behaviour = shared
        .lock()
        .script
        .pop_front()
        .unwrap_or(Behaviour::Created);
    let drop_connection = || {
        conn.drop.store(true, Ordering::SeqCst);
        Response::default()
    };
    match behaviour {
        Behaviour::Error(status, code, message) => twilio_error(status, code, &message),
        Behaviour::TooMany(secs) => {
            let mut r = twilio_error(429, 20429, "Too Many Requests");
            if let Ok(v) = axum::http::HeaderValue::from_str(&secs.to_string()) {
                r.headers_mut().insert("retry-after", v);
            }
            r
        }
        Behaviour::ServerError => twilio_error(500, 20500, "Internal Server Error"),
        other => {
            if let Some(r) = validate(form) {
                return r;
            }
            let m = keep(shared, form);
            match other {
                Behaviour::AcceptThenDrop => drop_connection(),
                Behaviour::KillThenDrop(pid) => {
                    let pid = pid.load(Ordering::SeqCst);
                    if pid > 1 && pid != std::process::id() {
                        // Recorded first: the killed process's parent may
                        // look as soon as the signal lands.
                        shared.lock().kills.push(pid);
                        kill(pid);
                    }
                    drop_connection()
                }
                Behaviour::Stall(d) => {
                    tokio::time::sleep(d).await;
                    json(201, &m.to_json(&shared.account_sid))
                }
                _ => json(201, &m.to_json(&shared.account_sid)),
            }
        }
    }
}

/// `GET Messages.json`: newest first, filtered by `To`, `From` and
/// `DateSent` (`DateSent>` is on or after, `DateSent<` on or before, a UTC
/// date), in pages of `PageSize` (default 50).
fn list(shared: &Shared, query: &[(String, String)]) -> Response {
    let date = |k: &str| -> Result<Option<jiff::civil::Date>, String> {
        match get(query, k) {
            None => Ok(None),
            Some(v) => v
                .parse()
                .map(Some)
                .map_err(|_| format!("Invalid {k} date {v:?}")),
        }
    };
    let (on, after, before) = match (date("DateSent"), date("DateSent>"), date("DateSent<")) {
        (Ok(a), Ok(b), Ok(c)) => (a, b, c),
        (Err(e), _, _) | (_, Err(e), _) | (_, _, Err(e)) => return twilio_error(400, 20001, &e),
    };
    let number = |k: &str, default: usize| {
        get(query, k)
            .and_then(|v| v.parse().ok())
            .unwrap_or(default)
    };
    let page_size = number("PageSize", 50).clamp(1, 1000);
    let page = number("Page", 0);
    let to = get(query, "To");
    let from = get(query, "From");
    let mut found: Vec<Message> = shared
        .lock()
        .messages
        .iter()
        .filter(|m| to.is_none_or(|t| m.to == t) && from.is_none_or(|f| m.from == f))
        .filter(|m| {
            let sent = m.date_sent.to_zoned(jiff::tz::TimeZone::UTC).date();
            on.is_none_or(|d| sent == d)
                && after.is_none_or(|d| sent >= d)
                && before.is_none_or(|d| sent <= d)
        })
        .cloned()
        .collect();
    found.reverse();
    found.sort_by_key(|m| std::cmp::Reverse(m.date_created));
    let start = page.saturating_mul(page_size);
    let items: Vec<serde_json::Value> = found
        .iter()
        .skip(start)
        .take(page_size)
        .map(|m| m.to_json(&shared.account_sid))
        .collect();
    let filters: Vec<(&str, &str)> = query
        .iter()
        .filter(|(k, _)| !matches!(k.as_str(), "PageSize" | "Page" | "PageToken"))
        .map(|(k, v)| (k.as_str(), v.as_str()))
        .collect();
    let page_uri = |p: usize| {
        let q = form_urlencoded::Serializer::new(String::new())
            .extend_pairs(filters.iter().copied())
            .append_pair("PageSize", &page_size.to_string())
            .append_pair("Page", &p.to_string())
            .finish();
        format!(
            "{}/{API}/Accounts/{}/Messages.json?{q}",
            shared.base_url, shared.account_sid
        )
    };
    let more = found.len() > start + page_size;
    let next = more.then(|| format!("{}&PageToken=PA{}", page_uri(page + 1), page + 1));
    let previous = (page > 0).then(|| page_uri(page - 1));
    json(
        200,
        &serde_json::json!({
            "end": start + items.len().saturating_sub(1),
            "first_page_uri": page_uri(0),
            "next_page_uri": next,
            "page": page,
            "page_size": page_size,
            "previous_page_uri": previous,
            "start": start,
            "uri": page_uri(page),
            "messages": items,
        }),
    )
}
