//! minsheng: a static site generator for a bilingual (中文 / English) livelihood atlas.
//!
//! The pipeline reads top to bottom: [`content`] loads the atlas, [`analyze`] reads the Chinese
//! text, [`render`] turns it into pages, [`site`] builds and writes the whole site.

pub mod analyze;
pub mod commands;
pub mod config;
pub mod confined;
pub mod content;
pub mod diagnostics;
pub mod embedded;
pub mod lang;
pub mod model;
pub mod render;
pub mod serve;
pub mod site;
pub mod urls;

/// How much the commands print: `-q` errors only, `-v` also timings and details.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Verbosity {
    Quiet,
    Normal,
    Verbose,
}

impl Verbosity {
    pub fn from_flags(quiet: bool, verbose: bool) -> Verbosity {
        match (quiet, verbose) {
            (true, _) => Verbosity::Quiet,
            (_, true) => Verbosity::Verbose,
            _ => Verbosity::Normal,
        }
    }
}

#[cfg(test)]
mod layout_tests;
