//! Cross-site scripting: would a value, placed in a page between tags or
//! inside an attribute value, make the browser run script?
//!
//! The value is tokenized ([`super::html_lexer`]) in up to four starting
//! states: as text between tags, and as if inside an unquoted, a
//! single-quoted and a double-quoted attribute value (where a payload first
//! closes the value, then adds attributes or closes the tag). It is flagged
//! when the markup it makes contains:
//!
//! - a `<script>` start tag; a tag whose content is parsed differently
//!   (`style`, `svg`, `math`, `iframe`, `noscript`, `noembed`) with
//!   attributes, with more markup after it, or (`style`) with CSS that
//!   runs script (bare, as in `what is a <noscript> tag`, it is prose);
//!   a tag that
//!   loads or sends something, when it has attributes (`object`, `embed`,
//!   `applet`, `base`, `form`, `frame`, `link`, `meta`, `xml`, `xsl…`, …);
//!   harmless formatting such as `<b>` or `<p>` is not flagged, nor is a
//!   bare `<object>`, as in the code `Vec<Object>`;
//! - an event handler attribute (`onerror=`, `onload=`, …; any `on…=` in a
//!   real tag, only known event names in the attribute contexts, where
//!   prose would otherwise turn into attributes);
//! - an attribute value that is a `javascript:`, `vbscript:` or scriptable
//!   `data:` URL once character references and the tabs and newlines
//!   browsers ignore are removed (`jav&#x09;ascript:`);
//! - CSS that runs script (`expression(`, `url(javascript:`, `behavior:`,
//!   `-moz-binding:`), with CSS escapes and comments undone;
//! - markup inside `srcdoc`, or inside any attribute value (a second parse,
//!   as after a `</noscript>` or `</title>` escape), IE conditional comments.
//!
//! The value an attribute context starts in could belong to any attribute,
//! so it is checked as a URL and as CSS too, but more leniently: there
//! `javascript:` has to be followed by something that reads as code (so
//! `JavaScript: The Good Parts` passes while `javascript:alert(1)` does not).

use std::fmt;

use super::html_lexer::{Event, HtmlContext, HtmlLexer};
use super::label::Label;

/// Why a value was taken for XSS.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum XssReason {
    DangerousTag,
    EventHandler,
    /// `javascript:`, `vbscript:`, scriptable `data:`.
    ScriptUrl,
    /// `expression(`, `url(javascript:…)`, `behavior:`, `-moz-binding:`.
    StyleScript,
    /// Markup in `srcdoc`, which is a whole document.
    MarkupInSrcdoc,
    /// `<!--[if …]>`, `<?import`, `<!ENTITY`.
    ConditionalMarkup,
}

/// A cross-site scripting payload found in a value, for the log.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub struct XssMatch {
    pub context: HtmlContext,
    pub reason: XssReason,
    /// The tag, lower-cased; empty for the tag around an attribute context.
    pub tag: Label,
    /// The attribute, lower-cased; empty when the tag alone matched, or for
    /// the value an attribute context starts in.
    pub attr: Label,
}

impl fmt::Display for XssMatch {
    fn fmt(&self, f: &mut fmt::Formatter<'_>) -> fmt::Result {
        f.write_str("xss: ")?;
        let attr: &dyn fmt::Display = if self.attr.is_empty() {
            &"the value"
        } else {
            &self.attr
        };
        match self.reason {
            XssReason::DangerousTag => write!(f, "tag <{}>", self.tag)?,
            XssReason::EventHandler => write!(f, "event handler {attr}")?,
            XssReason::ScriptUrl => write!(f, "script url in {attr}")?,
            XssReason::StyleScript => write!(f, "script in css of {attr}")?,
            XssReason::MarkupInSrcdoc => f.write_str("markup in srcdoc")?,
            XssReason::ConditionalMarkup => f.write_str("conditional comment or xml directive")?,
        }
        if !self.tag.is_empty() && self.reason != XssReason::DangerousTag {
            write!(f, " on <{}>", self.tag)?;
        }
        write!(f, " ({})", self.context.name())
    }
}

