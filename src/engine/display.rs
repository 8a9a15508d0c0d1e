//! Human-readable renderings of the engine's answers, each line with the provision it rests on.
//! The JSON forms (serde) carry the same content for programs.

use std::fmt;

use super::deadline::{Deadline, Deadlines};
use super::decision::Obligation;
use super::erasure::{Action, ErasureGround, ErasurePlan};
use super::rights::RightsReport;
use super::schedule::{Due, Source};

impl fmt::Display for Obligation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::StorageOnly { citation } => write!(f, "only store the data ({citation})"),
            Self::StopBy { at, citation } => {
                write!(f, "stop by {} ({citation})", at.to_rfc3339())
            }
            Self::OfferHumanIntervention { citation } => write!(
                f,
                "offer human intervention, a way to be heard and to contest ({citation})"
            ),
            Self::InformOfTransfer {
                safeguard,
                citation,
            } => write!(
                f,
                "inform the subject of the transfer and its safeguard, {safeguard} ({citation})"
            ),
            Self::FollowControllerInstructions {
                controller,
                citation,
            } => write!(
                f,
                "process only on the documented instructions of {controller} ({citation})"
            ),
        }
    }
}

impl fmt::Display for ErasureGround {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(match self {
            Self::NoLongerNecessary => "no longer necessary",
            Self::ConsentWithdrawn => "consent withdrawn",
            Self::Objection => "objection",
            Self::Unlawful => "unlawfully processed",
            Self::LegalObligation => "legal obligation to erase",
            Self::ChildData => "collected from a child for an online service",
        })
    }
}

fn notify(f: &mut fmt::Formatter<'_>, who: &[crate::model::RecipientId]) -> fmt::Result {
    if who.is_empty() {
        return Ok(());
    }
    let list: Vec<&str> = who.iter().map(|r| r.as_str()).collect();
    write!(f, "; notify {} (GDPR Art. 19)", list.join(", "))
}

impl fmt::Display for Action {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Erase {
                ground,
                citation,
                notify: who,
            } => {
                write!(f, "erase: {ground} ({citation})")?;
                notify(f, who)
            }
            Self::Retain {
                ground,
                last_day,
                exception,
                authority,
                notify: who,
                ..
            } => {
                write!(
                    f,
                    "retain until {last_day} under {authority} ({exception}), restricted meanwhile; \
                     erasure ground {} then applies",
                    ground.citation()
                )?;
                notify(f, who)
            }
            Self::Forward {
                controller,
                citation,
            } => write!(
                f,
                "forward the request to the controller {controller} ({citation})"
            ),
            Self::Keep { reason, citation } => write!(f, "keep: {reason} ({citation})"),
        }
    }
}

impl fmt::Display for ErasurePlan {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "erasure plan at {}", self.at.to_rfc3339())?;
        for s in &self.steps {
            write!(f, "\n  {}: {}", s.record, s.action)?;
        }
        Ok(())
    }
}

impl fmt::Display for Source {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Rule { activity } => {
                write!(f, "activity[{activity}].retention (GDPR Art. 5(1)(e))")
            }
            Self::Duty { duty, citation } => write!(f, "{citation} (`{duty}`)"),
        }
    }
}

impl fmt::Display for Due {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::On {
                last_day, set_by, ..
            } => write!(f, "keep until {last_day}, set by {set_by}"),
            Self::Pending { waiting_for } => write!(f, "pending: waiting for {waiting_for}"),
            Self::WhilePurposeLasts {
                review_by,
                at_least,
            } => {
                f.write_str("kept while the purpose lasts")?;
                if let Some(m) = at_least {
                    write!(
                        f,
                        ", and at least until {}, set by {}",
                        m.last_day, m.set_by
                    )?;
                }
                match review_by {
                    Some(d) => write!(f, "; review by {d}"),
                    None => Ok(()),
                }
            }
            Self::Unknown { reason } => write!(f, "unknown: {reason}"),
        }
    }
}

impl fmt::Display for Deadline {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "{} (ends {})", self.last_day, self.ends_at.to_rfc3339())?;
        if self.unrolled != self.last_day {
            write!(
                f,
                ", moved from {} past a weekend or holiday",
                self.unrolled
            )?;
        }
        Ok(())
    }
}

impl fmt::Display for Deadlines {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "received on {} (not counted)", self.received_on)?;
        if self.paused_days > 0 {
            let s = if self.paused_days == 1 { "" } else { "s" };
            write!(f, "; {} paused day{s} added", self.paused_days)?;
        }
        write!(f, "\n  respond by: {} (GDPR Art. 12(3))", self.respond_by)?;
        write!(f, "\n  extended:   {} (GDPR Art. 12(3))", self.extended)?;
        write!(f, "\n  refuse by:  {} (GDPR Art. 12(4))", self.refuse_by)?;
        write!(f, "\n  calendar: {}", self.calendar)?;
        let cites: Vec<String> = self.citations.iter().map(ToString::to_string).collect();
        write!(f, "\n  counted under: {}", cites.join("; "))
    }
}

impl fmt::Display for RightsReport {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "rights of a `{}` on {}", self.subject, self.date)?;
        if self.activities.is_empty() {
            f.write_str("\n  no activity declares this kind of subject")?;
        }
        for a in &self.activities {
            write!(f, "\n{} ({})", a.activity, a.path)?;
            if let Some(c) = &a.processor_for {
                write!(f, ": processed for {c}; exercise these rights against them")?;
            }
            for r in &a.rights {
                let mark = if r.applies { "yes" } else { "no " };
                let name = serde_json::to_value(r.right)
                    .ok()
                    .and_then(|v| v.as_str().map(str::to_owned))
                    .unwrap_or_default();
                write!(f, "\n  {mark} {name}: {} ({})", r.reason, r.citation)?;
                for g in &r.grounds {
                    write!(f, "\n        ground: {} ({})", g.reason, g.citation)?;
                }
                for p in &r.parts {
                    let mark = if p.applies { "yes" } else { "no " };
                    write!(f, "\n      {mark} {}: {}", p.citation, p.reason)?;
                }
            }
        }
        let c = &self.complaint;
        write!(f, "\ncomplaint: {} ({})", c.message, c.citation)
    }
}

impl fmt::Display for super::schedule::Listing<'_> {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "retention at {}", self.at.to_rfc3339())?;
        for (entry, r) in self.entries.iter().zip(self.records) {
            let late = if entry.overdue { " (overdue)" } else { "" };
            write!(f, "\n  {}: {}{late}", r.id, entry.due)?;
        }
        Ok(())
    }
}
