//! A format-neutral document tree with source spans, and a serde deserializer over it that
//! remembers the path (and span) of the value where deserialisation failed.
//!
//! TOML and JSON are both parsed into a [`Node`] tree first; the wire types are then read from
//! the tree. This gives both formats the same error paths, lets the loader bound nesting depth,
//! and keeps the spans TOML provides so that later validation errors can point at a line.

use std::cell::RefCell;
use std::fmt;
use std::ops::Range;

use serde::de::{self, DeserializeSeed, IntoDeserializer, Visitor};

/// The deepest nesting a policy file may have.
pub const MAX_DEPTH: usize = 32;

/// One segment of a path into the document.
#[derive(Debug, Clone, PartialEq, Eq, PartialOrd, Ord)]
pub enum Seg {
    /// A table key.
    Key(String),
    /// An array index.
    Index(usize),
}

/// A path into the document, rendered `activity[2].retention.after`.
#[derive(Debug, Clone, Default, PartialEq, Eq, PartialOrd, Ord)]
pub struct DocPath(pub Vec<Seg>);

impl DocPath {
    /// This path extended by a key.
    #[must_use]
    pub fn key(&self, k: &str) -> Self {
        let mut v = self.0.clone();
        v.push(Seg::Key(k.to_owned()));
        Self(v)
    }

    /// This path extended by an index.
    #[must_use]
    pub fn index(&self, i: usize) -> Self {
        let mut v = self.0.clone();
        v.push(Seg::Index(i));
        Self(v)
    }
}

impl fmt::Display for DocPath {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        if self.0.is_empty() {
            return f.write_str("(document)");
        }
        for (i, seg) in self.0.iter().enumerate() {
            match seg {
                Seg::Index(n) => write!(f, "[{n}]")?,
                Seg::Key(k) => {
                    if i > 0 {
                        f.write_str(".")?;
                    }
                    let bare = !k.is_empty()
                        && k.chars()
                            .all(|c| c.is_ascii_alphanumeric() || c == '_' || c == '-');
                    if bare {
                        f.write_str(k)?;
                    } else {
                        write!(f, "{k:?}")?;
                    }
                }
            }
        }
        Ok(())
    }
}

/// A value in the document with the byte range it came from (TOML only).
#[derive(Debug, Clone, PartialEq)]
pub struct Node {
    /// Where in the source text the value is.
    pub span: Option<Range<usize>>,
    /// The value.
    pub value: Value,
}

/// A document value.
#[derive(Debug, Clone, PartialEq)]
pub enum Value {
    /// JSON `null`.
    Null,
    /// A boolean.
    Bool(bool),
    /// An integer.
    Int(i64),
    /// A float.
    Float(f64),
    /// A string (TOML datetimes become their text).
    Str(String),
    /// An array.
    Array(Vec<Node>),
    /// A table: entries in source order (TOML: key order), with each key's span.
    Table(Vec<(String, Option<Range<usize>>, Node)>),
}

impl Value {
    fn kind(&self) -> &'static str {
        match self {
            Self::Null => "null",
            Self::Bool(_) => "a boolean",
            Self::Int(_) => "an integer",
            Self::Float(_) => "a float",
            Self::Str(_) => "a string",
            Self::Array(_) => "an array",
            Self::Table(_) => "a table",
        }
    }
}

/// The document is nested deeper than [`MAX_DEPTH`].
#[derive(Debug)]
pub struct TooDeep;

impl Node {
    /// Converts a parsed TOML value, keeping spans.
    pub fn from_toml(
        v: &toml::Spanned<toml::de::DeValue<'_>>,
        depth: usize,
    ) -> Result<Self, TooDeep> {
        use toml::de::DeValue as D;
        if depth > MAX_DEPTH {
            return Err(TooDeep);
        }
        let value = match v.get_ref() {
            D::String(s) => Value::Str(s.to_string()),
            D::Integer(i) => match i64::from_str_radix(i.as_str(), i.radix()) {
                Ok(n) => Value::Int(n),
                // Out of i64 range: keep the text, so the error names the value.
                Err(_) => Value::Str(i.as_str().to_owned()),
            },
            D::Float(x) => Value::Float(x.as_str().parse().unwrap_or(f64::NAN)),
            D::Boolean(b) => Value::Bool(*b),
            D::Datetime(d) => Value::Str(d.to_string()),
            D::Array(a) => Value::Array(
                a.iter()
                    .map(|n| Self::from_toml(n, depth + 1))
                    .collect::<Result<_, _>>()?,
            ),
            D::Table(t) => Self::toml_table(t, depth)?,
        };
        Ok(Self {
            span: Some(v.span()),
            value,
        })
    }

