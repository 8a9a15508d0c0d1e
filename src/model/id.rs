//! Identifiers used in policy files.
//!
//! An identifier is one or more segments separated by dots; a segment is lowercase ASCII letters,
//! digits and `_`, starting with a letter: `contact.email`, `marketing.direct`, `cloud_crm`.
//! Dotted identifiers of categories and purposes are hierarchical: `contact.email` is a child of
//! `contact`, and a rule about `contact` applies to `contact.email`.

use std::fmt;
use std::sync::Arc;

use serde::Serialize;

/// The longest identifier accepted, in bytes.
pub const MAX_ID_LEN: usize = 128;

/// Why a string is not an identifier.
#[derive(Debug, Clone, PartialEq, Eq, thiserror::Error)]
#[error(
    "`{0}` is not a valid id; use dot-separated lowercase segments of letters, digits and `_`, each starting with a letter, e.g. `contact.email`"
)]
pub struct IdError(pub String);

/// Checks the identifier grammar.
pub(crate) fn check_id(s: &str) -> Result<(), IdError> {
    let ok = !s.is_empty()
        && s.len() <= MAX_ID_LEN
        && s.split('.').all(|seg| {
            let mut chars = seg.chars();
            chars.next().is_some_and(|c| c.is_ascii_lowercase())
                && chars.all(|c| c.is_ascii_lowercase() || c.is_ascii_digit() || c == '_')
        });
    if ok {
        Ok(())
    } else {
        Err(IdError(s.to_owned()))
    }
}

macro_rules! id_type {
    ($(#[$doc:meta])* $name:ident) => {
        $(#[$doc])*
        #[derive(Clone, PartialEq, Eq, PartialOrd, Ord, Hash)]
        pub struct $name(Arc<str>);

        impl Serialize for $name {
            fn serialize<S: serde::Serializer>(&self, s: S) -> Result<S::Ok, S::Error> {
                s.serialize_str(&self.0)
            }
        }

        impl $name {
            /// Parses and checks an identifier.
            ///
            /// # Errors
            ///
            /// [`IdError`] when `s` does not follow the identifier grammar.
            pub fn new(s: &str) -> Result<Self, IdError> {
                check_id(s)?;
                Ok(Self(Arc::from(s)))
            }

            /// The identifier as written.
            #[must_use]
            pub fn as_str(&self) -> &str {
                &self.0
            }

            /// Whether `self` is `other` or one of its descendants (`contact.email` is within
            /// `contact`).
            #[must_use]
            pub fn is_within(&self, other: &Self) -> bool {
                is_within(&self.0, &other.0)
            }

            /// The parent identifier (`contact` for `contact.email`), if any.
            #[must_use]
            pub fn parent(&self) -> Option<Self> {
                self.0.rsplit_once('.').map(|(p, _)| Self(Arc::from(p)))
            }
        }

        impl fmt::Display for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                f.write_str(&self.0)
            }
        }

        impl fmt::Debug for $name {
            fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
                write!(f, "{}({:?})", stringify!($name), &*self.0)
            }
        }

        impl std::str::FromStr for $name {
            type Err = IdError;
            fn from_str(s: &str) -> Result<Self, IdError> {
                Self::new(s)
            }
        }

        impl<'de> serde::Deserialize<'de> for $name {
            fn deserialize<D: serde::Deserializer<'de>>(d: D) -> Result<Self, D::Error> {
                let s = String::deserialize(d)?;
                Self::new(&s).map_err(serde::de::Error::custom)
            }
        }

        impl schemars::JsonSchema for $name {
            fn schema_name() -> std::borrow::Cow<'static, str> {
                stringify!($name).into()
            }
            fn json_schema(_: &mut schemars::SchemaGenerator) -> schemars::Schema {
                schemars::json_schema!({
                    "type": "string",
                    "pattern": "^[a-z][a-z0-9_]*(\\.[a-z][a-z0-9_]*)*$",
                    "maxLength": MAX_ID_LEN
                })
            }
        }
    };
}

/// Whether dotted id `a` equals `b` or lies below it.
pub(crate) fn is_within(a: &str, b: &str) -> bool {
    a == b || (a.len() > b.len() && a.starts_with(b) && a.as_bytes().get(b.len()) == Some(&b'.'))
}

id_type!(
    /// A data category, e.g. `contact.email`.
    CategoryId
);
id_type!(
    /// A purpose, e.g. `marketing.direct`.
    PurposeId
);
id_type!(
    /// A kind of data subject, e.g. `customer`.
    SubjectKind
);
id_type!(
    /// A processing activity (an entry of the Art. 30 record), e.g. `newsletter`.
    ActivityId
);
id_type!(
    /// A recipient of personal data, e.g. `cloud_crm`.
    RecipientId
);
id_type!(
    /// A retention duty declared by the policy, e.g. `se.ml.invoices`.
    DutyName
);

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn grammar() {
        for ok in [
            "a",
            "contact.email",
            "marketing.direct.newsletter",
            "a1_b.c2",
        ] {
            assert!(check_id(ok).is_ok(), "{ok}");
        }
        for bad in ["", ".a", "a.", "a..b", "A", "1a", "a-b", "a b", "å", "a._b"] {
            assert!(check_id(bad).is_err(), "{bad}");
        }
        assert!(check_id(&"a".repeat(MAX_ID_LEN + 1)).is_err());
    }

    #[test]
    fn hierarchy() {
        let email = CategoryId::new("contact.email").unwrap();
        let contact = CategoryId::new("contact").unwrap();
        let contacts = CategoryId::new("contacts").unwrap();
        assert!(email.is_within(&contact));
        assert!(contact.is_within(&contact));
        assert!(!contact.is_within(&email));
        assert!(!contacts.is_within(&contact));
        assert_eq!(email.parent(), Some(contact));
        assert_eq!(CategoryId::new("x").unwrap().parent(), None);
    }
}
