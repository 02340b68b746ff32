//! `edgewall`: the command line for rule authors.
//!
//! - `check [DIR]`: validate rule files; exit 0 ok, 1 rule errors, 2 usage or I/O.
//! - `eval --rules DIR`: JSON Lines requests on stdin, one decision per line
//!   on stdout, exactly as the Worker decides.
//! - `explain --rules DIR`: one request's decision in words.
//! - `profile --rules DIR`: JSON Lines requests on stdin (as for `eval`);
//!   what each WAF rule costs per request ([`profile`]).

mod input;
mod profile;

use std::io::{self, BufRead, BufWriter, Write};
use std::path::{Path, PathBuf};
use std::process::ExitCode;

use std::sync::Arc;

use anyhow::Context as _;
use clap::{Parser, Subcommand};
use edgewall_engine::auth::keys::KeySet;
use edgewall_engine::auth::Credentials;
use edgewall_engine::load::{load_with_data, DataCheck};
use edgewall_engine::{Diagnostic, LoadError, Policy};

use crate::input::{decision_json, EvalInput};

#[derive(Parser)]
#[command(
    name = "edgewall",
    version,
    about = "Check, evaluate and explain edgewall rule files"
)]
struct Cli {
    #[command(subcommand)]
    command: Command,
}

#[derive(Subcommand)]
enum Command {
    /// Validate the rule files in DIR (default: rules).
    Check {
        #[arg(default_value = "rules")]
        dir: PathBuf,
    },
    /// Evaluate JSON Lines requests from stdin; print one JSON decision per line.
    Eval {
        #[arg(long, default_value = "rules")]
        rules: PathBuf,
        #[command(flatten)]
        keys: KeyArgs,
    },
    /// Explain the decision on one request: which rules were looked at, which decided.
    Explain {
        #[arg(long, default_value = "rules")]
        rules: PathBuf,
        /// The request as one JSON object (the `eval` input format). Without
        /// it, the request is built from the flags below.
        request: Option<String>,
        #[arg(long, default_value = "GET")]
        method: String,
        #[arg(long, default_value = "/")]
        url: String,
        /// A header as `Name: value`; repeat for more.
        #[arg(long = "header", short = 'H')]
        headers: Vec<String>,
        /// The client address (what CF-Connecting-IP would carry).
        #[arg(long)]
        ip: Option<String>,
        /// Two-letter country code (what request.cf.country would carry).
        #[arg(long)]
        country: Option<String>,
        #[command(flatten)]
        keys: KeyArgs,
    },
    /// Time the WAF's rules on JSON Lines requests from stdin (the `eval`
    /// input): evaluation time per request, and what each rule's regex,
    /// phrases or detector costs of it, natively.
    Profile {
        #[arg(long, default_value = "rules")]
        rules: PathBuf,
        /// Passes over the requests, each starting with an empty cache of
        /// values that passed, as a fresh Worker isolate does.
        #[arg(long, default_value_t = 5)]
        rounds: u32,
        /// Print one JSON object instead of a table.
        #[arg(long)]
        json: bool,
        #[command(flatten)]
        keys: KeyArgs,
    },
}

/// What auth rules verify tokens with, offline: the Worker reads secrets
/// from its environment and fetches key sets; here they come from flags.
#[derive(clap::Args)]
struct KeyArgs {
    /// An HS256 secret binding: `NAME` reads the value from the environment
    /// variable NAME (so it stays out of the process list), `NAME=VALUE`
    /// gives it. Repeat for more.
    #[arg(long = "secret")]
    secrets: Vec<String>,
    /// A provider's key set from a file, as `PROVIDER=FILE` (a JWKS JSON
    /// document, what its `jwks_url` serves). Repeat for more.
    #[arg(long = "jwks")]
    jwks: Vec<String>,
    /// The time tokens are checked at, in seconds since the Unix epoch
    /// (default: now).
    #[arg(long)]
    now: Option<i64>,
}

