//! Messages for moving a client between offices: (key, 日本語, English).
pub const MESSAGES: &[(&str, &str, &str)] = &[
    ("move.title", "事業所の移動", "Move to another office"),
    (
        "move.intro",
        "利用者を法人内の別の事業所に移します。利用者の記録は1つのままで、どの事業所がいつから担当したかが残ります。移動日より前の月はもとの事業所が、移動日からは新しい事業所が請求します。同じ受給者証の同じ月を2つの事業所が請求することはできず、初期加算も1人1回です。",
        "Moves the client to another office of the organisation. The client keeps one record, and which office served them from when is kept. Months before the move are claimed by the old office, from the move on by the new one. Two offices cannot claim the same month for the same certificate, and the initial addition is once per person.",
    ),
    ("move.history", "担当事業所の履歴", "Offices so far"),
    ("move.current", "現在の事業所：", "Office now:"),
    (
        "move.none",
        "移動の記録はありません。",
        "No moves recorded.",
    ),
    ("move.from", "移動前の事業所", "From"),
    ("move.by", "記録した人", "Recorded by"),
    ("move.new", "別の事業所へ移す", "Move to another office"),
    (
        "move.no_targets",
        "移動先にできる事業所がありません（移動先の事業所の管理者である必要があります）。",
        "There is no office to move to (you must manage the office moved to).",
    ),
    ("move.submit", "移動する", "Move"),
    ("move.nav", "事業所の移動", "Move office"),
    ("field.to_office", "移動先の事業所", "Office moved to"),
    (
        "field.moved_on",
        "移動日（新しい事業所での最初の日）",
        "Moved on (first day at the new office)",
    ),
    ("field.move_note", "メモ", "Note"),
    (
        "move.err.same_office",
        "今の事業所とは別の事業所を選んでください。",
        "Choose an office other than the current one.",
    ),
    (
        "move.err.before_last_move",
        "前回の移動日より後の日にしてください。",
        "Give a day after the previous move.",
    ),
];
