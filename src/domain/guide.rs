//! The public guide to the service, in our own words (facts from domain.md §4, §5 and the
//! source article's flows). These are the built-in sections; an admin can rewrite them, and
//! the saved text then replaces these.

/// (title, body). Paragraphs are separated by blank lines.
pub const DEFAULT_SECTIONS: [(&str, &str); 5] = [
    (
        "就労定着支援とは",
        "障害のある方が、一般の会社で働き始めたあとも、安心して働き続けられるように支えるサービスです。\n\n\
         職場でのミス、仕事になれないこと、上司や同僚との関係、遅刻や欠勤、生活のリズム、お金のこと、体調や薬のことなど、働くうえでの困りごとを一緒に考えます。\n\n\
         支援員が定期的にお会いしてお話を聞き、必要なときは会社の担当の方や、病院・福祉の機関とも連絡をとります（ご本人の同意があるときだけです）。",
    ),
    (
        "就労移行支援とのちがい",
        "就労移行支援は、働き始める前に、仕事に就くための練習や就職活動を支えるサービスです。\n\n\
         就労定着支援は、働き始めたあとに、その仕事を続けられるように支えるサービスです。",
    ),
    (
        "使える方・使える時期",
        "就労移行支援、就労継続支援（A型・B型）、生活介護、自立訓練を利用したあと、一般の会社に雇われた方が使えます。\n\n\
         働き始めてから最初の6か月は、それまで通っていた事業所が支えます。就労定着支援は、7か月目から使えます。\n\n\
         使える期間は最長3年です（受給者証の期間は1年ごとに更新します）。休職から復職した方も使える場合があります。",
    ),
    (
        "利用料",
        "利用料は、かかった費用の1割です。ただし、世帯の収入に応じて、1か月に払う上限が決まっています。\n\n\
         生活保護を受けている世帯・市町村民税が非課税の世帯は0円です。そのほかの世帯は、1か月9,300円または37,200円が上限です。\n\n\
         くわしい金額は、お住まいの市町村が決めます。下の「利用料金シミュレーター」で、めやすを確かめられます。",
    ),
    (
        "利用を始めるまで",
        "1. お住まいの市町村の障害福祉の窓口で、利用を申し込みます。\n\
         2. サービス等利用計画案をつくります（ご自分でつくるか、相談支援事業所に頼みます）。\n\
         3. 市町村による聞き取り（調査）があります。\n\
         4. 受給者証が届きます。\n\
         5. 事業所と契約をして、利用が始まります。\n\n\
         わからないことは、お気軽に事業所にお問い合わせください。見学もできます。",
    ),
];

/// The built-in sections in English, for a reader who switched the site to English; the
/// same facts as [`DEFAULT_SECTIONS`]. A guide an admin saved is shown as written.
pub const DEFAULT_SECTIONS_EN: [(&str, &str); 5] = [
    (
        "What is 就労定着支援 (support to keep working)?",
        "A service that helps people with disabilities keep working after they have started a job at an ordinary company.\n\n\
         We think together about what makes work hard: mistakes at work, getting used to the tasks, relationships with your boss and colleagues, being late or absent, the rhythm of daily life, money, health and medicine.\n\n\
         A supporter meets you regularly to listen, and when needed talks with the person in charge at your company, or with hospitals and welfare agencies (only when you agree).",
    ),
    (
        "How it differs from 就労移行支援 (employment transition support)",
        "Employment transition support helps before you start work: training for a job and looking for one.\n\n\
         Support to keep working helps after you have started, so that you can stay in that job.",
    ),
    (
        "Who can use it, and when",
        "People hired by an ordinary company after using employment transition support, continuous employment support (type A or B), life care or independence training.\n\n\
         For the first 6 months of work, the office you went to before supports you. Support to keep working can be used from the 7th month.\n\n\
         It can be used for up to 3 years (the certificate is renewed every year). People who return to work after leave may also be able to use it.",
    ),
    (
        "The charge",
        "You pay 10% of the cost, but there is a monthly cap that depends on your household's income.\n\n\
         Households on public assistance or exempt from municipal tax pay 0 yen. For other households the cap is 9,300 yen or 37,200 yen a month.\n\n\
         Your municipality decides the exact amount. The fee simulator below gives you an estimate.",
    ),
    (
        "Before you start",
        "1. Apply at the disability welfare desk of your municipality.\n\
         2. Make a draft service use plan (yourself, or with a consultation support office).\n\
         3. The municipality asks you some questions (an assessment).\n\
         4. You receive your certificate (受給者証).\n\
         5. You sign a contract with the office, and the service starts.\n\n\
         If anything is unclear, please ask an office. You can also visit one.",
    ),
];

#[cfg(test)]
mod tests {
    use super::*;

    #[test]
    fn sections_have_titles_and_text() {
        for (title, body) in DEFAULT_SECTIONS {
            assert!(!title.is_empty() && body.chars().count() > 40, "{title}");
        }
        // The period rules the guide states are the ones the rules use (domain.md §4).
        let text: String = DEFAULT_SECTIONS.iter().map(|(_, b)| *b).collect();
        assert!(text.contains("7か月目") && text.contains("最長3年"));
        assert!(text.contains("9,300円") && text.contains("37,200円"));
    }

    /// The English sections state the same figures.
    #[test]
    fn the_english_sections_say_the_same() {
        assert_eq!(DEFAULT_SECTIONS_EN.len(), DEFAULT_SECTIONS.len());
        let text: String = DEFAULT_SECTIONS_EN.iter().map(|(_, b)| *b).collect();
        assert!(text.contains("7th month") && text.contains("up to 3 years"));
        assert!(text.contains("9,300 yen") && text.contains("37,200 yen"));
    }
}
