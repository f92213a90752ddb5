//! セルフチェック: the library of items (a short question in plain Japanese with ふりがな,
//! and in English), the scores, the daily form, the trends and the supporter's page. Slots
//! such as `{days}` are filled by the code.

/// (key, 日本語, English)
pub const MESSAGES: &[(&str, &str, &str)] = &[
    // The library (domain::selfcheck::LIBRARY). Every question is asked so that 4 is good.
    ("selfcheck.lib.sleep.label", "｜睡眠《すいみん》", "Sleep"),
    (
        "selfcheck.lib.sleep.question",
        "よく ｜眠《ねむ》れましたか",
        "Did you sleep well?",
    ),
    (
        "selfcheck.lib.condition.label",
        "｜体調《たいちょう》",
        "Physical condition",
    ),
    (
        "selfcheck.lib.condition.question",
        "からだの ｜調子《ちょうし》は どうですか",
        "How is your body feeling?",
    ),
    ("selfcheck.lib.mood.label", "｜気分《きぶん》", "Mood"),
    (
        "selfcheck.lib.mood.question",
        "｜気持《きも》ちは おだやかですか",
        "Do you feel calm and settled?",
    ),
    (
        "selfcheck.lib.medication.label",
        "｜服薬《ふくやく》",
        "Medication",
    ),
    (
        "selfcheck.lib.medication.question",
        "｜薬《くすり》を きまりどおり ｜飲《の》めましたか",
        "Did you take your medicine as planned?",
    ),
    ("selfcheck.lib.meals.label", "｜食事《しょくじ》", "Meals"),
    (
        "selfcheck.lib.meals.question",
        "ごはんを しっかり ｜食《た》べましたか",
        "Did you eat properly?",
    ),
    (
        "selfcheck.lib.mistakes.label",
        "ミスの ｜確認《かくにん》",
        "Checking for mistakes",
    ),
    (
        "selfcheck.lib.mistakes.question",
        "｜仕事《しごと》の ミスを ｜確《たし》かめられましたか",
        "Could you check your work for mistakes?",
    ),
    (
        "selfcheck.lib.reporting.label",
        "｜報連相《ほうれんそう》",
        "Reporting and asking",
    ),
    (
        "selfcheck.lib.reporting.question",
        "｜報告《ほうこく》・｜連絡《れんらく》・｜相談《そうだん》が できましたか",
        "Could you report, keep others informed and ask for help?",
    ),
    (
        "selfcheck.lib.commute.label",
        "｜通勤《つうきん》",
        "Commute",
    ),
    (
        "selfcheck.lib.commute.question",
        "｜通勤《つうきん》は らくでしたか",
        "Was your commute manageable?",
    ),
    (
        "selfcheck.lib.tiredness.label",
        "｜疲《つか》れ",
        "Tiredness",
    ),
    (
        "selfcheck.lib.tiredness.question",
        "｜疲《つか》れは ｜残《のこ》っていませんか（よい ＝ ｜疲《つか》れていない）",
        "Are you free of tiredness? (good = not tired)",
    ),
    (
        "selfcheck.lib.people.label",
        "｜人間関係《にんげんかんけい》",
        "People at work",
    ),
    (
        "selfcheck.lib.people.question",
        "｜職場《しょくば》の ｜人《ひと》と うまく やれましたか",
        "Did things go well with the people at work?",
    ),
    // Scores 1–4.
    ("selfcheck.score.1", "よくない", "Not good"),
    ("selfcheck.score.2", "すこし よくない", "A bit low"),
    ("selfcheck.score.3", "まあまあ", "OK"),
    ("selfcheck.score.4", "よい", "Good"),
    // The daily check.
    (
        "selfcheck.check.title",
        "きょうの セルフチェック",
        "Today's self-check",
    ),
    (
        "selfcheck.check.intro",
        "それぞれ ひとつ えらんでください。1 は よくない、4 は よい です。",
        "Choose one for each. 1 is not good, 4 is good.",
    ),
    (
        "selfcheck.check.comment",
        "ひとこと（なくても ｜大丈夫《だいじょうぶ》）",
        "A few words (optional)",
    ),
    (
        "selfcheck.check.comment_hint",
        "400 ｜文字《もじ》まで",
        "Up to 400 characters",
    ),
    ("selfcheck.check.send", "おくる", "Send"),
    (
        "selfcheck.check.thanks",
        "おくってくれて ありがとう。きょうの こたえは ｜下《した》の とおりです。",
        "Thank you for sending. Here are today's answers.",
    ),
    (
        "selfcheck.check.done_today",
        "きょうは もう おくりました。",
        "You have sent today's check.",
    ),
    (
        "selfcheck.check.answers",
        "きょうの こたえ",
        "Today's answers",
    ),
    (
        "selfcheck.check.your_comment",
        "あなたの ひとこと",
        "Your words",
    ),
    (
        "selfcheck.check.comments",
        "これまでの ひとこと と ｜返事《へんじ》",
        "Your recent words and the replies",
    ),
    (
        "selfcheck.check.reply_from",
        "｜返事《へんじ》：",
        "Reply from",
    ),
    (
        "selfcheck.check.edit",
        "こたえを なおす",
        "Change today's answers",
    ),
    (
        "selfcheck.check.update_note",
        "きょう もう いちど おくると、こたえが ｜新《あたら》しく なります。",
        "Sending again today replaces today's answers.",
    ),
    (
        "selfcheck.check.no_items",
        "まだ ｜項目《こうもく》が ありません。｜支援者《しえんしゃ》と いっしょに えらびましょう。",
        "There are no items yet. Choose them together with your supporter.",
    ),
    (
        "selfcheck.nav.trend",
        "これまでの ようす（グラフ）",
        "How it has gone (charts)",
    ),
    (
        "selfcheck.nav.items",
        "｜項目《こうもく》を えらぶ",
        "Choose the items",
    ),
    (
        "selfcheck.nav.back_client",
        "この方のページへ戻る",
        "Back to this person's page",
    ),
    (
        "selfcheck.nav.check",
        "きょうの セルフチェックへ",
        "To today's self-check",
    ),
    // Field messages.
    (
        "selfcheck.err.score_missing",
        "ひとつ えらんでください。",
        "Please choose one.",
    ),
    (
        "selfcheck.err.score_range",
        "1 から 4 の どれかを えらんでください。",
        "Please choose one of 1 to 4.",
    ),
    (
        "selfcheck.err.comment_long",
        "400 ｜文字《もじ》までに してください。",
        "Please use 400 characters or fewer.",
    ),
    (
        "selfcheck.err.no_items",
        "｜項目《こうもく》が まだ ありません。",
        "There are no items to check yet.",
    ),
    (
        "selfcheck.err.label_missing",
        "ことばを ｜書《か》いてください。",
        "Please write the item's words.",
    ),
    (
        "selfcheck.err.label_long",
        "30 ｜文字《もじ》までに してください。",
        "Please use 30 characters or fewer.",
    ),
    (
        "selfcheck.err.too_many",
        "｜項目《こうもく》は 8つまでです。ひとつ はずしてから ｜足《た》してください。",
        "At most 8 items: remove one before adding another.",
    ),
    (
        "selfcheck.err.reply_missing",
        "返事を入力してください。",
        "Please write a reply.",
    ),
    (
        "selfcheck.err.reply_long",
        "返事は1000文字までにしてください。",
        "Please keep the reply to 1000 characters.",
    ),
    (
        "selfcheck.err.summary",
        "なおしてほしい ところが あります。",
        "Please check the marked answers.",
    ),
    // The items.
    (
        "selfcheck.items.title",
        "チェックする ｜項目《こうもく》",
        "Items to check",
    ),
    (
        "selfcheck.items.intro",
        "｜支援者《しえんしゃ》と いっしょに えらびます。はずした ｜項目《こうもく》の これまでの ｜記録《きろく》は のこります。",
        "Choose them together with your supporter. The past answers of an item you remove are kept.",
    ),
    (
        "selfcheck.items.current",
        "いまの ｜項目《こうもく》",
        "Current items",
    ),
    ("selfcheck.items.none", "まだ ありません。", "None yet."),
    ("selfcheck.items.up", "うえへ", "Move up"),
    ("selfcheck.items.down", "したへ", "Move down"),
    ("selfcheck.items.remove", "はずす", "Remove"),
    ("selfcheck.items.add", "｜足《た》す", "Add"),
    (
        "selfcheck.items.library",
        "｜項目《こうもく》を ｜足《た》す",
        "Add an item",
    ),
    (
        "selfcheck.items.own",
        "じぶんで きめた ｜項目《こうもく》（30 ｜文字《もじ》まで）",
        "Your own item (up to 30 characters)",
    ),
    (
        "selfcheck.items.own_tag",
        "じぶんの ｜項目《こうもく》",
        "own item",
    ),
    (
        "selfcheck.items.full",
        "｜項目《こうもく》は 8つまでです。",
        "At most 8 items.",
    ),
    // Trends.
    (
        "selfcheck.trend.title",
        "これまでの ようす",
        "How it has gone",
    ),
    ("selfcheck.range.label", "みる ｜期間《きかん》", "Period"),
    ("selfcheck.range.2w", "2｜週間《しゅうかん》", "2 weeks"),
    ("selfcheck.range.3m", "3か｜月《げつ》", "3 months"),
    ("selfcheck.range.6m", "6か｜月《げつ》", "6 months"),
    (
        "selfcheck.trend.none",
        "まだ ｜記録《きろく》が ありません。",
        "Nothing recorded yet.",
    ),
    (
        "selfcheck.trend.numbers",
        "｜数字《すうじ》で みる",
        "See the numbers",
    ),
    ("selfcheck.trend.day", "｜日《ひ》", "Day"),
    ("selfcheck.trend.score", "こたえ", "Answer"),
    (
        "selfcheck.trend.gaps",
        "｜線《せん》が とぎれている ところは、おくらなかった ｜日《ひ》です。",
        "A break in a line is a day without a check.",
    ),
    (
        "selfcheck.trend.up",
        "よく なってきています。",
        "It is going up.",
    ),
    (
        "selfcheck.trend.down",
        "さがってきています。",
        "It is going down.",
    ),
    (
        "selfcheck.trend.steady",
        "だいたい おなじです。",
        "It is about the same.",
    ),
    (
        "selfcheck.trend.too_few",
        "まだ ｜記録《きろく》が すくないので、｜変化《へんか》は わかりません。",
        "Too few answers yet to see a direction.",
    ),
    (
        "selfcheck.desc.answered",
        "{range}（{days}日）のうち {answered}日 ｜記録《きろく》。",
        "Checked on {answered} of {days} days ({range}). ",
    ),
    (
        "selfcheck.desc.average",
        "｜平均《へいきん》 {avg}。",
        "Average {avg}. ",
    ),
    (
        "selfcheck.desc.latest",
        "さいご {day}: {score}。",
        " Last {day}: {score}.",
    ),
    // The employer contact's page.
    (
        "selfcheck.employer.title",
        "セルフチェックの ようす",
        "Self-check trends",
    ),
    (
        "selfcheck.employer.note",
        "ご本人が同意した範囲で、点数の推移だけを表示しています（コメントは表示しません）。",
        "Shown with the person's consent: the scores' trends only (not their comments).",
    ),
    // The supporter's page.
    ("selfcheck.staff.title", "セルフチェック", "Self-check"),
    (
        "selfcheck.staff.items",
        "チェック項目（本人と一緒に選ぶ）",
        "Items (chosen with the client)",
    ),
    ("selfcheck.staff.trends", "推移", "Trends"),
    (
        "selfcheck.staff.entries",
        "記録とコメント",
        "Entries and comments",
    ),
    (
        "selfcheck.staff.no_entries",
        "この期間の記録はありません。",
        "No entries in this period.",
    ),
    ("selfcheck.staff.no_comment", "コメントなし", "No comment"),
    ("selfcheck.staff.reply", "返事", "Reply"),
    ("selfcheck.staff.send_reply", "返事を送る", "Send reply"),
    (
        "selfcheck.staff.own_label",
        "本人の項目（30文字まで）",
        "The client's own item (up to 30 characters)",
    ),
    // The supporter's home page.
    (
        "selfcheck.home.title",
        "セルフチェックで気になる方",
        "Self-check: clients to look at",
    ),
    (
        "selfcheck.alert.missed",
        "{days}日 セルフチェックがありません（最後は {last}、その前の2週間で {usual}日 記録）",
        "No self-check for {days} days (last on {last}; checked in on {usual} of the 14 days before)",
    ),
    (
        "selfcheck.alert.low_run",
        "{item}: {run}日続けて {max} 以下（前の週の平均 {previous}）",
        "{item}: {max} or lower {run} days in a row (the week before averaged {previous})",
    ),
    (
        "selfcheck.alert.drop",
        "{item}: この1週間の平均 {recent}（前の週 {previous}）",
        "{item}: this week's average {recent} (the week before {previous})",
    ),
];

#[cfg(test)]
mod tests {
    use crate::domain::selfcheck::{LIBRARY, library_label_key, library_question_key};
    use crate::i18n::Lang;

    /// The library's words are keys built from the codes: each has both languages.
    #[test]
    fn every_library_item_has_its_words() {
        for code in LIBRARY {
            for key in [library_label_key(code), library_question_key(code)] {
                for lang in [Lang::Ja, Lang::En] {
                    assert!(
                        lang.get(&key).is_some_and(|t| !t.is_empty()),
                        "{key} in {lang:?}"
                    );
                }
            }
        }
    }
}