impl KeyArgs {
    fn credentials(&self) -> anyhow::Result<Credentials> {
        let now = match self.now {
            Some(n) => n,
            None => std::time::SystemTime::now()
                .duration_since(std::time::UNIX_EPOCH)
                .map(|d| d.as_secs() as i64)
                .unwrap_or(0),
        };
        let mut creds = Credentials {
            now,
            ..Default::default()
        };
        for s in &self.secrets {
            let (name, value) = match s.split_once('=') {
                Some((n, v)) => (n.to_string(), v.to_string()),
                None => (
                    s.clone(),
                    std::env::var(s).with_context(|| {
                        format!("--secret {s}: environment variable `{s}` is not set")
                    })?,
                ),
            };
            creds.secrets.insert(name, value.into_bytes());
        }
        for j in &self.jwks {
            let Some((provider, file)) = j.split_once('=') else {
                anyhow::bail!("--jwks `{j}` is not `PROVIDER=FILE`");
            };
            let bytes =
                std::fs::read(file).with_context(|| format!("cannot read key set `{file}`"))?;
            let (set, skipped) =
                KeySet::parse(&bytes).map_err(|e| anyhow::anyhow!("key set `{file}`: {e}"))?;
            for s in skipped {
                eprintln!("edgewall: key set `{file}`: left out {s}");
            }
            creds.key_sets.insert(provider.to_string(), Arc::new(set));
        }
        Ok(creds)
    }
}

const EXIT_FINDINGS: u8 = 1;
const EXIT_ERROR: u8 = 2;

fn main() -> ExitCode {
    let cli = Cli::parse();
    match run(cli) {
        Ok(code) => ExitCode::from(code),
        Err(e) => {
            eprintln!("edgewall: {e:#}");
            ExitCode::from(EXIT_ERROR)
        }
    }
}

fn run(cli: Cli) -> anyhow::Result<u8> {
    match cli.command {
        Command::Check { dir } => {
            let policy = match load_dir(&dir)? {
                Ok(p) => p,
                Err(code) => return Ok(code),
            };
            let acl = &policy.ip_acl;
            let plural = |n: usize| if n == 1 { "" } else { "s" };
            let cors = policy.cors.policies.len();
            let geo = &policy.geo;
            let db = geo
                .database_path
                .as_deref()
                .map(|p| format!(", database {p}"))
                .unwrap_or_default();
            let waf = &policy.waf;
            let limits = policy.rate_limit.rules.len();
            let auth = policy.auth.rules.len();
            println!(
                "{}: ok ({} ip_acl rule{}, default {}; {} geo rule{}, default {}{db}; {cors} cors polic{}; {auth} auth rule{}; {limits} rate limit{}; {} waf rule{}, paranoia level {}, threshold {})",
                dir.display(),
                acl.rules.len(),
                plural(acl.rules.len()),
                acl.default.as_str(),
                geo.rules.len(),
                plural(geo.rules.len()),
                geo.default.as_str(),
                if cors == 1 { "y" } else { "ies" },
                plural(auth),
                plural(limits),
                waf.rules.len(),
                plural(waf.rules.len()),
                waf.paranoia_level,
                waf.anomaly_threshold,
            );
            Ok(0)
        }
        Command::Eval { rules, keys } => {
            let (policy, creds) = match load_with_keys(&rules, &keys)? {
                Ok(loaded) => loaded,
                Err(code) => return Ok(code),
            };
            eval(&policy, &creds)
        }
        Command::Profile {
            rules,
            rounds,
            json,
            keys,
        } => {
            let (policy, creds) = match load_with_keys(&rules, &keys)? {
                Ok(loaded) => loaded,
                Err(code) => return Ok(code),
            };
            let requests = read_requests(io::stdin().lock())?;
            if requests.is_empty() {
                anyhow::bail!("no requests on stdin: give JSON Lines requests, as for `eval`");
            }
            let report = profile::profile(&policy, &creds, &requests, rounds);
            if json {
                println!("{}", report.to_json());
            } else {
                print!("{}", report.to_text());
            }
            Ok(0)
        }
        Command::Explain {
            rules,
            request,
            method,
            url,
            headers,
            ip,
            country,
            keys,
        } => {
            let (policy, creds) = match load_with_keys(&rules, &keys)? {
                Ok(loaded) => loaded,
                Err(code) => return Ok(code),
            };
            let input = match request {
                Some(json) => serde_json::from_str::<EvalInput>(&json)
                    .context("the request argument is not a valid request object")?,
                None => EvalInput::from_flags(method, url, &headers, ip, country)?,
            };
            let req = input.into_request();
            let (decision, steps) = policy.explain(&req, &creds);
            for s in steps {
                println!("  {s}");
            }
            let by = decision
                .rule
                .as_deref()
                .map(|r| format!(" (decided by `{r}`)"))
                .unwrap_or_default();
            println!(
                "decision: {} {}{by}",
                decision.action.as_str(),
                decision.status
            );
            if !decision.reason.is_empty() {
                println!("logged reason: {}", decision.reason);
            }
            let headers = decision.response_headers();
            if !headers.is_empty() {
                println!("headers edgewall sets:");
                for (name, value) in headers {
                    println!("  {name}: {value}");
                }
            }
            Ok(0)
        }
    }
}