    /// Converts a parsed TOML table, keeping spans.
    pub fn toml_table(t: &toml::de::DeTable<'_>, depth: usize) -> Result<Value, TooDeep> {
        let mut entries = Vec::with_capacity(t.len());
        for (k, v) in t {
            entries.push((
                k.get_ref().to_string(),
                Some(k.span()),
                Self::from_toml(v, depth + 1)?,
            ));
        }
        // Source order, so that errors come in reading order.
        entries.sort_by_key(|(_, span, _)| span.as_ref().map_or(0, |s| s.start));
        Ok(Value::Table(entries))
    }

    /// Converts a parsed JSON value (JSON gives no spans).
    pub fn from_json(v: &serde_json::Value, depth: usize) -> Result<Self, TooDeep> {
        use serde_json::Value as J;
        if depth > MAX_DEPTH {
            return Err(TooDeep);
        }
        let value = match v {
            J::Null => Value::Null,
            J::Bool(b) => Value::Bool(*b),
            J::Number(n) => n
                .as_i64()
                .map(Value::Int)
                .or_else(|| n.as_f64().map(Value::Float))
                .unwrap_or_else(|| Value::Str(n.to_string())),
            J::String(s) => Value::Str(s.clone()),
            J::Array(a) => Value::Array(
                a.iter()
                    .map(|n| Self::from_json(n, depth + 1))
                    .collect::<Result<_, _>>()?,
            ),
            J::Object(o) => Value::Table(
                o.iter()
                    .map(|(k, v)| Ok((k.clone(), None, Self::from_json(v, depth + 1)?)))
                    .collect::<Result<_, _>>()?,
            ),
        };
        Ok(Self { span: None, value })
    }

    /// The span of the value at `path`, or of the nearest ancestor that has one.
    #[must_use]
    pub fn span_at(&self, path: &[Seg]) -> Option<Range<usize>> {
        let Some((first, rest)) = path.split_first() else {
            return self.span.clone();
        };
        let child = match (first, &self.value) {
            (Seg::Index(i), Value::Array(items)) => items.get(*i),
            (Seg::Key(k), Value::Table(entries)) => entries
                .iter()
                .find(|(key, _, _)| key == k)
                .map(|(_, _, n)| n),
            _ => None,
        };
        child
            .and_then(|c| c.span_at(rest))
            .or_else(|| self.span.clone())
    }

    /// The span of the value at `path`, or of its nearest ancestor below the root; `None` when
    /// not even the first segment exists (the whole document's span would say nothing).
    #[must_use]
    pub fn locate(&self, path: &[Seg]) -> Option<Range<usize>> {
        let (first, _) = path.split_first()?;
        let exists = match (first, &self.value) {
            (Seg::Index(i), Value::Array(items)) => items.get(*i).is_some(),
            (Seg::Key(k), Value::Table(entries)) => entries.iter().any(|(key, _, _)| key == k),
            _ => false,
        };
        if exists { self.span_at(path) } else { None }
    }

    /// Reads a `T` from this node; on failure, the error carries the path and span where it
    /// happened, relative to `base`.
    pub fn read<T: de::DeserializeOwned>(&self, base: &DocPath) -> Result<T, Failure> {
        let track = RefCell::new(None);
        let de = De {
            node: self,
            path: base.clone(),
            track: &track,
        };
        T::deserialize(de).map_err(|e| {
            let (path, span) = track
                .into_inner()
                .unwrap_or_else(|| (base.clone(), self.span.clone()));
            Failure {
                path,
                span,
                message: e.0,
            }
        })
    }
}

/// Where and why reading a value failed.
#[derive(Debug, Clone)]
pub struct Failure {
    /// The path of the innermost value that failed.
    pub path: DocPath,
    /// Its span, where known.
    pub span: Option<Range<usize>>,
    /// The message.
    pub message: String,
}

