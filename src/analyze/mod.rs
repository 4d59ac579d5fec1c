//! The Chinese-text side of the atlas: domains now; segmentation and metrics build on it.

pub mod domains;

pub use domains::Domain;
