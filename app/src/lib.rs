//! The Leptos UI (placeholder).
