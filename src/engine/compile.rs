//! Interning: ids to indices, sets to bit sets.

use std::collections::{BTreeMap, HashMap};

use chrono::{DateTime, NaiveDate, Utc};

use super::request::{Operation, Request, Target};
use crate::law::Country;
use crate::model::{
    ActivityId, CategoryId, LegalStatus, ObjectionKind, Policy, PurposeId, RecipientId,
    SubjectKind, SubjectState,
};

/// A small fixed-size bit set over interned indices.
#[derive(Debug, Clone, Default, PartialEq, Eq)]
pub(crate) struct Bits(Box<[u64]>);

impl Bits {
    pub(crate) fn new(len: usize) -> Self {
        Self(vec![0; len.div_ceil(64)].into_boxed_slice())
    }

    pub(crate) fn insert(&mut self, i: usize) {
        if let Some(w) = self.0.get_mut(i / 64) {
            *w |= 1 << (i % 64);
        }
    }

    pub(crate) fn contains(&self, i: usize) -> bool {
        self.0.get(i / 64).is_some_and(|w| w & (1 << (i % 64)) != 0)
    }

    pub(crate) fn intersects(&self, other: &Self) -> bool {
        self.0.iter().zip(other.0.iter()).any(|(a, b)| a & b != 0)
    }
}

/// An interned id that may be unknown to the policy (kept for the message).
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum Ix {
    Known(usize),
    Unknown(String),
}

/// One purpose of an activity, compiled.
#[derive(Debug, Clone, Copy)]
pub(crate) struct CPurpose {
    /// The purpose's index.
    pub(crate) ix: usize,
    /// Its position in the activity's `purposes` (where its bases are).
    pub(crate) pos: usize,
    /// Within `marketing.direct`: an Art. 21(2) objection stops it whatever its basis.
    pub(crate) direct_marketing: bool,
    /// Within `legal.claims` (Art. 17(3)(e), 18(2), 21(1)).
    pub(crate) legal_claims: bool,
    /// Within `billing`: settling a contract keeps the contract basis until it is settled.
    pub(crate) settles: bool,
}

/// One activity, compiled.
#[derive(Debug, Clone)]
pub(crate) struct Act {
    /// Declared categories and all their descendants.
    pub(crate) cats: Bits,
    pub(crate) subjects: Bits,
    pub(crate) recipients: Bits,
    /// The activity's purposes.
    pub(crate) purposes: Vec<usize>,
    /// The activity's purposes with what the checks need of each, in policy order.
    pub(crate) each: Vec<CPurpose>,
}

/// The compiled policy.
#[derive(Debug, Clone)]
pub(crate) struct Tables {
    cat_ix: HashMap<CategoryId, usize>,
    pub(crate) cat_names: Vec<CategoryId>,
    pub(crate) cat_status: Vec<LegalStatus>,
    /// For each category, itself and its ancestors.
    pub(crate) cat_up: Vec<Bits>,
    purpose_ix: HashMap<PurposeId, usize>,
    pub(crate) purpose_names: Vec<PurposeId>,
    /// For each purpose, itself and its ancestors.
    pub(crate) purpose_up: Vec<Bits>,
    subject_ix: HashMap<SubjectKind, usize>,
    /// The index of the subject kind `child`, if the policy has it.
    pub(crate) child_kind: Option<usize>,
    /// The subject kinds that are party to the contract (Art. 6(1)(b)).
    pub(crate) party: Bits,
    recipient_ix: HashMap<RecipientId, usize>,
    activity_ix: HashMap<ActivityId, usize>,
    pub(crate) acts: Vec<Act>,
}

fn index<I: Clone + Eq + std::hash::Hash>(
    ids: impl Iterator<Item = I>,
) -> (HashMap<I, usize>, Vec<I>) {
    let names: Vec<I> = ids.collect();
    let map = names
        .iter()
        .cloned()
        .enumerate()
        .map(|(i, id)| (id, i))
        .collect();
    (map, names)
}

/// For each id, the bit set of itself and its ancestors (dotted-prefix hierarchy).
fn ancestry<I>(names: &[I], ix: &HashMap<I, usize>, parent: impl Fn(&I) -> Option<I>) -> Vec<Bits>
where
    I: Eq + std::hash::Hash,
{
    names
        .iter()
        .map(|n| {
            let mut b = Bits::new(names.len());
            let mut cur = ix.get(n).map(|&i| (i, parent(n)));
            while let Some((i, up)) = cur {
                b.insert(i);
                cur = up.and_then(|p| ix.get(&p).map(|&j| (j, parent(&p))));
            }
            b
        })
        .collect()
}