/// The first XSS payload found in `input`, if any.
pub fn is_xss(input: &[u8]) -> Option<XssMatch> {
    // Every rule needs one of these: a tag, a way out of a value, an
    // attribute, a URL scheme or CSS property, or a character reference.
    if !input
        .iter()
        .any(|b| matches!(b, b'<' | b'"' | b'\'' | b':' | b'=' | b'&'))
    {
        return None;
    }
    let contexts = [
        (HtmlContext::Text, input.contains(&b'<')),
        (HtmlContext::DoubleQuotedValue, true),
        (HtmlContext::SingleQuotedValue, input.contains(&b'\'')),
        (HtmlContext::UnquotedValue, true),
    ];
    contexts
        .into_iter()
        .filter(|&(_, wanted)| wanted)
        .find_map(|(context, _)| scan(input, context, false))
}

/// One reading; `nested` when reading an attribute value as markup, which
/// is not done again inside it.
fn scan(input: &[u8], context: HtmlContext, nested: bool) -> Option<XssMatch> {
    let hit = |reason, tag: &[u8], attr: &[u8]| XssMatch {
        context,
        reason,
        tag: Label::lower(tag),
        attr: Label::lower(attr),
    };
    let mut tag: Option<&[u8]> = None;
    let mut attributes = false;
    let mut found: Option<(XssReason, &[u8])> = None;
    // A bare container (`<svg>`, `<noscript>`) waiting for the markup that
    // would make it matter.
    let mut container: Option<&[u8]> = None;
    for event in HtmlLexer::new(input, context) {
        match event {
            Event::StartTag(name) => {
                if let Some(outer) = container {
                    return Some(hit(XssReason::DangerousTag, outer, b""));
                }
                tag = Some(name);
                attributes = false;
                found = None;
            }
            Event::Attr { name, value } => {
                attributes |= !name.is_empty();
                if found.is_some() {
                    continue;
                }
                found = attribute(tag.is_some(), name, value).map(|r| (r, name));
                let Some(value) = value else { continue };
                if found.is_none() && !nested && !name.is_empty() && value.contains(&b'<') {
                    if let Some(inner) = scan(value, HtmlContext::Text, true) {
                        return Some(XssMatch { context, ..inner });
                    }
                }
            }
            Event::TagEnd => {
                let name = tag.take().unwrap_or_default();
                if let Some((reason, attr)) = found.take() {
                    return Some(hit(reason, name, attr));
                }
                let dangerous = match tag_risk(name) {
                    TagRisk::Always => true,
                    TagRisk::WithAttributes => attributes,
                    TagRisk::Container if !attributes => {
                        container = container.or(Some(name));
                        false
                    }
                    TagRisk::Container => true,
                    TagRisk::None => false,
                };
                if dangerous {
                    return Some(hit(XssReason::DangerousTag, name, b""));
                }
            }
            Event::Comment(body) => {
                if conditional_markup(body) {
                    return Some(hit(XssReason::ConditionalMarkup, b"", b""));
                }
            }
        }
    }
    match container {
        Some(name)
            if name.eq_ignore_ascii_case(b"style")
                && (style_runs_script(input) || style_loads(input)) =>
        {
            Some(hit(XssReason::DangerousTag, name, b""))
        }
        _ => None,
    }
}

/// What is wrong with one attribute, if anything. `in_tag` when it belongs
/// to a tag the value wrote (`<x …`), not to the one around a value.
fn attribute(in_tag: bool, name: &[u8], value: Option<&[u8]>) -> Option<XssReason> {
    // Without a value, nothing runs.
    let value = value?;
    if name.is_empty() {
        return if script_url(value, false) {
            Some(XssReason::ScriptUrl)
        } else if style_runs_script(value) {
            Some(XssReason::StyleScript)
        } else {
            None
        };
    }
    if event_handler(name, in_tag) {
        return Some(XssReason::EventHandler);
    }
    if script_url(value, true) {
        return Some(XssReason::ScriptUrl);
    }
    if name.eq_ignore_ascii_case(b"style") && style_runs_script(value) {
        return Some(XssReason::StyleScript);
    }
    if name.eq_ignore_ascii_case(b"srcdoc") && value.iter().any(|&b| b == b'<' || b == b'&') {
        return Some(XssReason::MarkupInSrcdoc);
    }
    None
}