/// A deserialisation error: a message only; the path is tracked beside it.
#[derive(Debug)]
pub struct DeError(String);

impl fmt::Display for DeError {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str(&self.0)
    }
}

impl std::error::Error for DeError {}

/// What a value is, in the words of the policy format rather than of Rust.
fn found(u: &de::Unexpected<'_>) -> String {
    use de::Unexpected as U;
    match u {
        U::Bool(_) => "a boolean".to_owned(),
        U::Unsigned(_) | U::Signed(_) => "an integer".to_owned(),
        U::Float(_) => "a float".to_owned(),
        U::Char(_) | U::Str(_) => "a string".to_owned(),
        U::Unit => "null".to_owned(),
        U::Seq => "an array".to_owned(),
        U::Map => "a table".to_owned(),
        other => other.to_string(),
    }
}

/// What was expected, in the words of the policy format rather than of Rust.
fn wanted(e: &dyn de::Expected) -> String {
    let s = e.to_string();
    match s.as_str() {
        "u8" | "u16" | "u32" | "u64" | "i8" | "i16" | "i32" | "i64" => "an integer".to_owned(),
        _ if s.starts_with("struct ") || s.starts_with("a map") => "a table".to_owned(),
        _ if s.starts_with("a sequence") => "an array".to_owned(),
        _ => s,
    }
}

impl de::Error for DeError {
    fn custom<T: fmt::Display>(msg: T) -> Self {
        Self(msg.to_string())
    }

    fn invalid_type(unexp: de::Unexpected<'_>, exp: &dyn de::Expected) -> Self {
        Self(format!("expected {}, found {}", wanted(exp), found(&unexp)))
    }

    fn invalid_value(unexp: de::Unexpected<'_>, exp: &dyn de::Expected) -> Self {
        let value = match unexp {
            de::Unexpected::Signed(n) => format!("`{n}`"),
            de::Unexpected::Unsigned(n) => format!("`{n}`"),
            de::Unexpected::Str(s) => format!("`{s}`"),
            other => found(&other),
        };
        let bound = match exp.to_string().as_str() {
            "u8" => " (0 to 255)".to_owned(),
            "u32" => " (0 to 4294967295)".to_owned(),
            _ => String::new(),
        };
        Self(format!(
            "{value} is out of range for {}{bound}",
            wanted(exp)
        ))
    }

    fn unknown_variant(variant: &str, expected: &'static [&'static str]) -> Self {
        let hint = crate::diagnostic::suggest(variant, expected.iter().copied());
        let list: Vec<String> = expected.iter().map(|v| format!("`{v}`")).collect();
        Self(format!(
            "unknown value `{variant}`{}; expected one of {}",
            hint.trim_end_matches('?'),
            list.join(", ")
        ))
    }
}

type Track<'t> = &'t RefCell<Option<(DocPath, Option<Range<usize>>)>>;

struct De<'a, 't> {
    node: &'a Node,
    path: DocPath,
    track: Track<'t>,
}

impl De<'_, '_> {
    /// Records this value as the failure site, unless a deeper one already was.
    fn note<T>(&self, r: Result<T, DeError>) -> Result<T, DeError> {
        if r.is_err() {
            let mut t = self.track.borrow_mut();
            if t.is_none() {
                *t = Some((self.path.clone(), self.node.span.clone()));
            }
        }
        r
    }

    fn wrong_type<T>(&self, expected: &str) -> Result<T, DeError> {
        self.note(Err(DeError(format!(
            "expected {expected}, found {}",
            self.node.value.kind()
        ))))
    }
}

impl<'de> de::Deserializer<'de> for De<'_, '_> {
    type Error = DeError;