impl Tables {
    pub(crate) fn new(p: &Policy) -> Self {
        let (cat_ix, cat_names) = index(p.categories().iter().map(|c| c.id.clone()));
        let cat_status = p.categories().iter().map(|c| c.status).collect();
        let cat_up = ancestry(&cat_names, &cat_ix, CategoryId::parent);
        let (purpose_ix, purpose_names) = index(p.purposes().iter().map(|n| n.id.clone()));
        let purpose_up = ancestry(&purpose_names, &purpose_ix, PurposeId::parent);
        let (subject_ix, subject_names) = index(p.subjects().iter().map(|n| n.id.clone()));
        let (recipient_ix, recipient_names) = index(p.recipients().iter().map(|r| r.id.clone()));
        let (activity_ix, _) = index(p.activities().iter().map(|a| a.id.clone()));
        let find = |ix: &HashMap<PurposeId, usize>, s: &str| {
            PurposeId::new(s).ok().and_then(|id| ix.get(&id).copied())
        };
        let dm = find(&purpose_ix, "marketing.direct");
        let claims = find(&purpose_ix, "legal.claims");
        let billing = find(&purpose_ix, "billing");
        let under = |q: usize, root: Option<usize>| {
            root.is_some_and(|r| purpose_up.get(q).is_some_and(|u| u.contains(r)))
        };
        let acts = p
            .activities()
            .iter()
            .map(|a| {
                let mut declared = Bits::new(cat_names.len());
                for (c, _) in &a.categories {
                    if let Some(&i) = cat_ix.get(c) {
                        declared.insert(i);
                    }
                }
                let mut cats = Bits::new(cat_names.len());
                for (i, up) in cat_up.iter().enumerate() {
                    if up.intersects(&declared) {
                        cats.insert(i);
                    }
                }
                let mut subjects = Bits::new(subject_names.len());
                for s in &a.subjects {
                    if let Some(&i) = subject_ix.get(s) {
                        subjects.insert(i);
                    }
                }
                let mut recipients = Bits::new(recipient_names.len());
                for r in &a.recipients {
                    if let Some(&i) = recipient_ix.get(r) {
                        recipients.insert(i);
                    }
                }
                let each: Vec<CPurpose> = a
                    .purposes
                    .iter()
                    .enumerate()
                    .filter_map(|(pos, x)| {
                        let ix = purpose_ix.get(&x.id).copied()?;
                        Some(CPurpose {
                            ix,
                            pos,
                            direct_marketing: under(ix, dm),
                            legal_claims: under(ix, claims),
                            settles: under(ix, billing),
                        })
                    })
                    .collect();
                let purposes: Vec<usize> = each.iter().map(|q| q.ix).collect();
                Act {
                    cats,
                    subjects,
                    recipients,
                    each,
                    purposes,
                }
            })
            .collect();
        let child_kind = SubjectKind::new("child")
            .ok()
            .and_then(|k| subject_ix.get(&k).copied());
        let mut party = Bits::new(subject_names.len());
        for (i, k) in p.subjects().iter().enumerate() {
            if k.party_to_contract {
                party.insert(i);
            }
        }
        Self {
            child_kind,
            party,
            cat_ix,
            cat_names,
            cat_status,
            cat_up,
            purpose_ix,
            purpose_names,
            purpose_up,
            subject_ix,
            recipient_ix,
            activity_ix,
            acts,
        }
    }

    fn ix<I: Eq + std::hash::Hash + ToString>(map: &HashMap<I, usize>, id: &I) -> Ix {
        map.get(id)
            .map_or_else(|| Ix::Unknown(id.to_string()), |&i| Ix::Known(i))
    }

    /// Whether activity `ai` declares category `c` (or one above it).
    pub(crate) fn declares(&self, ai: usize, c: &CategoryId) -> bool {
        self.cat_ix
            .get(c)
            .is_some_and(|&i| self.acts.get(ai).is_some_and(|a| a.cats.contains(i)))
    }

    /// Whether purpose `p` is `q` or below it.
    pub(crate) fn purpose_within(&self, p: usize, q: usize) -> bool {
        self.purpose_up.get(p).is_some_and(|u| u.contains(q))
    }

    pub(crate) fn request(&self, r: &Request) -> CompiledRequest {
        let target = match &r.target {
            Target::Activity(a) => CTarget::Activity(Self::ix(&self.activity_ix, a)),
            Target::Purpose(p) => CTarget::Purpose(Self::ix(&self.purpose_ix, p)),
        };
        let purpose = match (&r.purpose, &r.target) {
            (Some(p), _) | (None, Target::Purpose(p)) => Some(Self::ix(&self.purpose_ix, p)),
            (None, Target::Activity(_)) => None,
        };
        CompiledRequest {
            target,
            purpose,
            categories: r
                .categories
                .iter()
                .map(|c| Self::ix(&self.cat_ix, c))
                .collect(),
            operation: r.operation,
            recipient: r
                .recipient
                .as_ref()
                .map(|x| Self::ix(&self.recipient_ix, x)),
            destination: r.destination,
            collected_at: r.collected_at,
            fiscal_year_end: r.fiscal_year_end,
        }
    }

