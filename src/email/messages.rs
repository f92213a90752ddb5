//! The words of every email, as template files a translator can change without touching
//! Rust: `templates/email/<name>.<lang>.txt`, one per email and language (askama, plain
//! text: nothing is HTML-escaped). Files starting with `_` are parts shared by several
//! emails (`{% include %}`).
//!
//! A template's first line is the subject; after one empty line comes the body (like a
//! message's header and body). [`Rendered`] splits them; the body always ends with one line
//! break. Each email is a typed struct here holding the values its templates show, already
//! written for people (a date and time in Japan time, in the email's language); the callers
//! (`web::intake::inquiry_form`, `web::intake::tour_mail`) pick the language, which is the
//! recipient's.

use askama::Template;

use crate::i18n::Lang;

/// An email's subject and plain-text body.
#[derive(Debug, Clone, PartialEq, Eq)]
pub struct Rendered {
    pub subject: String,
    pub body: String,
}

impl Rendered {
    /// The first line is the subject, then an empty line, then the body.
    fn split(text: &str) -> Result<Rendered, askama::Error> {
        let (subject, rest) = text.split_once('\n').unwrap_or((text, ""));
        let body = rest
            .strip_prefix('\n')
            .or_else(|| rest.strip_prefix("\r\n"))
            .ok_or_else(|| {
                askama::Error::custom(
                    "an email template's subject line must be followed by an empty line",
                )
            })?;
        let subject = subject.trim();
        if subject.is_empty() {
            return Err(askama::Error::custom(
                "an email template's subject is empty",
            ));
        }
        Ok(Rendered {
            subject: subject.to_string(),
            body: format!("{}\n", body.trim_end()),
        })
    }
}

/// Declares the Japanese and English template of an email struct and its `render(lang)`.
/// The wrappers dereference to the struct, so a template names its fields directly.
macro_rules! email_templates {
    ($($email:ident => $ja:tt, $en:tt;)*) => {$(
        impl $email {
            /// The subject and body in `lang`.
            pub fn render(&self, lang: Lang) -> Result<Rendered, askama::Error> {
                #[derive(Template)]
                #[template(path = $ja, escape = "none")]
                struct Ja<'a>(&'a $email);
                #[derive(Template)]
                #[template(path = $en, escape = "none")]
                struct En<'a>(&'a $email);
                impl std::ops::Deref for Ja<'_> {
                    type Target = $email;
                    fn deref(&self) -> &$email {
                        self.0
                    }
                }
                impl std::ops::Deref for En<'_> {
                    type Target = $email;
                    fn deref(&self) -> &$email {
                        self.0
                    }
                }
                let text = match lang {
                    Lang::Ja => Ja(self).render()?,
                    Lang::En => En(self).render()?,
                };
                Rendered::split(&text)
            }
        }
    )*};
}

email_templates! {
    InquiryReceived => "email/inquiry_received.ja.txt", "email/inquiry_received.en.txt";
    InquiryNotice => "email/inquiry_notice.ja.txt", "email/inquiry_notice.en.txt";
    TourConfirmed => "email/tour_confirmed.ja.txt", "email/tour_confirmed.en.txt";
    TourReminder => "email/tour_reminder.ja.txt", "email/tour_reminder.en.txt";
    TourMoved => "email/tour_moved.ja.txt", "email/tour_moved.en.txt";
    TourCancelled => "email/tour_cancelled.ja.txt", "email/tour_cancelled.en.txt";
    PortalInvite => "email/portal_invite.ja.txt", "email/portal_invite.en.txt";
    PortalSignInLink => "email/portal_sign_in_link.ja.txt", "email/portal_sign_in_link.en.txt";
    NoteNew => "email/note_new.ja.txt", "email/note_new.en.txt";
}

/// An invitation to the portal (to a client or an employer contact), or to a staff account
/// (the staff member sets their own password). Nothing about the person's health or
/// disability, and no client name: only who invites, the link, the sign-in ID and until
/// when the link works.
#[derive(Debug, Clone)]
pub struct PortalInvite {
    pub office_name: String,
    pub office_phone: String,
    /// `client`, `employer` or `staff`.
    pub kind: &'static str,
    pub url: String,
    pub login: String,
    /// The last moment the link works, written for people (Japan time).
    pub expires: String,
}