/// How dangerous an element is.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum TagRisk {
    None,
    /// Its content runs (`<script>`): dangerous bare.
    Always,
    /// Its content is parsed differently (`<svg>`, `<math>`, `<style>`,
    /// the raw-text elements behind mutation XSS, `<iframe>`): dangerous
    /// with attributes, or with more markup after it (`<svg><animate …>`,
    /// `<noscript><p title="</noscript><img …>">`); bare, as in the search
    /// `what is a <noscript> tag`, it does nothing.
    Container,
    /// It loads or sends something through its attributes (`<object
    /// data>`, `<base href>`, `<form action>`): dangerous with attributes;
    /// bare, as in `Vec<Object>` or `Option<Frame>`, it does nothing.
    WithAttributes,
}

fn tag_risk(name: &[u8]) -> TagRisk {
    const ALWAYS: &[&[u8]] = &[b"script"];
    const CONTAINERS: &[&[u8]] = &[
        b"iframe",
        b"math",
        b"noembed",
        b"noscript",
        b"style",
        b"svg",
    ];
    const WITH_ATTRIBUTES: &[&[u8]] = &[
        b"applet",
        b"base",
        b"embed",
        b"form",
        b"frame",
        b"frameset",
        b"handler",
        b"import",
        b"isindex",
        b"link",
        b"listener",
        b"meta",
        b"object",
        b"portal",
        b"vmlframe",
        b"xml",
        b"xss",
    ];
    let is = |t: &&[u8]| name.eq_ignore_ascii_case(t);
    if ALWAYS.iter().any(is) {
        TagRisk::Always
    } else if CONTAINERS.iter().any(is) {
        TagRisk::Container
    } else if WITH_ATTRIBUTES.iter().any(is)
        || name
            .get(..3)
            .is_some_and(|p| p.eq_ignore_ascii_case(b"xsl"))
    {
        TagRisk::WithAttributes
    } else {
        TagRisk::None
    }
}

/// Event names, as in `on<name>`: the DOM, HTML, SVG, CSS animation and
/// media events browsers fire, and old IE ones. Sorted.
const EVENTS: &[&[u8]] = &[
    b"abort",
    b"activate",
    b"afterprint",
    b"afterscriptexecute",
    b"animationcancel",
    b"animationend",
    b"animationiteration",
    b"animationstart",
    b"auxclick",
    b"beforeactivate",
    b"beforecopy",
    b"beforecut",
    b"beforedeactivate",
    b"beforeinput",
    b"beforematch",
    b"beforepaste",
    b"beforeprint",
    b"beforescriptexecute",
    b"beforetoggle",
    b"beforeunload",
    b"begin",
    b"blur",
    b"bounce",
    b"cancel",
    b"canplay",
    b"canplaythrough",
    b"change",
    b"click",
    b"close",
    b"command",
    b"contentvisibilityautostatechange",
    b"contextlost",
    b"contextmenu",
    b"contextrestored",
    b"copy",
    b"cuechange",
    b"cut",
    b"dblclick",
    b"deactivate",
    b"drag",
    b"dragend",
    b"dragenter",
    b"dragexit",
    b"dragleave",
    b"dragover",
    b"dragstart",
    b"drop",
    b"durationchange",
    b"emptied",
    b"end",
    b"ended",
    b"error",
    b"finish",
    b"focus",
    b"focusin",
    b"focusout",
    b"formdata",
    b"fullscreenchange",
    b"fullscreenerror",
    b"gotpointercapture",
    b"hashchange",
    b"help",
    b"input",
    b"invalid",
    b"keydown",
    b"keypress",
    b"keyup",
    b"load",
    b"loadeddata",
    b"loadedmetadata",
    b"loadend",
    b"loadstart",
    b"losecapture",
    b"lostpointercapture",
    b"message",
    b"messageerror",
    b"mousedown",
    b"mouseenter",
    b"mouseleave",
    b"mousemove",
    b"mouseout",
    b"mouseover",
    b"mouseup",
    b"mousewheel",
    b"move",
    b"offline",
    b"online",
    b"pagehide",
    b"pagereveal",
    b"pageshow",
    b"pageswap",
    b"paste",
    b"pause",
    b"play",
    b"playing",
    b"pointercancel",
    b"pointerdown",
    b"pointerenter",
    b"pointerleave",
    b"pointermove",
    b"pointerout",
    b"pointerover",
    b"pointerrawupdate",
    b"pointerup",
    b"popstate",
    b"progress",
    b"propertychange",
    b"ratechange",
    b"readystatechange",
    b"rejectionhandled",
    b"repeat",
    b"reset",
    b"resize",
    b"scroll",
    b"scrollend",
    b"scrollsnapchange",
    b"scrollsnapchanging",
    b"search",
    b"securitypolicyviolation",
    b"seeked",
    b"seeking",
    b"select",
    b"selectionchange",
    b"selectstart",
    b"show",
    b"slotchange",
    b"stalled",
    b"start",
    b"storage",
    b"submit",
    b"suspend",
    b"timeupdate",
    b"toggle",
    b"touchcancel",
    b"touchend",
    b"touchmove",
    b"touchstart",
    b"transitioncancel",
    b"transitionend",
    b"transitionrun",
    b"transitionstart",
    b"unhandledrejection",
    b"unload",
    b"volumechange",
    b"waiting",
    b"webkitanimationend",
    b"webkitanimationiteration",
    b"webkitanimationstart",
    b"webkitmouseforcedown",
    b"webkitplaybacktargetavailabilitychanged",
    b"webkittransitionend",
    b"wheel",
];

