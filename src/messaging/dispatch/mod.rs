//! The dispatcher (messaging.md §5): claims due messages with a lease, hands
//! each to its channel's transport at the transport's pace, and records the
//! outcome in a second transaction. Transient failures retry with
//! exponential backoff and jitter up to a limit; permanent ones fail at
//! once; messages a crash left in `sending` are reconciled, never resent
//! blindly.

use std::time::Duration;

use rand::RngExt;

use super::status::Status;
use super::store::{List, ListEntry, Outcome, Record, Store, StoreResult};
use super::transport::{Delivery, Outgoing, Reconciled, Transport};
use crate::session::{Channel, Clock};

/// When to try again after a transient failure.
#[derive(Clone, Debug, PartialEq)]
pub struct RetryPolicy {
    /// Attempts (hand-overs) before a message is `failed`.
    pub max_attempts: i64,
    /// The first delay; each later one doubles, up to `max_delay`.
    pub base_delay: Duration,
    pub max_delay: Duration,
}

impl Default for RetryPolicy {
    fn default() -> RetryPolicy {
        RetryPolicy {
            max_attempts: 8,
            base_delay: Duration::from_secs(30),
            max_delay: Duration::from_secs(3600),
        }
    }
}

impl RetryPolicy {
    /// The delay before attempt `attempts + 1`: exponential, with "equal
    /// jitter" (half fixed, half random) so that retries spread out but
    /// never come back at once.
    pub fn delay(&self, attempts: i64, rng: &mut impl rand::Rng) -> Duration {
        let exp = attempts.clamp(1, 30) as u32 - 1;
        let full = self
            .base_delay
            .saturating_mul(2u32.saturating_pow(exp))
            .min(self.max_delay);
        let half = full / 2;
        half + Duration::from_millis(rng.random_range(0..=half.as_millis() as u64))
    }
}

/// What one pass did.
#[derive(Clone, Debug, Default, PartialEq)]
pub struct Report {
    pub sent: usize,
    pub retried: usize,
    pub failed: usize,
    pub unknown: usize,
    pub requeued: usize,
}

/// One channel's way out: its transports in failover order, each with the
/// pace factor its provider's throttling left it at.
struct Route {
    transports: Vec<Box<dyn Transport>>,
    /// A provider's throttling halves its transport's pace for a while.
    slow: Vec<f64>,
}

impl Route {
    fn new(first: Box<dyn Transport>) -> Route {
        Route {
            transports: vec![first],
            slow: vec![1.0],
        }
    }
}

/// Delivers from one store through each channel's transports.
pub struct Dispatcher {
    store: Box<dyn Store>,
    routes: [Route; 2],
    owner: String,
    clock: Clock,
    pub lease: Duration,
    pub retry: RetryPolicy,
    /// How many messages one claim takes.
    pub batch: usize,
    /// Messages per second for email and SMS when configured (`pacing.*` in
    /// air.toml); 0 leaves each transport's own rate.
    pub rates: [f64; 2],
}

/// A transport's error as the outbox keeps it: prefixed with the
/// transport's name (once: some transports name themselves already), so
/// that each line says which provider answered.
fn named(provider: &str, d: Delivery) -> Delivery {
    let name = |e: String| {
        if e.starts_with(&format!("{provider}:")) || e.starts_with(&format!("opt-out: {provider}:"))
        {
            e
        } else {
            format!("{provider}: {e}")
        }
    };
    match d {
        Delivery::Transient {
            error,
            retry_after,
            throttled,
        } => Delivery::Transient {
            error: name(error),
            retry_after,
            throttled,
        },
        Delivery::Permanent { status, error } => Delivery::Permanent {
            status,
            error: name(error),
        },
        Delivery::Ambiguous { error } => Delivery::Ambiguous { error: name(error) },
        accepted => accepted,
    }
}

fn ms(d: Duration) -> i64 {
    i64::try_from(d.as_millis()).unwrap_or(i64::MAX)
}

impl Dispatcher {
    pub fn new(
        store: Box<dyn Store>,
        email: Box<dyn Transport>,
        sms: Box<dyn Transport>,
        clock: Clock,
    ) -> Dispatcher {
        Dispatcher {
            store,
            routes: [Route::new(email), Route::new(sms)],
            owner: format!("{}-{}", std::process::id(), uuid::Uuid::now_v7().simple()),
            clock,
            lease: Duration::from_secs(60),
            retry: RetryPolicy::default(),
            batch: 50,
            rates: [0.0, 0.0],
        }
    }