/// A one-time sign-in link asked for on the portal's sign-in page.
#[derive(Debug, Clone)]
pub struct PortalSignInLink {
    pub url: String,
    pub minutes: i64,
}

/// To the sender of an inquiry from the public form: we received it, and how to reach us.
#[derive(Debug, Clone)]
pub struct InquiryReceived {
    pub office_name: String,
    pub office_phone: String,
    /// `tour` or `question` (`domain::inquiry`).
    pub kind: String,
    /// The tour time asked for, written for people, not yet confirmed.
    pub requested_slot: Option<String>,
}

/// To the office: a new inquiry arrived. No personal details, only where to look.
#[derive(Debug, Clone)]
pub struct InquiryNotice {
    /// `tour` or `question`.
    pub kind: String,
    /// The inquiry's page is `/inquiries/{inquiry_id}`.
    pub inquiry_id: i64,
}

/// What every tour email says about the visit.
#[derive(Debug, Clone)]
pub struct Visit {
    /// The visitor's name.
    pub name: String,
    /// Date and time in Japan time, in the email's language (`domain::tour::label_ja`/`_en`).
    pub when: String,
    pub office_name: String,
    pub prefecture: String,
    pub address: String,
    /// Empty when the office has not given one.
    pub nearest_station: String,
    /// The slot's meeting point; may be empty.
    pub place_note: String,
    pub office_phone: String,
}

/// The visit is confirmed: when, where, what to bring.
#[derive(Debug, Clone)]
pub struct TourConfirmed {
    pub visit: Visit,
    /// A reminder follows on the morning of the day before.
    pub with_reminder: bool,
}

/// The reminder, sent on the morning of the day before.
#[derive(Debug, Clone)]
pub struct TourReminder {
    pub visit: Visit,
}

/// The visit moved; `visit` is the new time.
#[derive(Debug, Clone)]
pub struct TourMoved {
    pub visit: Visit,
    /// The previous date and time, written like `visit.when`.
    pub before: String,
}

/// The visit is cancelled.
#[derive(Debug, Clone)]
pub struct TourCancelled {
    pub visit: Visit,
}

/// To a reader of a client's 連絡帳: there is a new message. Only that, and where to sign
/// in: never the message, the client's name, or anything about health or disability.
#[derive(Debug, Clone)]
pub struct NoteNew {
    /// The page to open after signing in (absolute when the public URL is configured).
    pub link: String,
}

#[cfg(test)]
mod tests {
    use super::*;
    use crate::domain::tour::{label_en, label_ja};
    use time::macros::datetime;

    const LANGS: [Lang; 2] = [Lang::Ja, Lang::En];

    /// A name and an address with the characters HTML would escape.
    fn visit(lang: Lang) -> Visit {
        // 14:00–15:30 Japan time is 05:00–06:30 UTC.
        let (s, e) = (
            datetime!(2026-12-03 05:00 UTC),
            datetime!(2026-12-03 06:30 UTC),
        );
        Visit {
            name: "田中 & <花子>".into(),
            when: match lang {
                Lang::Ja => label_ja(s, e),
                Lang::En => label_en(s, e),
            },
            office_name: "西船橋 \"みらい\"".into(),
            prefecture: "千葉県".into(),
            address: "船橋市西船4-1 A&Bビル".into(),
            nearest_station: "西船橋駅".into(),
            place_note: "3階の受付へ <エレベーター>".into(),
            office_phone: "047-000-0000".into(),
        }
    }

    fn render_all(lang: Lang) -> Vec<(&'static str, Rendered)> {
        let v = visit(lang);
        let ok = |r: Result<Rendered, askama::Error>| r.expect("renders");
        vec![
            (
                "confirmed",
                ok(TourConfirmed {
                    visit: v.clone(),
                    with_reminder: true,
                }
                .render(lang)),
            ),
            (
                "reminder",
                ok(TourReminder { visit: v.clone() }.render(lang)),
            ),
            (
                "moved",
                ok(TourMoved {
                    visit: v.clone(),
                    before: "BEFORE-LABEL".into(),
                }
                .render(lang)),
            ),
            ("cancelled", ok(TourCancelled { visit: v }.render(lang))),
        ]
    }

