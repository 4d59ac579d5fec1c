//! The subcommands of the `minsheng` binary, each a function from options to output.

pub mod check;
pub mod extract;
pub mod import;
pub mod new;