/// Words that start with `on` and may well be attribute-like in text.
const NOT_HANDLERS: &[&[u8]] = &[
    b"once", b"one", b"ones", b"ongoing", b"onion", b"online", b"only", b"onset", b"onsite",
    b"onto", b"onward", b"onwards",
];

fn event_handler(name: &[u8], in_tag: bool) -> bool {
    if !name.get(..2).is_some_and(|p| p.eq_ignore_ascii_case(b"on")) {
        return false;
    }
    let mut buf = [0u8; 48];
    let Some(lower) = buf.get_mut(..name.len()) else {
        // Longer than any event name: only a tag's own `on…` attribute.
        return in_tag;
    };
    lower.copy_from_slice(name);
    lower.make_ascii_lowercase();
    let Some(event) = lower.strip_prefix(b"on") else {
        return false;
    };
    if event.is_empty() {
        return false;
    }
    if EVENTS.binary_search(&event).is_ok() {
        return true;
    }
    // In a tag the value wrote itself, an `on…` attribute is a handler for
    // an event this list may not know yet.
    in_tag && event.iter().all(u8::is_ascii_alphabetic) && !NOT_HANDLERS.contains(&&*lower)
}

fn conditional_markup(body: &[u8]) -> bool {
    const STARTS: &[&[u8]] = &[b"[if", b"[endif", b"?import", b"?xml-stylesheet", b"entity"];
    STARTS.iter().any(|s| {
        body.get(..s.len())
            .is_some_and(|p| p.eq_ignore_ascii_case(s))
    })
}

/// Characters of an attribute value as the browser reads them: character
/// references (`&#x6A;`, `&#106`, `&colon;`, `&Tab;`) decoded.
struct Decoded<'a> {
    s: &'a [u8],
    pos: usize,
}

