//! Turning the analysed atlas into text: markdown to HTML, and templates to pages.

pub mod annotate;
pub mod charts;
pub mod map;
pub mod markdown;
pub mod numbers;
pub mod sanitise;
pub mod templates;
pub mod theme_files;
mod unindent;
pub mod views;

pub use markdown::{escape_html, Highlighter};
pub use templates::Theme;
