//! Build-time gate for the rules: every file under `rules/` is loaded with
//! the engine *natively*, before the Worker is compiled. Any error fails the
//! build (and so `wrangler dev` and `wrangler deploy`) with every diagnostic,
//! each with file, line, column and a fix hint. The files that passed are
//! then embedded into the Worker byte for byte.
//!
//! `EDGEWALL_RULES_DIR` overrides the directory (tests use it to build with
//! other rules); the default is `rules` next to this file.

use std::fmt::Write as _;
use std::path::{Path, PathBuf};

fn main() {
    println!("cargo:rerun-if-env-changed=EDGEWALL_RULES_DIR");
    let dir = std::env::var_os("EDGEWALL_RULES_DIR")
        .map(PathBuf::from)
        .unwrap_or_else(|| PathBuf::from("rules"));
    println!("cargo:rerun-if-changed={}", dir.display());

    // `EDGEWALL_LOCAL_TESTING=1` (scripts/dev.sh, via `wrangler dev --env
    // local`) builds a Worker that lets a request on a loopback address say
    // where it comes from. A production build has no such code at all.
    println!("cargo::rustc-check-cfg=cfg(edgewall_local_testing)");
    println!("cargo:rerun-if-env-changed=EDGEWALL_LOCAL_TESTING");
    if std::env::var("EDGEWALL_LOCAL_TESTING").is_ok_and(|v| v == "1") {
        println!("cargo:rustc-cfg=edgewall_local_testing");
    }

    // `EDGEWALL_PASSTHROUGH=1` (scripts/bench.sh only) builds the in-run
    // baseline of the benchmarks: the same Worker, built the same way, that
    // hands every request to the origin without asking the engine. Never
    // deployed.
    println!("cargo::rustc-check-cfg=cfg(edgewall_passthrough)");
    println!("cargo:rerun-if-env-changed=EDGEWALL_PASSTHROUGH");
    if std::env::var("EDGEWALL_PASSTHROUGH").is_ok_and(|v| v == "1") {
        println!("cargo:rustc-cfg=edgewall_passthrough");
    }

    // `EDGEWALL_READER=1` (scripts/bench.sh only) builds the benchmarks'
    // second baseline: a Worker that reads the request as the firewall
    // does (headers, `cf`, the body up to the inspection limit) and then
    // hands it to the origin without evaluating it. Between the
    // pass-through and it lies what reading the request costs on the
    // runtime; between it and the firewall, what the rules cost. Never
    // deployed.
    println!("cargo::rustc-check-cfg=cfg(edgewall_reader)");
    println!("cargo:rerun-if-env-changed=EDGEWALL_READER");
    if std::env::var("EDGEWALL_READER").is_ok_and(|v| v == "1") {
        println!("cargo:rustc-cfg=edgewall_reader");
    }

    let read = match edgewall_engine::fs::read_rules_dir(&dir) {
        Ok(x) => x,
        Err(e) => fail(&format!(
            "error: cannot read rules directory `{}`: {e}",
            dir.display()
        )),
    };
    let (files, data, read_diags) = (read.files, read.data, read.diags);
    match edgewall_engine::load::load_with_data(
        &files,
        &data,
        edgewall_engine::load::DataCheck::Full,
    ) {
        Ok(loaded) if read_diags.is_empty() => {
            for w in &loaded.warnings {
                for line in w.to_string().lines() {
                    println!("cargo:warning={line}");
                }
            }
        }
        Ok(_) => fail(
            &edgewall_engine::LoadError {
                diagnostics: read_diags,
            }
            .to_string(),
        ),
        Err(mut e) => {
            let mut all = read_diags;
            all.append(&mut e.diagnostics);
            fail(&edgewall_engine::LoadError { diagnostics: all }.to_string())
        }
    }

    let out = PathBuf::from(std::env::var_os("OUT_DIR").unwrap_or_default());
    let mut code = String::from(
        "/// Every file of the rules directory, validated at build time.\npub static RULE_FILES: &[(&str, &str)] = &[\n",
    );
    for (i, (name, text)) in files.iter().enumerate() {
        let path = out.join(format!("rule_file_{i}"));
        write(&path, text);
        let _ = writeln!(
            code,
            "    ({name:?}, include_str!({:?})),",
            path.display().to_string()
        );
    }
    code.push_str("];\n");
    code.push_str(
        "/// Binary data files (geo databases), validated at build time.\npub static DATA_FILES: &[(&str, &[u8])] = &[\n",
    );
    for (i, d) in data.iter().enumerate() {
        let path = out.join(format!("data_file_{i}"));
        if let Err(e) = std::fs::write(&path, &d.bytes) {
            fail(&format!("error: cannot write `{}`: {e}", path.display()));
        }
        let _ = writeln!(
            code,
            "    ({:?}, include_bytes!({:?})),",
            d.path,
            path.display().to_string()
        );
    }
    code.push_str("];\n");
    write(&out.join("rules.rs"), &code);
}

fn write(path: &Path, text: &str) {
    if let Err(e) = std::fs::write(path, text) {
        fail(&format!("error: cannot write `{}`: {e}", path.display()));
    }
}

fn fail(message: &str) -> ! {
    eprintln!("\n{message}\n\nedgewall: the rules above did not load, so the Worker was not built.\nFix them and build again; `cargo run --release --bin edgewall -- check` shows the same report.\n");
    std::process::exit(1);
}
