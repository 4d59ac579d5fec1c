//! The subcommands of the `minsheng` binary, each a function from options to output.

pub mod check;
pub mod extract;
mod files;
pub mod import;
pub mod init;
pub mod new;
pub mod theme;

pub use files::Written;