impl<'a> Decoded<'a> {
    fn new(s: &'a [u8]) -> Decoded<'a> {
        Decoded { s, pos: 0 }
    }

    fn numeric(&mut self) -> Option<u32> {
        let mut i = self.pos + 2;
        let hex = matches!(self.s.get(i), Some(b'x' | b'X'));
        if hex {
            i += 1;
        }
        let from = i;
        let mut value: u32 = 0;
        while let Some(d) = self
            .s
            .get(i)
            .and_then(|&b| (b as char).to_digit(if hex { 16 } else { 10 }))
        {
            value = value
                .saturating_mul(if hex { 16 } else { 10 })
                .saturating_add(d);
            i += 1;
        }
        if i == from {
            return None;
        }
        if self.s.get(i) == Some(&b';') {
            i += 1;
        }
        self.pos = i;
        Some(match value {
            0 | 0xD800..=0xDFFF | 0x110000.. => 0xFFFD,
            v => v,
        })
    }

    fn named(&mut self) -> Option<u32> {
        let from = self.pos + 1;
        let len = self
            .s
            .get(from..)?
            .iter()
            .take(32)
            .take_while(|b| b.is_ascii_alphanumeric())
            .count();
        let name = self.s.get(from..from + len)?;
        let after = self.s.get(from + len).copied();
        let c = match name {
            b"Tab" => 0x09,
            b"NewLine" => 0x0a,
            b"colon" => u32::from(b':'),
            b"lpar" => u32::from(b'('),
            b"rpar" => u32::from(b')'),
            b"sol" => u32::from(b'/'),
            b"bsol" => u32::from(b'\\'),
            b"grave" | b"DiacriticalGrave" => u32::from(b'`'),
            b"equals" => u32::from(b'='),
            b"period" => u32::from(b'.'),
            b"comma" => u32::from(b','),
            b"semi" => u32::from(b';'),
            b"excl" => u32::from(b'!'),
            b"num" => u32::from(b'#'),
            b"plus" => u32::from(b'+'),
            b"apos" => u32::from(b'\''),
            b"lsqb" | b"lbrack" => u32::from(b'['),
            b"rsqb" | b"rbrack" => u32::from(b']'),
            b"lcub" | b"lbrace" => u32::from(b'{'),
            b"rcub" | b"rbrace" => u32::from(b'}'),
            b"amp" | b"AMP" => u32::from(b'&'),
            b"lt" | b"LT" => u32::from(b'<'),
            b"gt" | b"GT" => u32::from(b'>'),
            b"quot" | b"QUOT" => u32::from(b'"'),
            b"nbsp" => 0xa0,
            _ => return None,
        };
        // Only the legacy few work without `;`, and not before `=` or a
        // letter or digit (which would make them part of a word).
        let legacy = matches!(
            name,
            b"amp" | b"AMP" | b"lt" | b"LT" | b"gt" | b"GT" | b"quot" | b"QUOT" | b"nbsp"
        );
        match after {
            Some(b';') => self.pos = from + len + 1,
            Some(b) if legacy && !(b.is_ascii_alphanumeric() || b == b'=') => self.pos = from + len,
            None if legacy => self.pos = from + len,
            _ => return None,
        }
        Some(c)
    }
}

impl Iterator for Decoded<'_> {
    type Item = u32;

    fn next(&mut self) -> Option<u32> {
        let b = *self.s.get(self.pos)?;
        if b == b'&' {
            let decoded = if self.s.get(self.pos + 1) == Some(&b'#') {
                self.numeric()
            } else {
                self.named()
            };
            if let Some(c) = decoded {
                return Some(c);
            }
        }
        self.pos += 1;
        Some(u32::from(b))
    }
}

fn is_space(c: u32) -> bool {
    matches!(c, 0x09 | 0x0a | 0x0c | 0x0d | 0x20)
}

/// Does `value`, as a URL, run script? `strict` for attributes that
/// certainly are URLs or code; otherwise `javascript:` must be followed by
/// something that reads as code.
fn script_url(value: &[u8], strict: bool) -> bool {
    // URL parsing drops tabs and newlines anywhere, and leading controls
    // and spaces (https://url.spec.whatwg.org/#concept-basic-url-parser).
    let mut chars = Decoded::new(value)
        .filter(|&c| !matches!(c, 0x09 | 0x0a | 0x0d))
        .skip_while(|&c| c <= 0x20);
    let mut scheme = [0u8; 16];
    let mut len = 0;
    loop {
        let Some(c) = chars.next() else {
            return false;
        };
        if c == u32::from(b':') {
            break;
        }
        let Some(b) = u8::try_from(c)
            .ok()
            .filter(|b| b.is_ascii_alphanumeric() || matches!(b, b'+' | b'-' | b'.'))
        else {
            return false;
        };
        let Some(slot) = scheme.get_mut(len) else {
            return false;
        };
        *slot = b.to_ascii_lowercase();
        len += 1;
    }
    match scheme.get(..len).unwrap_or_default() {
        b"javascript" | b"vbscript" | b"livescript" => strict || reads_as_code(chars),
        b"data" => scriptable_data(chars),
        _ => false,
    }
}

