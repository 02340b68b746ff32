//! The HTML tokenizer behind [`super::xss`]: the parts of the HTML
//! standard's tokenizer
//! (<https://html.spec.whatwg.org/multipage/parsing.html#tokenization>)
//! that decide what a browser makes of markup in a value: start tags,
//! their attributes with raw values, and comments (`<!doctype …>`, `<?…>`
//! and other bogus comments included). Text and end tags are skipped.
//!
//! Deliberate departures from the standard, all towards seeing more:
//! - no raw-text elements: markup inside `<textarea>`, `<title>`,
//!   `<noscript>` … is read as markup, so a payload that only escapes such
//!   an element on a second parse is still seen;
//! - `<` followed by a letter inside a tag name or between attributes
//!   starts a new tag, so `<scr<script>ipt>` shows the `<script>` a
//!   filter would leave behind once it removed the inner one.

/// Where in a page the value is assumed to land.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum HtmlContext {
    /// Between tags: `<p>VALUE</p>`.
    Text,
    /// `<input value=VALUE>`.
    UnquotedValue,
    /// `<input value='VALUE'>`.
    SingleQuotedValue,
    /// `<input value="VALUE">`.
    DoubleQuotedValue,
}

impl HtmlContext {
    pub fn name(self) -> &'static str {
        match self {
            HtmlContext::Text => "text",
            HtmlContext::UnquotedValue => "unquoted attribute",
            HtmlContext::SingleQuotedValue => "'attribute'",
            HtmlContext::DoubleQuotedValue => "\"attribute\"",
        }
    }
}

/// What the tokenizer saw.
#[derive(Debug, Clone, Copy, PartialEq, Eq)]
pub enum Event<'a> {
    /// `<name`: a start tag begins.
    StartTag(&'a [u8]),
    /// An attribute of the current tag, its value raw (character references
    /// not decoded); `None` without `=`. The name is empty for the value the
    /// input starts in (the attribute contexts).
    Attr {
        name: &'a [u8],
        value: Option<&'a [u8]>,
    },
    /// The start tag (or the tag around an attribute context) ended, with
    /// `>` or at the end of input.
    TagEnd,
    /// `<!-- … -->`, or a bogus comment (`<!…>`, `<?…>`, `</ …>`): its body.
    Comment(&'a [u8]),
}

#[derive(Debug, Clone, Copy, PartialEq, Eq)]
enum State {
    Begin(HtmlContext),
    Data,
    /// Inside a tag; `emit` is false for end tags, whose attributes matter
    /// only for finding where they end.
    InTag {
        emit: bool,
    },
}

/// Iterates over the [`Event`]s of one reading of the input.
pub struct HtmlLexer<'a> {
    s: &'a [u8],
    pos: usize,
    state: State,
}

fn is_space(b: u8) -> bool {
    matches!(b, b' ' | b'\t' | b'\n' | b'\x0c' | b'\r')
}

impl<'a> HtmlLexer<'a> {
    pub fn new(input: &'a [u8], context: HtmlContext) -> HtmlLexer<'a> {
        HtmlLexer {
            s: input,
            pos: 0,
            state: State::Begin(context),
        }
    }

    fn at(&self, i: usize) -> Option<u8> {
        self.s.get(i).copied()
    }

    fn slice(&self, from: usize, to: usize) -> &'a [u8] {
        self.s.get(from..to).unwrap_or_default()
    }

    fn scan_to(&self, from: usize, pred: impl Fn(u8) -> bool) -> usize {
        self.s
            .get(from..)
            .and_then(|r| r.iter().position(|&b| pred(b)))
            .map_or(self.s.len(), |i| from + i)
    }

    /// `<` then a letter: a tag starts here.
    fn tag_starts(&self, i: usize) -> bool {
        self.at(i) == Some(b'<') && self.at(i + 1).is_some_and(|b| b.is_ascii_alphabetic())
    }

    fn skip_space(&mut self) {
        self.pos = self.scan_to(self.pos, |b| !is_space(b));
    }

