//! ふりがな for the pages clients read. A message marks a reading the way Japanese
//! e-texts do (青空文庫's notation): `｜睡眠《すいみん》`; `ruby` turns it into
//! `<ruby>睡眠<rp>(</rp><rt>すいみん</rt><rp>)</rp></ruby>` after escaping everything else, so
//! a message is still plain text where no ruby is wanted (`plain`).

/// The message as HTML, escaped, with its readings as `<ruby>`.
pub fn ruby(text: &str) -> String {
    let mut out = String::with_capacity(text.len() * 2);
    let mut rest = text;
    while let Some(start) = rest.find('｜') {
        let after = &rest[start + '｜'.len_utf8()..];
        let Some((base, reading_and_rest)) = after.split_once('《') else {
            break;
        };
        let Some((reading, tail)) = reading_and_rest.split_once('》') else {
            break;
        };
        if base.is_empty() || base.contains('｜') || reading.is_empty() {
            break;
        }
        escape_into(&mut out, &rest[..start]);
        out.push_str("<ruby>");
        escape_into(&mut out, base);
        out.push_str("<rp>(</rp><rt>");
        escape_into(&mut out, reading);
        out.push_str("</rt><rp>)</rp></ruby>");
        rest = tail;
    }
    escape_into(&mut out, rest);
    out
}

/// The message as plain text, readings dropped (for titles, attributes and email).
pub fn plain(text: &str) -> String {
    let mut out = String::with_capacity(text.len());
    let mut rest = text;
    while let Some(start) = rest.find('｜') {
        let after = &rest[start + '｜'.len_utf8()..];
        let Some((base, reading_and_rest)) = after.split_once('《') else {
            break;
        };
        let Some((_, tail)) = reading_and_rest.split_once('》') else {
            break;
        };
        out.push_str(&rest[..start]);
        out.push_str(base);
        rest = tail;
    }
    out.push_str(rest);
    out
}

fn escape_into(out: &mut String, text: &str) {
    for c in text.chars() {
        match c {
            '<' => out.push_str("&lt;"),
            '>' => out.push_str("&gt;"),
            '&' => out.push_str("&amp;"),
            '"' => out.push_str("&quot;"),
            '\'' => out.push_str("&#39;"),
            c => out.push(c),
        }
    }
}

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn readings_become_ruby_and_the_rest_is_escaped() {
        assert_eq!(
            ruby("よく｜眠《ねむ》れましたか"),
            "よく<ruby>眠<rp>(</rp><rt>ねむ</rt><rp>)</rp></ruby>れましたか"
        );
        assert_eq!(
            ruby("<b>｜体調《たいちょう》</b>"),
            "&lt;b&gt;<ruby>体調<rp>(</rp><rt>たいちょう</rt><rp>)</rp></ruby>&lt;/b&gt;"
        );
        assert_eq!(ruby("How did you sleep?"), "How did you sleep?");
        // An unfinished mark is left as text, escaped.
        assert_eq!(ruby("｜睡眠《すい"), "｜睡眠《すい");
        assert_eq!(plain("よく｜眠《ねむ》れた｜日《ひ》"), "よく眠れた日");
    }
}
