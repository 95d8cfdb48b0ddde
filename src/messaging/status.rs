//! The status set shared by both channels (messaging.md §3), and the rule
//! that a status only moves forward.

use std::fmt;

/// Where a message is in its life. The order of the variants is the order in
/// which they may follow each other: [`Status::can_become`] says which moves
/// are forward.
#[derive(Clone, Copy, Debug, PartialEq, Eq, Hash, PartialOrd, Ord)]
pub enum Status {
    Queued,
    Scheduled,
    Sending,
    Delayed,
    Sent,
    Delivered,
    Bounced,
    Complained,
    Rejected,
    Failed,
    Unsubscribed,
    RenderingFailure,
    Suppressed,
    Unknown,
}

pub const ALL: [Status; 14] = [
    Status::Queued,
    Status::Scheduled,
    Status::Sending,
    Status::Delayed,
    Status::Sent,
    Status::Delivered,
    Status::Bounced,
    Status::Complained,
    Status::Rejected,
    Status::Failed,
    Status::Unsubscribed,
    Status::RenderingFailure,
    Status::Suppressed,
    Status::Unknown,
];

impl Status {
    pub fn name(self) -> &'static str {
        match self {
            Status::Queued => "queued",
            Status::Scheduled => "scheduled",
            Status::Sending => "sending",
            Status::Delayed => "delayed",
            Status::Sent => "sent",
            Status::Delivered => "delivered",
            Status::Bounced => "bounced",
            Status::Complained => "complained",
            Status::Rejected => "rejected",
            Status::Failed => "failed",
            Status::Unsubscribed => "unsubscribed",
            Status::RenderingFailure => "rendering_failure",
            Status::Suppressed => "suppressed",
            Status::Unknown => "unknown",
        }
    }

    pub fn parse(s: &str) -> Option<Status> {
        ALL.iter().copied().find(|st| st.name() == s)
    }

    /// How far along a message is: a move is forward when it does not lower
    /// the stage. Waiting states (queued, scheduled, delayed) share a stage
    /// below `sending`, so a retry can move `sending` back to `delayed`
    /// only through [`Status::can_become`]'s explicit exception.
    fn stage(self) -> u8 {
        match self {
            Status::Queued | Status::Scheduled => 0,
            Status::Delayed => 1,
            Status::Sending => 2,
            Status::Unknown => 3,
            Status::Sent => 4,
            Status::Delivered => 5,
            Status::Bounced
            | Status::Complained
            | Status::Rejected
            | Status::Failed
            | Status::Unsubscribed
            | Status::RenderingFailure
            | Status::Suppressed => 6,
        }
    }

    /// A final status: nothing more happens to the message on its own.
    pub fn is_final(self) -> bool {
        self.stage() == 6 || self == Status::Delivered
    }

    /// Whether a message in `self` may move to `next`. Statuses move forward
    /// only (a late `sent` never overwrites `delivered`), with the moves a
    /// dispatcher needs: a failed hand-over (`sending` → `delayed`/`queued`)
    /// waits for its retry; a message reported delivered may still bounce,
    /// be complained about or unsubscribe; `unknown` is resolved by hand
    /// (to `sent`, or back to `queued` to resend).
    pub fn can_become(self, next: Status) -> bool {
        use Status::*;
        match (self, next) {
            (a, b) if a == b => false,
            (Sending, Delayed | Queued) => true,
            (Delivered, Bounced | Complained | Unsubscribed) => true,
            (Failed | Unknown | Rejected, Queued) => true,
            (a, b) => !a.is_final() && b.stage() > a.stage() || a.stage() < 2 && b.stage() < 2,
        }
    }
}

impl fmt::Display for Status {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(self.name())
    }
}

#[cfg(test)]
mod tests {
    use super::Status::*;
    use super::*;

    #[test]
    fn names_round_trip() {
        for s in ALL {
            assert_eq!(Status::parse(s.name()), Some(s));
        }
        assert_eq!(Status::parse("Sent"), None);
    }

    #[test]
    fn only_forward() {
        assert!(Queued.can_become(Sending));
        assert!(Scheduled.can_become(Queued));
        assert!(Queued.can_become(Scheduled));
        assert!(Sending.can_become(Sent));
        assert!(Sent.can_become(Delivered));
        assert!(
            !Delivered.can_become(Sent),
            "a late `sent` never overwrites `delivered`"
        );
        assert!(!Delivered.can_become(Sending));
        assert!(Delivered.can_become(Bounced));
        assert!(!Bounced.can_become(Delivered));
        assert!(!Suppressed.can_become(Queued));
        assert!(Sending.can_become(Delayed));
        assert!(Delayed.can_become(Sending));
        assert!(Sending.can_become(Unknown));
        assert!(Unknown.can_become(Sent));
        assert!(Unknown.can_become(Queued));
        assert!(Failed.can_become(Queued), "`air outbox retry`");
        assert!(!Sent.can_become(Queued));
        assert!(!Sent.can_become(Sent));
    }
}