    /// A quoted value whose body starts at `from`; moves past the quote.
    fn quoted(&mut self, from: usize, quote: u8) -> &'a [u8] {
        let end = self.scan_to(from, |b| b == quote);
        self.pos = (end + 1).min(self.s.len());
        self.slice(from, end)
    }

    fn unquoted(&mut self, from: usize) -> &'a [u8] {
        let end = self.scan_to(from, |b| is_space(b) || b == b'>');
        self.pos = end;
        self.slice(from, end)
    }

    /// Up to the next `>` (or the end): the body of a bogus comment.
    fn bogus_comment(&mut self, from: usize) -> Event<'a> {
        let end = self.scan_to(from, |b| b == b'>');
        self.pos = (end + 1).min(self.s.len());
        Event::Comment(self.slice(from, end))
    }

    /// `<!--` seen; the body starts at `from`.
    fn comment(&mut self, from: usize) -> Event<'a> {
        // `<!-->` and `<!--->` are empty comments that end right there.
        if self.at(from) == Some(b'>') {
            self.pos = from + 1;
            return Event::Comment(b"");
        }
        if self.at(from) == Some(b'-') && self.at(from + 1) == Some(b'>') {
            self.pos = from + 2;
            return Event::Comment(b"");
        }
        let mut i = from;
        loop {
            let dashes = self.scan_to(i, |b| b == b'-');
            if dashes >= self.s.len() {
                self.pos = self.s.len();
                return Event::Comment(self.slice(from, self.s.len()));
            }
            if self.at(dashes + 1) == Some(b'-') {
                // `-->` or `--!>`
                let close = match (self.at(dashes + 2), self.at(dashes + 3)) {
                    (Some(b'>'), _) => Some(dashes + 3),
                    (Some(b'!'), Some(b'>')) => Some(dashes + 4),
                    _ => None,
                };
                if let Some(end) = close {
                    self.pos = end;
                    return Event::Comment(self.slice(from, dashes));
                }
            }
            i = dashes + 1;
        }
    }

    /// The next event in text; `None` at the end of input, or on entering
    /// an end tag.
    fn data(&mut self) -> Option<Event<'a>> {
        loop {
            let lt = self.scan_to(self.pos, |b| b == b'<');
            if lt >= self.s.len() {
                self.pos = self.s.len();
                return None;
            }
            match self.at(lt + 1) {
                Some(b) if b.is_ascii_alphabetic() => {
                    let end = self.tag_name_end(lt + 1);
                    self.pos = end;
                    self.state = State::InTag { emit: true };
                    return Some(Event::StartTag(self.slice(lt + 1, end)));
                }
                Some(b'/') if self.at(lt + 2).is_some_and(|b| b.is_ascii_alphabetic()) => {
                    self.pos = self.tag_name_end(lt + 2);
                    self.state = State::InTag { emit: false };
                    return None;
                }
                Some(b'/') => {
                    if self.at(lt + 2) == Some(b'>') {
                        self.pos = lt + 3;
                    } else {
                        return Some(self.bogus_comment(lt + 2));
                    }
                }
                Some(b'!') => {
                    if self.at(lt + 2) == Some(b'-') && self.at(lt + 3) == Some(b'-') {
                        return Some(self.comment(lt + 4));
                    }
                    return Some(self.bogus_comment(lt + 2));
                }
                Some(b'?') => return Some(self.bogus_comment(lt + 1)),
                _ => self.pos = lt + 1,
            }
        }
    }

    fn tag_name_end(&self, from: usize) -> usize {
        let mut i = from;
        while let Some(b) = self.at(i) {
            if is_space(b) || b == b'/' || b == b'>' || (i > from && self.tag_starts(i)) {
                break;
            }
            i += 1;
        }
        i
    }

    /// The next attribute of the tag, or its end.
    fn in_tag(&mut self, emit: bool) -> Option<Event<'a>> {
        loop {
            self.pos = self.scan_to(self.pos, |b| !is_space(b) && b != b'/');
            let end_tag = |lx: &mut Self| {
                lx.state = State::Data;
                emit.then_some(Event::TagEnd)
            };
            match self.at(self.pos) {
                None => return end_tag(self),
                Some(b'>') => {
                    self.pos += 1;
                    return end_tag(self);
                }
                Some(_) if self.tag_starts(self.pos) => return end_tag(self),
                Some(_) => {}
            }
            let start = self.pos;
            // The first character is always part of the name, even `=`.
            let mut end = start + 1;
            while let Some(b) = self.at(end) {
                if is_space(b) || matches!(b, b'/' | b'>' | b'=') || self.tag_starts(end) {
                    break;
                }
                end += 1;
            }
            let name = self.slice(start, end);
            self.pos = end;
            self.skip_space();
            let value = if self.at(self.pos) == Some(b'=') {
                self.pos += 1;
                self.skip_space();
                Some(match self.at(self.pos) {
                    Some(q @ (b'"' | b'\'')) => self.quoted(self.pos + 1, q),
                    _ => self.unquoted(self.pos),
                })
            } else {
                None
            };
            if emit {
                return Some(Event::Attr { name, value });
            }
        }
    }
}

