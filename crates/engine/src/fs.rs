//! Reading a rules directory from disk (feature `fs`, for the CLI and the
//! Worker's build script; the wasm build never has it).
//!
//! Every regular file below the directory is returned, with paths joined by
//! `/` and prefixed with the directory as given, so diagnostics name files
//! the way the user typed them. Which files are rule files is the loader's
//! business, not this module's.

use std::borrow::Cow;
use std::io;
use std::path::Path;

use crate::diagnostics::{file_diag, Diagnostic, Severity};
use crate::load::{is_data_file, DataFile};

/// Every file of a rules directory: text files as (path, text), binary data
/// files (geo databases, by extension) as [`DataFile`]s, and diagnostics
/// for files that are neither UTF-8 text nor data.
#[derive(Debug, Default)]
pub struct RulesDir {
    pub files: Vec<(String, String)>,
    pub data: Vec<DataFile>,
    pub diags: Vec<Diagnostic>,
}

/// Read `dir`, files sorted by path. `Err` only for I/O failures.
pub fn read_rules_dir(dir: &Path) -> io::Result<RulesDir> {
    let mut out = RulesDir::default();
    let prefix = dir.to_string_lossy().trim_end_matches('/').to_string();
    walk(dir, &prefix, 0, &mut out)?;
    out.files.sort();
    out.data.sort_by(|a, b| a.path.cmp(&b.path));
    Ok(out)
}

fn walk(dir: &Path, prefix: &str, depth: usize, out: &mut RulesDir) -> io::Result<()> {
    if depth > 16 {
        out.diags.push(file_diag(
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
            walk(&path, &name, depth + 1, out)?;
        } else if meta.is_file() && is_data_file(&name) {
            out.data.push(DataFile {
                path: name,
                bytes: Cow::Owned(std::fs::read(&path)?),
            });
        } else if meta.is_file() {
            match String::from_utf8(std::fs::read(&path)?) {
                Ok(text) => out.files.push((name, text)),
                Err(_) => out.diags.push(file_diag(
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