    /// Every line that is not a value: nothing HTML-escaped, one subject line, one line
    /// break at the end.
    fn assert_plain(what: &str, r: &Rendered) {
        for text in [&r.subject, &r.body] {
            for escaped in ["&amp;", "&lt;", "&gt;", "&quot;", "&#"] {
                assert!(!text.contains(escaped), "{what}: {escaped} in\n{text}");
            }
            assert!(
                !text.contains("{{") && !text.contains("{%"),
                "{what}: {text}"
            );
        }
        assert!(!r.subject.contains('\n'), "{what}: {}", r.subject);
        assert!(
            r.body.ends_with('\n') && !r.body.ends_with("\n\n"),
            "{what}: {:?}",
            r.body
        );
    }

    #[test]
    fn tour_emails_name_the_visitor_time_place_and_office_in_both_languages() {
        for lang in LANGS {
            for (what, r) in render_all(lang) {
                let what = format!("{what} {lang:?}");
                assert_plain(&what, &r);
                let b = &r.body;
                assert!(
                    r.subject.contains("西船橋 \"みらい\""),
                    "{what}: {}",
                    r.subject
                );
                assert!(
                    b.contains("田中 & <花子>"),
                    "{what}: the name as typed\n{b}"
                );
                assert!(
                    b.contains("047-000-0000"),
                    "{what}: the office's phone\n{b}"
                );
                let when = match lang {
                    Lang::Ja => "2026年12月3日（木）14:00〜15:30",
                    Lang::En => "Thu 3 Dec 2026, 14:00–15:30",
                };
                assert!(b.contains(when), "{what}: Japan time\n{b}");
                match lang {
                    Lang::Ja => {
                        assert!(b.starts_with("田中 & <花子> 様\n\n"), "{what}\n{b}");
                        assert!(b.contains("心当たりがない"), "{what}\n{b}");
                    }
                    Lang::En => {
                        assert!(b.starts_with("Dear 田中 & <花子>,\n\n"), "{what}\n{b}");
                        assert!(b.contains("please ignore this email"), "{what}\n{b}");
                    }
                }
                let details = !what.starts_with("cancelled");
                assert_eq!(
                    b.contains("千葉県 船橋市西船4-1 A&Bビル"),
                    details,
                    "{what}\n{b}"
                );
                assert_eq!(b.contains("西船橋駅"), details, "{what}\n{b}");
                assert_eq!(
                    b.contains("3階の受付へ <エレベーター>"),
                    details,
                    "{what}\n{b}"
                );
                assert_eq!(
                    b.contains("BEFORE-LABEL"),
                    what.starts_with("moved"),
                    "{what}"
                );
            }
        }
    }

    #[test]
    fn the_confirmation_says_whether_a_reminder_follows() {
        for (lang, follows) in [
            (Lang::Ja, "前日の朝"),
            (Lang::En, "reminder on the morning"),
        ] {
            let mut v = visit(lang);
            v.nearest_station.clear();
            v.place_note.clear();
            let with = TourConfirmed {
                visit: v.clone(),
                with_reminder: true,
            }
            .render(lang)
            .expect("renders");
            let without = TourConfirmed {
                visit: v,
                with_reminder: false,
            }
            .render(lang)
            .expect("renders");
            assert!(with.body.contains(follows), "{}", with.body);
            assert!(!without.body.contains(follows), "{}", without.body);
            // No empty label lines for what the office did not give.
            for label in ["最寄り駅", "集合場所", "Nearest station", "Meeting point"] {
                assert!(!without.body.contains(label), "{label}\n{}", without.body);
            }
            assert!(!without.body.contains("\n\n\n"), "{}", without.body);
        }
    }