    pub(crate) fn subject(&self, s: &SubjectState) -> CompiledSubject {
        let purpose = |p: &PurposeId| Self::ix(&self.purpose_ix, p);
        CompiledSubject {
            kind: Self::ix(&self.subject_ix, &s.kind),
            age: s.age,
            country: s.country,
            relationship: s.relationship.as_ref().map(|r| CRelationship {
                start: r.start,
                end: r.end,
                settled: r.settled,
            }),
            consents: s
                .consents
                .iter()
                .map(|c| CConsent {
                    purpose: purpose(&c.purpose),
                    given: c.given,
                    until: match (c.withdrawn, c.expires) {
                        (Some(a), Some(b)) => Some(a.min(b)),
                        (a, b) => a.or(b),
                    },
                    withdrawn: c.withdrawn,
                    explicit: c.explicit,
                    parental: c.parental,
                })
                .collect(),
            objections: s
                .objections
                .iter()
                .map(|o| CObjection {
                    purpose: purpose(&o.purpose),
                    at: o.at,
                    direct_marketing: o.kind == ObjectionKind::DirectMarketing,
                    overridden: o.compelling_grounds.is_some(),
                })
                .collect(),
            restrictions: s
                .restrictions
                .iter()
                .map(|r| {
                    let mut cats = Bits::new(self.cat_names.len());
                    let mut unknown = false;
                    for c in &r.categories {
                        match self.cat_ix.get(c) {
                            Some(&i) => cats.insert(i),
                            None => unknown = true,
                        }
                    }
                    CRestriction {
                        cats,
                        unknown,
                        from: r.from,
                        lifted: r.lifted,
                    }
                })
                .collect(),
            holds: s
                .legal_claim_holds
                .iter()
                .map(|h| (h.from, h.until))
                .collect(),
            events: s.events.clone(),
        }
    }
}

/// The target of a compiled request.
#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) enum CTarget {
    Activity(Ix),
    Purpose(Ix),
}

/// A request with its ids resolved against one engine.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompiledRequest {
    pub(crate) target: CTarget,
    /// The purpose asked about, if the request names one (a purpose target does).
    pub(crate) purpose: Option<Ix>,
    pub(crate) categories: Vec<Ix>,
    pub(crate) operation: Operation,
    pub(crate) recipient: Option<Ix>,
    pub(crate) destination: Option<Country>,
    pub(crate) collected_at: Option<DateTime<Utc>>,
    pub(crate) fiscal_year_end: Option<NaiveDate>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CConsent {
    pub(crate) purpose: Ix,
    pub(crate) given: DateTime<Utc>,
    /// The first instant it no longer holds (withdrawal or expiry).
    pub(crate) until: Option<DateTime<Utc>>,
    pub(crate) withdrawn: Option<DateTime<Utc>>,
    pub(crate) explicit: bool,
    pub(crate) parental: bool,
}

/// A contractual relationship: in force from `start` until `end`; settled at `settled`.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub(crate) struct CRelationship {
    pub(crate) start: DateTime<Utc>,
    pub(crate) end: Option<DateTime<Utc>>,
    pub(crate) settled: Option<DateTime<Utc>>,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CObjection {
    pub(crate) purpose: Ix,
    pub(crate) at: DateTime<Utc>,
    pub(crate) direct_marketing: bool,
    pub(crate) overridden: bool,
}

#[derive(Debug, Clone, PartialEq, Eq)]
pub(crate) struct CRestriction {
    pub(crate) cats: Bits,
    /// Names a category the policy does not know; such a restriction covers everything.
    pub(crate) unknown: bool,
    pub(crate) from: DateTime<Utc>,
    pub(crate) lifted: Option<DateTime<Utc>>,
}

/// A subject's state with its ids resolved against one engine.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct CompiledSubject {
    pub(crate) kind: Ix,
    pub(crate) age: Option<u8>,
    pub(crate) country: Option<Country>,
    pub(crate) relationship: Option<CRelationship>,
    pub(crate) consents: Vec<CConsent>,
    pub(crate) objections: Vec<CObjection>,
    pub(crate) restrictions: Vec<CRestriction>,
    pub(crate) holds: Vec<(DateTime<Utc>, Option<DateTime<Utc>>)>,
    pub(crate) events: BTreeMap<String, DateTime<Utc>>,
}
