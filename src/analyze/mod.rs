//! The Chinese-text side of the atlas: segmentation, quantities, metrics, domains, glossary.

pub mod domains;
pub mod glossary;
pub mod lexicon;
pub mod metrics;
pub mod numerals;
pub mod quantity;
pub mod segment;
pub mod text;

pub use domains::Domain;
