//! minsheng: a static site generator for a bilingual (中文 / English) livelihood atlas.
//!
//! The pipeline reads top to bottom: [`content`] loads the atlas, [`analyze`] reads the Chinese
//! text, [`render`] turns it into pages, [`site`] builds and writes the whole site.

pub mod analyze;
pub mod commands;
pub mod config;
pub mod content;
pub mod diagnostics;
pub mod lang;
pub mod render;
pub mod site;
pub mod urls;