    #[test]
    fn the_japanese_confirmation_reads_as_before() {
        let mut v = visit(Lang::Ja);
        v.name = "見学 花子".into();
        v.office_name = "西船橋".into();
        v.address = "船橋市西船4-1".into();
        v.place_note.clear();
        let r = TourConfirmed {
            visit: v,
            with_reminder: false,
        }
        .render(Lang::Ja)
        .expect("renders");
        assert_eq!(r.subject, "【定着】見学の日時が決まりました（西船橋）");
        assert_eq!(
            r.body,
            "見学 花子 様\n\n\
             見学のお申し込みありがとうございます。次の日時でお待ちしています。\n\n\
             日時: 2026年12月3日（木）14:00〜15:30\n\
             場所: 西船橋（千葉県 船橋市西船4-1）\n\
             最寄り駅: 西船橋駅\n\n\
             お持ちいただくもの:\n\
             ・筆記用具（メモを取りたいときに）\n\
             ・受給者証や障害者手帳（お持ちの方のみ。なくても見学できます）\n\
             ・通っている病院や支援機関の名前がわかるもの（あれば）\n\
             動きやすいふだんの服装でお越しください。ご家族や支援者の方とご一緒でもかまいません。\n\n\
             ご都合が悪くなったときや、わからないことがあるときは、お電話でご連絡ください。\n\
             西船橋 047-000-0000\n\n\
             このメールに心当たりがないときは、お手数ですが破棄してください。\n"
        );
    }

    #[test]
    fn the_inquiry_confirmation_names_the_office_and_the_unconfirmed_time() {
        for lang in LANGS {
            let tour = InquiryReceived {
                office_name: "A&B <就労>".into(),
                office_phone: "03-0000-0000".into(),
                kind: "tour".into(),
                requested_slot: Some("SLOT-LABEL".into()),
            }
            .render(lang)
            .expect("renders");
            assert_plain("received", &tour);
            let b = &tour.body;
            assert!(
                b.contains("A&B <就労>") && b.contains("03-0000-0000"),
                "{b}"
            );
            assert!(b.contains("SLOT-LABEL"), "{b}");
            let (kind, not_yet, subject) = match lang {
                Lang::Ja => (
                    "ご用件: 見学したい\n",
                    "まだ確定していません",
                    "【定着】お問い合わせを受け付けました",
                ),
                Lang::En => (
                    "What for: I would like to visit\n",
                    "not confirmed yet",
                    "We received your message",
                ),
            };
            assert!(b.contains(kind) && b.contains(not_yet), "{b}");
            assert_eq!(tour.subject, subject);

            let question = InquiryReceived {
                kind: "question".into(),
                requested_slot: None,
                office_name: "A&B <就労>".into(),
                office_phone: "03-0000-0000".into(),
            }
            .render(lang)
            .expect("renders");
            assert_plain("received", &question);
            let b = &question.body;
            assert!(!b.contains(not_yet) && !b.contains(kind), "{b}");
            assert!(
                b.contains("質問したい") || b.contains("I have a question"),
                "{b}"
            );
        }
    }

    #[test]
    fn the_japanese_inquiry_confirmation_reads_as_before() {
        let r = InquiryReceived {
            office_name: "西船橋".into(),
            office_phone: "047-000-0000".into(),
            kind: "tour".into(),
            requested_slot: Some("2026年12月3日（木）14:00〜15:30".into()),
        }
        .render(Lang::Ja)
        .expect("renders");
        assert_eq!(
            r.body,
            "お問い合わせありがとうございます。担当者から2営業日以内にご連絡します。\n\n\
             事業所: 西船橋\n\
             ご用件: 見学したい\n\
             見学の日時: 2026年12月3日（木）14:00〜15:30\n\
             （この日時はまだ確定していません。担当者からのご連絡で確定します。）\n\
             電話番号: 047-000-0000\n\n\
             このメールに心当たりがないときは、お手数ですが破棄してください。\n"
        );
    }

    #[test]
    fn the_office_notice_links_the_inquiry_and_names_no_one() {
        for (lang, subject) in [
            (Lang::Ja, "新しいお問い合わせがあります（質問したい）"),
            (Lang::En, "A new inquiry (I have a question)"),
        ] {
            let r = InquiryNotice {
                kind: "question".into(),
                inquiry_id: 42,
            }
            .render(lang)
            .expect("renders");
            assert_plain("notice", &r);
            assert_eq!(r.subject, subject);
            assert!(r.body.ends_with("\n/inquiries/42\n"), "{}", r.body);
        }
    }

    #[test]
    fn a_template_without_the_empty_line_after_its_subject_is_an_error() {
        assert!(Rendered::split("件名\n本文").is_err());
        assert!(Rendered::split("\n\n本文").is_err());
        assert_eq!(
            Rendered::split("件名\n\n本文\n\n\n").ok(),
            Some(Rendered {
                subject: "件名".into(),
                body: "本文\n".into()
            })
        );
    }
}
