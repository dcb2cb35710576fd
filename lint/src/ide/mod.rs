//! What the surfaces use, on top of the rules: the [`hover`]s, the live [`answer`] (findings,
//! hovers and the form view from one parse), the forms ([`crate::forms`]) and the report
//! renderings ([`output`]: text, JSON, SARIF, GitHub).

pub mod answer;
pub mod cause;

pub mod explain;
pub mod hover;
pub mod output;

pub use crate::forms;
