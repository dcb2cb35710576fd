//! wasm entry (placeholder).
