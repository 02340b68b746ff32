//! Reading a rules directory from disk (feature `fs`, for the CLI and the
//! Worker's build script; the wasm build never has it).
//!
//! Every regular file below the directory is returned, with paths joined by
//! `/` and prefixed with the directory as given, so diagnostics name files
//! the way the user typed them. Which files are rule files is the loader's
//! business, not this module's.

use std::io;
use std::path::Path;

use crate::diagnostics::{file_diag, Diagnostic, Severity};

/// Every file of `dir` as (path, text), and diagnostics for files that are
/// not UTF-8 text.
pub type RulesDir = (Vec<(String, String)>, Vec<Diagnostic>);

/// Read `dir`, files sorted by path. `Err` only for I/O failures.
pub fn read_rules_dir(dir: &Path) -> io::Result<RulesDir> {
    let mut files = Vec::new();
    let mut diags = Vec::new();
    let prefix = dir.to_string_lossy().trim_end_matches('/').to_string();
    walk(dir, &prefix, 0, &mut files, &mut diags)?;
    files.sort();
    Ok((files, diags))
}

fn walk(
    dir: &Path,
    prefix: &str,
    depth: usize,
    files: &mut Vec<(String, String)>,
    diags: &mut Vec<Diagnostic>,
) -> io::Result<()> {
    if depth > 16 {
        diags.push(file_diag(
            Severity::Error,
            prefix,
            "directory nesting is deeper than 16 levels",
            Some("check for a symlink loop".into()),
        ));
        return Ok(());
    }
    for entry in std::fs::read_dir(dir)? {
        let entry = entry?;
        let name = format!("{prefix}/{}", entry.file_name().to_string_lossy());
        let path = entry.path();
        let meta = std::fs::metadata(&path)?;
        if meta.is_dir() {
            walk(&path, &name, depth + 1, files, diags)?;
        } else if meta.is_file() {
            match String::from_utf8(std::fs::read(&path)?) {
                Ok(text) => files.push((name, text)),
                Err(_) => diags.push(file_diag(
                    Severity::Error,
                    &name,
                    "file is not UTF-8 text",
                    Some("rule and list files must be UTF-8; re-save it as UTF-8 or move it out of the rules directory".into()),
                )),
            }
        }
    }
    Ok(())
}