    /// Adds a transport that `channel` fails over to when the ones before it
    /// certainly did not take a message (messaging.md §2).
    pub fn fail_over_to(&mut self, channel: Channel, transport: Box<dyn Transport>) {
        let route = &mut self.routes[channel as usize];
        route.transports.push(transport);
        route.slow.push(1.0);
    }

    fn now(&self) -> i64 {
        self.clock.now().as_millisecond()
    }

    /// Settles messages a crashed dispatcher left in `sending`: asks the
    /// transport whether the provider has them; sent ones become `sent`,
    /// certainly unsent ones are queued again, the rest become `unknown`.
    pub fn reconcile(&mut self) -> StoreResult<Report> {
        let mut report = Report::default();
        let now = self.now();
        for rec in self.store.stale(now)? {
            if !self
                .store
                .take_over(&rec.id, &self.owner, now, ms(self.lease))?
            {
                continue;
            }
            // The transport that had it: the one the record names, else the first.
            let route = &mut self.routes[rec.channel as usize].transports;
            let i = route
                .iter()
                .position(|t| rec.provider.as_deref() == Some(t.name()))
                .unwrap_or(0);
            let t = &mut route[i];
            let outcome = match t.reconcile(&rec) {
                Reconciled::Sent { provider_id } => {
                    report.sent += 1;
                    let provider = t.name().to_string();
                    Outcome::Accepted {
                        status: Status::Sent,
                        provider,
                        provider_id,
                        provider_status: Some("found by reconciliation".into()),
                    }
                }
                Reconciled::NotSent => {
                    report.requeued += 1;
                    Outcome::Requeue {
                        detail: "a dispatcher stopped while sending; the provider never got it"
                            .into(),
                    }
                }
                Reconciled::Unknown { evidence } => {
                    report.unknown += 1;
                    Outcome::Unknown { detail: evidence }
                }
            };
            self.store
                .complete(&rec.id, &self.owner, self.now(), &outcome)?;
        }
        Ok(report)
    }

    /// How many messages one claim may take: a batch, or one at a time when
    /// a transport cannot look messages up after a crash (SMTP, SES), so
    /// that a crash leaves at most one message `unknown`.
    fn claim_size(&self) -> usize {
        let all_look_up = self
            .routes
            .iter()
            .all(|r| r.transports.iter().all(|t| t.looks_up()));
        if all_look_up {
            self.batch
        } else {
            1
        }
    }

    /// Sends everything due now, batch by batch, until nothing is due.
    pub fn dispatch_due(&mut self) -> StoreResult<Report> {
        let mut report = self.reconcile()?;
        let size = self.claim_size();
        loop {
            let now = self.now();
            let claimed = self.store.claim(now, &self.owner, ms(self.lease), size)?;
            if claimed.is_empty() {
                return Ok(report);
            }
            for rec in &claimed {
                self.deliver(rec, &mut report)?;
            }
        }
    }

    /// Waits for the pacing token of the `i`-th transport of channel `c`.
    fn pace(&mut self, c: Channel, i: usize) -> StoreResult<()> {
        let configured = self.rates[c as usize];
        let route = &self.routes[c as usize];
        let t = &route.transports[i];
        let base = if configured > 0.0 {
            configured
        } else {
            t.rate()
        };
        let (name, rate) = (format!("transport:{}", t.name()), base * route.slow[i]);
        if rate <= 0.0 {
            return Ok(());
        }
        let burst = rate.max(1.0);
        // Pacing is about real time, whatever clock the messages are due by.
        let now = || jiff::Timestamp::now().as_millisecond();
        while let Some(wait) = self.store.take_token(&name, rate, burst, now())? {
            std::thread::sleep(Duration::from_millis(wait.clamp(1, 60_000) as u64));
        }
        Ok(())
    }

