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
}
