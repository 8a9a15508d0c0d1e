//! Citations as values.
//!
//! Every answer the crate gives rests on a provision of law or on a line of the policy. Those
//! provisions are values of [`Citation`], never strings scattered through code, so that they can be
//! compared, sorted, serialised and rendered the same way everywhere.
//!
//! ```
//! use gdpr_policy::citation::{Article, Citation};
//!
//! let c = Citation::Gdpr(Article::new(17).paragraph(3).point('b'));
//! assert_eq!(c.to_string(), "GDPR Art. 17(3)(b)");
//! ```

use std::borrow::Cow;
use std::fmt;

use serde::{Deserialize, Serialize};

pub mod statute;

use statute::Provision;

/// An article of the GDPR (Regulation (EU) 2016/679), with optional paragraph and point.
///
/// Rendered as `Art. 17(3)(b)`. Points are the letters of the Regulation; sub-points such as
/// Art. 49(1) second subparagraph are not modelled.
#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
pub struct Article {
    /// The article number, 1 to 99.
    pub article: u8,
    /// The paragraph, if the citation is that precise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub paragraph: Option<u8>,
    /// The point (a letter), if the citation is that precise.
    #[serde(default, skip_serializing_if = "Option::is_none")]
    pub point: Option<char>,
}

impl Article {
    /// The whole article `number`.
    #[must_use]
    pub const fn new(number: u8) -> Self {
        Self {
            article: number,
            paragraph: None,
            point: None,
        }
    }

    /// The same article narrowed to `paragraph`.
    #[must_use]
    pub const fn paragraph(self, paragraph: u8) -> Self {
        Self {
            paragraph: Some(paragraph),
            ..self
        }
    }

    /// The same article and paragraph narrowed to `point`.
    #[must_use]
    pub const fn point(self, point: char) -> Self {
        Self {
            point: Some(point),
            ..self
        }
    }
}

impl fmt::Display for Article {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(f, "Art. {}", self.article)?;
        if let Some(p) = self.paragraph {
            write!(f, "({p})")?;
        }
        if let Some(p) = self.point {
            write!(f, "({p})")?;
        }
        Ok(())
    }
}

/// Shorthand for a GDPR citation: `gdpr(17, 3, 'b')` is `Art. 17(3)(b)`.
///
/// Pass `0` for no paragraph and `' '` for no point.
#[must_use]
pub const fn gdpr(article: u8, paragraph: u8, point: char) -> Citation {
    Citation::Gdpr(Article {
        article,
        paragraph: if paragraph == 0 {
            None
        } else {
            Some(paragraph)
        },
        point: if point == ' ' { None } else { Some(point) },
    })
}

/// A legal source or a place in the policy that an answer rests on.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord, Hash, Serialize, Deserialize)]
#[serde(rename_all = "snake_case", tag = "kind")]
#[non_exhaustive]
pub enum Citation {
    /// A provision of the GDPR.
    Gdpr(Article),
    /// A provision of a national statute known to the crate (see [`statute`]).
    Statute(Provision),
    /// Any other instrument: a Commission decision, a judgment, guidelines, a regulation.
    Instrument {
        /// How the instrument is cited, e.g. `Commission Decision (EU) 2016/1250`.
        name: Cow<'static, str>,
    },
    /// A statute or other source named by the policy itself, not known to the crate.
    Declared {
        /// The citation exactly as the policy gives it.
        text: String,
    },
    /// A place in the policy document, e.g. `activity[2].retention`.
    Policy {
        /// The path inside the policy document.
        path: String,
    },
}

impl Citation {
    /// A citation of an instrument known by a static name.
    #[must_use]
    pub const fn instrument(name: &'static str) -> Self {
        Self::Instrument {
            name: Cow::Borrowed(name),
        }
    }
}

impl fmt::Display for Citation {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        match self {
            Self::Gdpr(a) => write!(f, "GDPR {a}"),
            Self::Statute(p) => write!(f, "{p}"),
            Self::Instrument { name } => f.write_str(name),
            Self::Declared { text } => f.write_str(text),
            Self::Policy { path } => write!(f, "policy `{path}`"),
        }
    }
}

/// Serialises a citation as its text (`GDPR Art. 17(3)(b)`), for answers whose JSON gives
/// citations as strings.
pub(crate) fn as_text<S: serde::Serializer>(c: &Citation, s: S) -> Result<S::Ok, S::Error> {
    s.collect_str(c)
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn renders_articles_at_each_precision() {
        assert_eq!(gdpr(6, 0, ' ').to_string(), "GDPR Art. 6");
        assert_eq!(gdpr(6, 1, ' ').to_string(), "GDPR Art. 6(1)");
        assert_eq!(gdpr(6, 1, 'f').to_string(), "GDPR Art. 6(1)(f)");
    }

    #[test]
    fn orders_by_article_then_paragraph_then_point() {
        let mut v = [gdpr(17, 3, 'b'), gdpr(6, 1, 'f'), gdpr(17, 1, 'a')];
        v.sort();
        assert_eq!(v, [gdpr(6, 1, 'f'), gdpr(17, 1, 'a'), gdpr(17, 3, 'b')]);
    }
}