    fn deserialize_any<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        let r = match &self.node.value {
            Value::Null => visitor.visit_unit(),
            Value::Bool(b) => visitor.visit_bool(*b),
            Value::Int(i) => visitor.visit_i64(*i),
            Value::Float(f) => visitor.visit_f64(*f),
            Value::Str(s) => visitor.visit_str(s),
            Value::Array(items) => visitor.visit_seq(Seq {
                items: items.iter().enumerate(),
                path: &self.path,
                track: self.track,
            }),
            Value::Table(entries) => visitor.visit_map(Map {
                entries: entries.iter(),
                pending: None,
                path: &self.path,
                track: self.track,
            }),
        };
        self.note(r)
    }

    fn deserialize_option<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        if self.node.value == Value::Null {
            let r = visitor.visit_none();
            self.note(r)
        } else {
            visitor.visit_some(self)
        }
    }

    fn deserialize_newtype_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        visitor: V,
    ) -> Result<V::Value, DeError> {
        visitor.visit_newtype_struct(self)
    }

    fn deserialize_struct<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        if matches!(self.node.value, Value::Table(_)) {
            self.deserialize_any(visitor)
        } else {
            self.wrong_type("a table")
        }
    }

    fn deserialize_map<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_struct("", &[], visitor)
    }

    fn deserialize_seq<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        if matches!(self.node.value, Value::Array(_)) {
            self.deserialize_any(visitor)
        } else {
            self.wrong_type("an array")
        }
    }

    fn deserialize_string<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        if matches!(self.node.value, Value::Str(_)) {
            self.deserialize_any(visitor)
        } else {
            self.wrong_type("a string")
        }
    }

    fn deserialize_str<V: Visitor<'de>>(self, visitor: V) -> Result<V::Value, DeError> {
        self.deserialize_string(visitor)
    }

    fn deserialize_enum<V: Visitor<'de>>(
        self,
        _name: &'static str,
        _variants: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        match &self.node.value {
            Value::Str(s) => {
                let r = visitor.visit_enum(s.as_str().into_deserializer());
                self.note(r)
            }
            // A variant with data: a table with exactly one key, the variant's name.
            Value::Table(entries) => match entries.as_slice() {
                [entry] => {
                    let r = visitor.visit_enum(Variant {
                        entry,
                        path: &self.path,
                        track: self.track,
                    });
                    self.note(r)
                }
                _ => self.note(Err(DeError(format!(
                    "expected a table with exactly one key, found {} keys",
                    entries.len()
                )))),
            },
            _ => self.wrong_type("a string or a table with one key"),
        }
    }

    serde::forward_to_deserialize_any! {
        bool i8 i16 i32 i64 i128 u8 u16 u32 u64 u128 f32 f64 char bytes byte_buf unit
        unit_struct tuple tuple_struct identifier ignored_any
    }
}

struct Seq<'a, 'p, 't, I: Iterator<Item = (usize, &'a Node)>> {
    items: I,
    path: &'p DocPath,
    track: Track<'t>,
}

impl<'de, 'a, I: Iterator<Item = (usize, &'a Node)>> de::SeqAccess<'de> for Seq<'a, '_, '_, I> {
    type Error = DeError;

    fn next_element_seed<T: DeserializeSeed<'de>>(
        &mut self,
        seed: T,
    ) -> Result<Option<T::Value>, DeError> {
        match self.items.next() {
            None => Ok(None),
            Some((i, node)) => seed
                .deserialize(De {
                    node,
                    path: self.path.index(i),
                    track: self.track,
                })
                .map(Some),
        }
    }
}

type Entry = (String, Option<Range<usize>>, Node);

struct Map<'a, 'p, 't> {
    entries: std::slice::Iter<'a, Entry>,
    pending: Option<&'a Entry>,
    path: &'p DocPath,
    track: Track<'t>,
}

impl<'de> de::MapAccess<'de> for Map<'_, '_, '_> {
    type Error = DeError;

    fn next_key_seed<K: DeserializeSeed<'de>>(
        &mut self,
        seed: K,
    ) -> Result<Option<K::Value>, DeError> {
        let Some(entry) = self.entries.next() else {
            return Ok(None);
        };
        self.pending = Some(entry);
        let (key, key_span, _) = entry;
        let r: Result<K::Value, DeError> = seed.deserialize(key.as_str().into_deserializer());
        if r.is_err() {
            let mut t = self.track.borrow_mut();
            if t.is_none() {
                *t = Some((self.path.key(key), key_span.clone()));
            }
        }
        r.map(Some)
    }

    fn next_value_seed<V: DeserializeSeed<'de>>(&mut self, seed: V) -> Result<V::Value, DeError> {
        let Some((key, _, node)) = self.pending.take() else {
            return Err(DeError("value requested before its key".to_owned()));
        };
        let path = self.path.key(key);
        let r = seed.deserialize(De {
            node,
            path: path.clone(),
            track: self.track,
        });
        // A value that read but was then refused (e.g. by a `deserialize_with` function) is
        // the failure site.
        if r.is_err() {
            let mut t = self.track.borrow_mut();
            if t.is_none() {
                *t = Some((path, node.span.clone()));
            }
        }
        r
    }
}