/// `alert(1)`, `` alert`1` ``, `x=1`, `name`: but not `The Good Parts (2008)`.
fn reads_as_code(rest: impl Iterator<Item = u32>) -> bool {
    let mut empty = true;
    let mut spaced = false;
    let mut prev = u32::from(b' ');
    for c in rest {
        empty = false;
        let called = c == u32::from(b'(')
            && char::from_u32(prev)
                .is_some_and(|p| p.is_alphanumeric() || matches!(p, '_' | '$' | ')' | ']'));
        if called || c == u32::from(b'`') || c == u32::from(b'=') {
            return true;
        }
        spaced |= is_space(c);
        prev = c;
    }
    !empty && !spaced
}

/// A `data:` URL (after the colon) whose type browsers run as a document
/// or script.
fn scriptable_data(rest: impl Iterator<Item = u32>) -> bool {
    let mut mime = [0u8; 32];
    let mut len = 0;
    for c in rest {
        if c == u32::from(b',') || c == u32::from(b';') {
            break;
        }
        if is_space(c) {
            continue;
        }
        let (Some(slot), Ok(b)) = (mime.get_mut(len), u8::try_from(c)) else {
            return false;
        };
        *slot = b.to_ascii_lowercase();
        len += 1;
    }
    matches!(
        mime.get(..len).unwrap_or_default(),
        b"text/html"
            | b"text/xml"
            | b"application/xml"
            | b"application/xhtml+xml"
            | b"image/svg+xml"
            | b"text/javascript"
            | b"application/javascript"
            | b"application/x-javascript"
            | b"application/ecmascript"
            | b"text/ecmascript"
            | b"text/vbscript"
    )
}

/// Does `value`, as CSS, run script? Character references, CSS escapes
/// (`\65`, `\e`), comments, whitespace and quotes are removed first, so
/// `exp/**/ression (` and `url( 'javascript:…')` are seen.
/// A style sheet that loads something: `@import`, `url(`, or a
/// `javascript:`/`vbscript:` URL anywhere, any case. Injected, it runs
/// script in old browsers and reads the page out (CSS exfiltration) in
/// new ones.
fn style_loads(value: &[u8]) -> bool {
    const NEEDLES: &[&[u8]] = &[b"javascript:", b"vbscript:", b"@import", b"url("];
    NEEDLES
        .iter()
        .any(|n| value.windows(n.len()).any(|w| w.eq_ignore_ascii_case(n)))
}

fn style_runs_script(value: &[u8]) -> bool {
    // Each needle ends in `(` or `:`, so a value with neither (nor a way
    // to write them) cannot match.
    if !value
        .iter()
        .any(|b| matches!(b, b'(' | b':' | b'\\' | b'&'))
    {
        return false;
    }
    const NEEDLES: &[&[u8]] = &[
        b":expression(",
        b"url(javascript:",
        b"url(vbscript:",
        b"behavior:url(",
        b"-moz-binding:",
    ];
    let mut tail = Tail::new();
    let mut chars = Decoded::new(value).peekable();
    while let Some(c) = chars.next() {
        let c = if c == u32::from(b'\\') {
            let mut code = 0u32;
            let mut digits = 0;
            while let Some(d) = chars.peek().and_then(|&d| char::from_u32(d)?.to_digit(16)) {
                if digits == 6 {
                    break;
                }
                code = code * 16 + d;
                digits += 1;
                chars.next();
            }
            if digits > 0 {
                if chars.peek().is_some_and(|&w| is_space(w)) {
                    chars.next();
                }
                code
            } else {
                match chars.next() {
                    Some(escaped) => escaped,
                    None => break,
                }
            }
        } else if c == u32::from(b'/') && chars.peek() == Some(&u32::from(b'*')) {
            chars.next();
            let mut prev = 0;
            for d in chars.by_ref() {
                if prev == u32::from(b'*') && d == u32::from(b'/') {
                    break;
                }
                prev = d;
            }
            continue;
        } else {
            c
        };
        if is_space(c) || c == u32::from(b'"') || c == u32::from(b'\'') {
            continue;
        }
        let b = u8::try_from(c).map_or(b'?', |b| b.to_ascii_lowercase());
        tail.push(b);
        if matches!(b, b'(' | b':') && NEEDLES.iter().any(|n| tail.ends_with(n)) {
            return true;
        }
    }
    false
}