/// The request lines of a JSON Lines input (`eval`'s format), blank lines
/// skipped: each line's number (from 1) and the request it holds, or why
/// it holds none. Only reading the input fails the iteration.
fn request_lines(
    input: impl BufRead,
) -> impl Iterator<Item = anyhow::Result<(usize, serde_json::Result<EvalInput>)>> {
    input.split(b'\n').enumerate().filter_map(|(n, line)| {
        let line = match line.context("reading stdin") {
            Ok(line) => line,
            Err(e) => return Some(Err(e)),
        };
        let text = String::from_utf8_lossy(&line);
        let text = text.trim();
        (!text.is_empty()).then(|| Ok((n + 1, serde_json::from_str::<EvalInput>(text))))
    })
}

/// The requests of a JSON Lines input, all of them: a line that is not a
/// request is an error naming it.
fn read_requests(input: impl BufRead) -> anyhow::Result<Vec<edgewall_engine::Request>> {
    request_lines(input)
        .map(|line| {
            let (n, parsed) = line?;
            let input = parsed.with_context(|| format!("line {n} is not a valid request"))?;
            Ok(input.into_request())
        })
        .collect()
}

/// [`load_dir`], and the credentials of `keys` (read first: a bad flag is
/// reported before any rule is).
fn load_with_keys(dir: &Path, keys: &KeyArgs) -> anyhow::Result<Result<(Policy, Credentials), u8>> {
    let creds = keys.credentials()?;
    Ok(load_dir(dir)?.map(|policy| (policy, creds)))
}

/// Load a rules directory, printing diagnostics to stderr. `Err(exit code)`
/// when the rules do not load.
fn load_dir(dir: &Path) -> anyhow::Result<Result<Policy, u8>> {
    let read = edgewall_engine::fs::read_rules_dir(dir)
        .with_context(|| format!("cannot read rules directory `{}`", dir.display()))?;
    let read_diags = read.diags;
    match load_with_data(&read.files, &read.data, DataCheck::Full) {
        Ok(loaded) if read_diags.is_empty() => {
            print_diags(&loaded.warnings);
            Ok(Ok(loaded.policy))
        }
        Ok(loaded) => {
            let mut all = read_diags;
            all.extend(loaded.warnings);
            report(LoadError { diagnostics: all });
            Ok(Err(EXIT_FINDINGS))
        }
        Err(mut e) => {
            let mut all = read_diags;
            all.append(&mut e.diagnostics);
            report(LoadError { diagnostics: all });
            Ok(Err(EXIT_FINDINGS))
        }
    }
}

fn print_diags(diags: &[Diagnostic]) {
    let stderr = io::stderr();
    let mut out = stderr.lock();
    for d in diags {
        let _ = writeln!(out, "{d}");
    }
}

fn report(e: LoadError) {
    eprintln!("{e}");
}

fn eval(policy: &Policy, creds: &Credentials) -> anyhow::Result<u8> {
    let stdin = io::stdin();
    let stdout = io::stdout();
    let mut out = BufWriter::new(stdout.lock());
    let mut bad_lines = 0usize;
    for line in request_lines(stdin.lock()) {
        let (n, parsed) = line?;
        let result = match parsed {
            Ok(input) => {
                let id = input.id.clone();
                let decision = policy.evaluate_with(&input.into_request(), creds);
                decision_json(&decision, id)
            }
            Err(e) => {
                bad_lines += 1;
                serde_json::json!({ "error": format!("line {n}: {e}") })
            }
        };
        serde_json::to_writer(&mut out, &result)?;
        out.write_all(b"\n")?;
    }
    out.flush()?;
    if bad_lines > 0 {
        eprintln!("edgewall: {bad_lines} input line(s) were not valid requests");
        return Ok(EXIT_ERROR);
    }
    Ok(0)
}
