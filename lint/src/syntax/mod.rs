//! Text and the formats inside it, with exact spans; no knowledge of Kubernetes.
//!
//! [`yaml`] (the node tree with spans and value maps), [`source`] (bytes ↔ line/column),
//! [`text`] (small string helpers), [`gojson`] (Go's `encoding/json`), [`jsoncause`] (the
//! plain cause of a JSON syntax error), [`gonet`] (Go's `net` parsers).

pub mod gojson;
pub mod gonet;
pub mod jsoncause;
pub mod source;
pub mod template;
pub mod text;
pub mod yaml;