/// The last few bytes pushed (at least 16), without shifting on every push.
struct Tail {
    buf: [u8; 64],
    len: usize,
}

impl Tail {
    fn new() -> Tail {
        Tail {
            buf: [0; 64],
            len: 0,
        }
    }

    fn push(&mut self, b: u8) {
        if self.len == self.buf.len() {
            self.buf.copy_within(48.., 0);
            self.len = 16;
        }
        if let Some(slot) = self.buf.get_mut(self.len) {
            *slot = b;
            self.len += 1;
        }
    }

    fn ends_with(&self, needle: &[u8]) -> bool {
        self.buf
            .get(..self.len)
            .is_some_and(|b| b.ends_with(needle))
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn event_names_are_sorted_for_binary_search() {
        assert!(EVENTS.windows(2).all(|w| w[0] < w[1]));
    }

    #[test]
    fn character_references_decode_as_browsers_do() {
        let decode = |s: &str| -> String {
            Decoded::new(s.as_bytes())
                .map(|c| char::from_u32(c).unwrap_or('?'))
                .collect()
        };
        assert_eq!(decode("&#106;&#x61&#X76;a&colon;&Tab;"), "java:\t");
        assert_eq!(decode("&amp;&ampx&amp=&lt"), "&&ampx&amp=<");
        assert_eq!(decode("&unknown; & &#; &#x;"), "&unknown; & &#; &#x;");
        assert_eq!(decode("&#0;&#99999999999;"), "\u{fffd}\u{fffd}");
    }

    #[test]
    fn script_urls_hide_behind_references_and_whitespace() {
        for url in [
            "javascript:alert(1)",
            " \x01JaVaScRiPt:x",
            "jav&#x09;ascript:alert(1)",
            "jav\nas\tcript:alert(1)",
            "&#106;avascript&colon;alert(1)",
            "vbscript:msgbox(1)",
            "data:text/html;base64,PHNjcmlwdD4=",
            "data: image/svg+xml,<svg onload=alert(1)>",
        ] {
            assert!(script_url(url.as_bytes(), true), "{url}");
        }
        for url in [
            "https://example.com/javascript:x",
            "data:image/png;base64,iVBORw0KGgo=",
            "java script:alert(1)",
            "/search?q=javascript:",
        ] {
            assert!(!script_url(url.as_bytes(), true), "{url}");
        }
    }

    #[test]
    fn a_bare_value_needs_code_after_the_scheme() {
        assert!(script_url(b"javascript:alert(1)", false));
        assert!(script_url(b"javascript:name", false));
        assert!(script_url(b"javascript: alert`1`", false));
        assert!(!script_url(b"JavaScript: The Good Parts (2008)", false));
        assert!(!script_url(b"javascript:", false));
    }

    #[test]
    fn css_that_runs_script_is_found_under_escapes_and_comments() {
        for css in [
            "width: expression(alert(1))",
            "x:exp/**/ression(alert(1))",
            "x:\\65 xpression(alert(1))",
            "background:url( 'javascript:alert(1)')",
            "behavior: url(x.htc)",
            "-moz-binding:url(x.xml#xss)",
            "x:expression&#40;alert(1))",
        ] {
            assert!(style_runs_script(css.as_bytes()), "{css}");
        }
        for css in [
            "color: red; background: url(/img/a.png)",
            "font-family: 'Helvetica', sans-serif",
            "regular expression(s) are fun",
        ] {
            assert!(!style_runs_script(css.as_bytes()), "{css}");
        }
    }

    #[test]
    fn unknown_on_attributes_count_only_in_tags_the_value_wrote() {
        assert!(event_handler(b"onerror", false));
        assert!(event_handler(b"ONMOUSEOVER", false));
        assert!(event_handler(b"onfuturething", true));
        assert!(!event_handler(b"onfuturething", false));
        assert!(!event_handler(b"once", true));
        assert!(!event_handler(b"on", true));
        assert!(!event_handler(b"one1", true));
    }
}
