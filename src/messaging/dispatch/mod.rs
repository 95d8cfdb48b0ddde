//! The dispatcher (messaging.md §5): claims due messages with a lease, hands
//! each to its channel's transport at the transport's pace, and records the
//! outcome in a second transaction. Transient failures retry with
//! exponential backoff and jitter up to a limit; permanent ones fail at
//! once; messages a crash left in `sending` are reconciled, never resent
//! blindly.

use std::time::Duration;

use rand::RngExt;

use super::status::Status;
use super::store::{Outcome, Record, Store, StoreResult};
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

/// Delivers from one store through one transport per channel.
pub struct Dispatcher {
    store: Box<dyn Store>,
    email: Box<dyn Transport>,
    sms: Box<dyn Transport>,
    owner: String,
    clock: Clock,
    pub lease: Duration,
    pub retry: RetryPolicy,
    /// How many messages one claim takes.
    pub batch: usize,
    /// Messages per second for email and SMS when configured (`pacing.*` in
    /// air.toml); 0 leaves the transport's own rate.
    pub rates: [f64; 2],
    /// A provider's throttling halves a transport's pace for a while.
    slow: [f64; 2],
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
            email,
            sms,
            owner: format!("{}-{}", std::process::id(), uuid::Uuid::now_v7().simple()),
            clock,
            lease: Duration::from_secs(60),
            retry: RetryPolicy::default(),
            batch: 50,
            rates: [0.0, 0.0],
            slow: [1.0, 1.0],
        }
    }

    fn now(&self) -> i64 {
        self.clock.now().as_millisecond()
    }

    fn transport(&mut self, c: Channel) -> &mut Box<dyn Transport> {
        match c {
            Channel::Email => &mut self.email,
            Channel::Sms => &mut self.sms,
        }
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
            let outcome = match self.transport(rec.channel).reconcile(&rec) {
                Reconciled::Sent { provider_id } => {
                    report.sent += 1;
                    let provider = self.transport(rec.channel).name().to_string();
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

    /// Sends everything due now, batch by batch, until nothing is due.
    pub fn dispatch_due(&mut self) -> StoreResult<Report> {
        let mut report = self.reconcile()?;
        loop {
            let now = self.now();
            let claimed = self
                .store
                .claim(now, &self.owner, ms(self.lease), self.batch)?;
            if claimed.is_empty() {
                return Ok(report);
            }
            for rec in &claimed {
                self.deliver(rec, &mut report)?;
            }
        }
    }

    /// Waits for this transport's pacing token.
    fn pace(&mut self, c: Channel) -> StoreResult<()> {
        let (slow, configured) = (self.slow[c as usize], self.rates[c as usize]);
        let t = self.transport(c);
        let base = if configured > 0.0 {
            configured
        } else {
            t.rate()
        };
        let (name, rate) = (format!("transport:{}", t.name()), base * slow);
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

    fn deliver(&mut self, rec: &Record, report: &mut Report) -> StoreResult<()> {
        self.pace(rec.channel)?;
        let mime = match rec.channel {
            Channel::Email => self.store.mime(&rec.id)?,
            Channel::Sms => None,
        };
        let out = Outgoing {
            record: rec,
            mime: mime.as_deref(),
        };
        let delivery = self.transport(rec.channel).send(&out);
        let provider = self.transport(rec.channel).name().to_string();
        let now = self.now();
        let outcome = match delivery {
            Delivery::Accepted {
                status,
                provider_id,
                provider_status,
            } => {
                report.sent += 1;
                let c = rec.channel as usize;
                self.slow[c] = (self.slow[c] * 1.25).min(1.0);
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
                if throttled {
                    let c = rec.channel as usize;
                    self.slow[c] = (self.slow[c] / 2.0).max(0.05);
                }
                let error = if throttled {
                    format!("quota: {error}")
                } else {
                    format!(
                        "attempt {} of {}: {error}",
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
                    error: format!("gave up after {} attempts: {error}", rec.attempts),
                }
            }
            Delivery::Permanent { status, error } => {
                report.failed += 1;
                Outcome::Refused { status, error }
            }
            Delivery::Ambiguous { error } => {
                report.unknown += 1;
                Outcome::Unknown { detail: error }
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