impl<'a> Iterator for HtmlLexer<'a> {
    type Item = Event<'a>;

    fn next(&mut self) -> Option<Event<'a>> {
        loop {
            match self.state {
                State::Begin(context) => {
                    self.state = State::InTag { emit: true };
                    let value = match context {
                        HtmlContext::Text => {
                            self.state = State::Data;
                            continue;
                        }
                        HtmlContext::UnquotedValue => self.unquoted(0),
                        HtmlContext::SingleQuotedValue => self.quoted(0, b'\''),
                        HtmlContext::DoubleQuotedValue => self.quoted(0, b'"'),
                    };
                    return Some(Event::Attr {
                        name: b"",
                        value: Some(value),
                    });
                }
                State::Data => {
                    if let Some(event) = self.data() {
                        return Some(event);
                    }
                    if self.state == State::Data {
                        return None;
                    }
                }
                State::InTag { emit } => {
                    if let Some(event) = self.in_tag(emit) {
                        return Some(event);
                    }
                }
            }
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;
    use Event::*;

    fn events(input: &str, context: HtmlContext) -> Vec<Event<'_>> {
        HtmlLexer::new(input.as_bytes(), context).collect()
    }

    fn attr<'a>(name: &'a str, value: Option<&'a str>) -> Event<'a> {
        Attr {
            name: name.as_bytes(),
            value: value.map(str::as_bytes),
        }
    }

    #[test]
    fn tags_attributes_and_their_value_forms() {
        assert_eq!(
            events(
                r#"hi <img src=x alt='a b' title="c>d" hidden/> there"#,
                HtmlContext::Text
            ),
            [
                StartTag(b"img"),
                attr("src", Some("x")),
                attr("alt", Some("a b")),
                attr("title", Some("c>d")),
                attr("hidden", None),
                TagEnd
            ]
        );
    }

    #[test]
    fn a_slash_separates_the_tag_name_from_an_attribute() {
        assert_eq!(
            events("<svg/onload=alert(1)>", HtmlContext::Text),
            [StartTag(b"svg"), attr("onload", Some("alert(1)")), TagEnd]
        );
    }

    #[test]
    fn text_that_only_looks_like_markup_is_text() {
        assert_eq!(events("a < b, I <3 you, x<>y", HtmlContext::Text), []);
    }

    #[test]
    fn end_tags_are_skipped_with_their_attributes() {
        assert_eq!(
            events("</a title='>'><b>", HtmlContext::Text),
            [StartTag(b"b"), TagEnd]
        );
    }

    #[test]
    fn comments_end_where_browsers_end_them() {
        assert_eq!(
            events("<!--><img src=x>-->", HtmlContext::Text),
            [
                Comment(b""),
                StartTag(b"img"),
                attr("src", Some("x")),
                TagEnd
            ]
        );
        assert_eq!(
            events(
                "<!-- a -- b --!><?xml x?><!doctype html>",
                HtmlContext::Text
            ),
            [
                Comment(b" a -- b "),
                Comment(b"?xml x?"),
                Comment(b"doctype html")
            ]
        );
    }

    #[test]
    fn a_nested_tag_start_ends_the_outer_one() {
        assert_eq!(
            events("<scr<script>ipt>", HtmlContext::Text),
            [StartTag(b"scr"), TagEnd, StartTag(b"script"), TagEnd]
        );
    }

    #[test]
    fn attribute_contexts_start_inside_a_value() {
        assert_eq!(
            events("x' onmouseover='alert(1)", HtmlContext::SingleQuotedValue),
            [
                attr("", Some("x")),
                attr("onmouseover", Some("alert(1)")),
                TagEnd
            ]
        );
        assert_eq!(
            events("\"><b>", HtmlContext::DoubleQuotedValue),
            [attr("", Some("")), TagEnd, StartTag(b"b"), TagEnd]
        );
        assert_eq!(
            events("a onclick=f()", HtmlContext::UnquotedValue),
            [attr("", Some("a")), attr("onclick", Some("f()")), TagEnd]
        );
    }

    #[test]
    fn a_tag_cut_off_by_the_end_of_input_still_ends() {
        assert_eq!(
            events("<script src=//x", HtmlContext::Text),
            [StartTag(b"script"), attr("src", Some("//x")), TagEnd]
        );
    }
}