    /// Hands a message to the channel's transports in order until one takes
    /// it or answers in a way that forbids trying the next: acceptance, an
    /// ambiguous hand-over (the provider may have it), throttling (wait,
    /// never skip) or an opt-out. Returns the last transport's name, its
    /// answer, and what the ones before it said.
    fn hand_over(
        &mut self,
        rec: &Record,
        mime: Option<&[u8]>,
    ) -> StoreResult<(String, Delivery, String)> {
        let c = rec.channel;
        let out = Outgoing { record: rec, mime };
        let mut earlier = String::new();
        let n = self.routes[c as usize].transports.len();
        for i in 0..n {
            self.pace(c, i)?;
            let route = &mut self.routes[c as usize];
            let t = &mut route.transports[i];
            let delivery = t.send(&out);
            let name = t.name().to_string();
            match &delivery {
                Delivery::Accepted { .. } => route.slow[i] = (route.slow[i] * 1.25).min(1.0),
                Delivery::Transient {
                    throttled: true, ..
                } => route.slow[i] = (route.slow[i] / 2.0).max(0.05),
                _ => {}
            }
            let fail_over = match &delivery {
                Delivery::Transient { throttled, .. } => !throttled,
                Delivery::Permanent { status, .. } => *status != Status::Suppressed,
                Delivery::Accepted { .. } | Delivery::Ambiguous { .. } => false,
            };
            if !fail_over || i + 1 == n {
                return Ok((name, delivery, earlier));
            }
            let error = match &delivery {
                Delivery::Transient { error, .. } | Delivery::Permanent { error, .. } => error,
                _ => "",
            };
            earlier.push_str(&format!("{name} did not take it ({error}); "));
        }
        unreachable!("a route has at least one transport")
    }

    fn deliver(&mut self, rec: &Record, report: &mut Report) -> StoreResult<()> {
        let mime = match rec.channel {
            Channel::Email => self.store.mime(&rec.id)?,
            Channel::Sms => None,
        };
        let (provider, delivery, earlier) = self.hand_over(rec, mime.as_deref())?;
        let delivery = named(&provider, delivery);
        let now = self.now();
        let outcome = match delivery {
            Delivery::Accepted {
                status,
                provider_id,
                provider_status,
            } => {
                report.sent += 1;
                let provider_status = match (provider_status, earlier.is_empty()) {
                    (p, true) => p,
                    (p, false) => Some(format!("{earlier}{}", p.unwrap_or_default())),
                };
                Outcome::Accepted {
                    status,
                    provider,
                    provider_id,
                    provider_status,
                }
            }
            Delivery::Transient {
                error,
                retry_after,
                throttled,
            } if throttled || rec.attempts < self.retry.max_attempts => {
                report.retried += 1;
                let backoff = self.retry.delay(rec.attempts, &mut rand::rng());
                let wait = match retry_after {
                    Some(ra) if throttled => ra,
                    Some(ra) => ra.max(backoff),
                    None => backoff,
                };
                let error = if throttled {
                    format!("quota: {error}")
                } else {
                    format!(
                        "attempt {} of {}: {earlier}{error}",
                        rec.attempts, self.retry.max_attempts
                    )
                };
                Outcome::Retry {
                    retry_at: now + ms(wait),
                    error,
                    throttled,
                }
            }
            Delivery::Transient { error, .. } => {
                report.failed += 1;
                Outcome::Refused {
                    status: Status::Failed,
                    error: format!("gave up after {} attempts: {earlier}{error}", rec.attempts),
                }
            }
            Delivery::Permanent { status, error } => {
                report.failed += 1;
                if status == Status::Suppressed && rec.channel == Channel::Sms {
                    // The provider says the recipient opted out (Twilio 21610).
                    self.store.add_entry(
                        List::OptOut,
                        &ListEntry {
                            key: rec.recipient.clone(),
                            at: now,
                            reason: error.clone(),
                            message_id: Some(rec.id.clone()),
                        },
                    )?;
                }
                Outcome::Refused {
                    status,
                    error: format!("{earlier}{error}"),
                }
            }
            Delivery::Ambiguous { error } => {
                report.unknown += 1;
                Outcome::Unknown {
                    detail: format!(
                        "{earlier}{error}; the provider may have it, so it is not sent again \
                         (decide with `air outbox resolve {} sent|resend`)",
                        rec.id
                    ),
                }
            }
        };
        self.store.complete(&rec.id, &self.owner, now, &outcome)?;
        Ok(())
    }

    /// When the next waiting message falls due, if any does.
    pub fn next_due(&mut self) -> StoreResult<Option<i64>> {
        self.store.next_due()
    }
}

#[cfg(test)]
mod tests;