/// An enum variant written as a one-key table: `{ activity = "x" }`.
struct Variant<'a, 'p, 't> {
    entry: &'a Entry,
    path: &'p DocPath,
    track: Track<'t>,
}

impl<'de, 'a, 'p, 't> de::EnumAccess<'de> for Variant<'a, 'p, 't> {
    type Error = DeError;
    type Variant = De<'a, 't>;

    fn variant_seed<V: DeserializeSeed<'de>>(
        self,
        seed: V,
    ) -> Result<(V::Value, Self::Variant), DeError> {
        let (key, key_span, node) = self.entry;
        let path = self.path.key(key);
        let r: Result<V::Value, DeError> = seed.deserialize(key.as_str().into_deserializer());
        match r {
            Ok(v) => Ok((
                v,
                De {
                    node,
                    path,
                    track: self.track,
                },
            )),
            Err(e) => {
                let mut t = self.track.borrow_mut();
                if t.is_none() {
                    *t = Some((path, key_span.clone()));
                }
                Err(e)
            }
        }
    }
}

impl<'de> de::VariantAccess<'de> for De<'_, '_> {
    type Error = DeError;

    fn unit_variant(self) -> Result<(), DeError> {
        self.wrong_type("a string")
    }

    fn newtype_variant_seed<T: DeserializeSeed<'de>>(self, seed: T) -> Result<T::Value, DeError> {
        seed.deserialize(self)
    }

    fn tuple_variant<V: Visitor<'de>>(self, _len: usize, visitor: V) -> Result<V::Value, DeError> {
        de::Deserializer::deserialize_seq(self, visitor)
    }

    fn struct_variant<V: Visitor<'de>>(
        self,
        _fields: &'static [&'static str],
        visitor: V,
    ) -> Result<V::Value, DeError> {
        de::Deserializer::deserialize_struct(self, "", &[], visitor)
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Outer {
        items: Vec<Inner>,
    }

    #[derive(Debug, serde::Deserialize)]
    #[serde(deny_unknown_fields)]
    #[allow(dead_code)]
    struct Inner {
        n: u8,
        #[serde(default)]
        s: Option<String>,
    }

    fn toml_node(text: &str) -> Node {
        let t = toml::de::DeTable::parse(text).unwrap();
        Node {
            span: Some(t.span()),
            value: Node::toml_table(t.get_ref(), 0).unwrap(),
        }
    }

    #[test]
    fn failure_paths_point_at_the_innermost_value() {
        let node = toml_node("[[items]]\nn = 1\n[[items]]\nn = 300\n");
        let f = node.read::<Outer>(&DocPath::default()).unwrap_err();
        assert_eq!(f.path.to_string(), "items[1].n");
        assert_eq!(f.message, "`300` is out of range for an integer (0 to 255)");
        assert_eq!(f.span, Some(30..33));

        let node = toml_node("[[items]]\nn = 1\nx = 2\n");
        let f = node.read::<Outer>(&DocPath::default()).unwrap_err();
        assert_eq!(f.path.to_string(), "items[0].x");
        assert_eq!(f.message, "unknown field `x`, expected `n` or `s`");

        let node = toml_node("[[items]]\ns = 'a'\n");
        let f = node.read::<Outer>(&DocPath::default()).unwrap_err();
        assert_eq!(f.path.to_string(), "items[0]");
        assert_eq!(f.message, "missing field `n`");

        let node = toml_node("items = 3\n");
        let f = node.read::<Outer>(&DocPath::default()).unwrap_err();
        assert_eq!(f.path.to_string(), "items");
        assert_eq!(f.message, "expected an array, found an integer");
    }

    #[test]
    fn quoted_keys_render_quoted() {
        let p = DocPath::default()
            .key("activity")
            .index(0)
            .key("provenance")
            .key("online.ip");
        assert_eq!(p.to_string(), "activity[0].provenance.\"online.ip\"");
    }
}
