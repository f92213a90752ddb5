//! Messages for the 国保連 claim files' checks (`domain::kokuho`): (key, 日本語, English).
//! `{name}` is replaced by a value; a problem about one municipality or client ends with
//! `kokuho.at_*`.
pub const MESSAGES: &[(&str, &str, &str)] = &[
    (
        "kokuho.office_number",
        "事業所番号は10桁の数字で入力してください",
        "The office number must be 10 digits",
    ),
    (
        "kokuho.processing_after_service",
        "処理対象年月はサービス提供年月より後の月にしてください",
        "The processing month must be after the service month",
    ),
    (
        "kokuho.region_code",
        "地域区分コードは01〜07または20で入力してください（{region}）",
        "The area grade code must be 01 to 07 or 20 ({region})",
    ),
    (
        "kokuho.unit_price",
        "単位数単価は0.01円から99.99円の範囲で入力してください",
        "The unit price must be from 0.01 to 99.99 yen",
    ),
    (
        "kokuho.service_kind",
        "サービス種類コードは2桁の数字で入力してください",
        "The service kind code must be 2 digits",
    ),
    (
        "kokuho.no_municipality",
        "請求する市町村がありません",
        "There is no municipality to claim from",
    ),
    (
        "kokuho.municipality_repeated",
        "市町村番号が重複しています",
        "The municipality number appears twice",
    ),
    (
        "kokuho.certificate_repeated",
        "受給者証番号が同じ市町村で重複しています",
        "The certificate number appears twice in the same municipality",
    ),
    (
        "kokuho.kana",
        "フリガナに伝送できない文字があります（{chars}）",
        "The furigana has characters that cannot be sent ({chars})",
    ),
    (
        "kokuho.service_code",
        "サービスコードは{kind}から始まる6桁の数字で入力してください（サービスコード {code}）",
        "The service code must be 6 digits starting with {kind} (service code {code})",
    ),
    (
        "kokuho.total_units",
        "給付単位数（{total}）が明細のサービス単位数の合計（{sum}）と合いません",
        "The benefit units ({total}) do not equal the sum of the lines' service units ({sum})",
    ),
    (
        "kokuho.charge_over_adjusted",
        "決定利用者負担額が上限月額調整（{yen}円）を超えています",
        "The decided user charge is more than the cap adjustment ({yen} yen)",
    ),
    (
        "kokuho.charge_equals_adjusted",
        "決定利用者負担額は上限月額調整（{yen}円）と同じにしてください",
        "The decided user charge must equal the cap adjustment ({yen} yen)",
    ),
    (
        "kokuho.result_over_adjusted",
        "管理結果額が上限月額調整（{yen}円）を超えています",
        "The result amount is more than the cap adjustment ({yen} yen)",
    ),
    (
        "kokuho.result2_adjusted",
        "管理結果2（調整なし）のとき、管理結果額は上限月額調整（{yen}円）と同じです",
        "With result 2 (no adjustment), the result amount equals the cap adjustment ({yen} yen)",
    ),
    (
        "kokuho.unmanaged_charge",
        "上限額管理がないとき、決定利用者負担額は上限月額調整（{yen}円）と同じにしてください",
        "Without cap management, the decided user charge must equal the cap adjustment ({yen} yen)",
    ),
    (
        "kokuho.result1_others",
        "管理結果1のとき、他の事業所の管理結果後利用者負担額は0円です",
        "With result 1, the other offices' charges after management are 0 yen",
    ),
    (
        "kokuho.result2_use",
        "管理結果2は利用者負担額の合計が上限月額以下で、調整しないときに使います",
        "Result 2 is for user charges that add up to no more than the cap, with no adjustment",
    ),
    (
        "kokuho.result3_use",
        "管理結果3は利用者負担額の合計が上限月額を超え、合計を上限月額に調整したときに使います",
        "Result 3 is for user charges that add up to more than the cap, adjusted down to the cap",
    ),
    (
        "kokuho.shift_jis",
        "Shift_JISで書けない文字があります（{chars}）",
        "Some characters cannot be written in Shift_JIS ({chars})",
    ),
    (
        "kokuho.at_municipality",
        "（市町村番号 {number}）",
        " (municipality {number})",
    ),
    ("kokuho.at_client", "（{name}）", " ({name})"),
    (
        "kokuho.at_certificate",
        "（受給者証番号 {number}）",
        " (certificate {number})",
    ),
    (
        "kokuho.municipality_number",
        "市町村番号は6桁の数字で入力してください",
        "The municipality number must be 6 digits",
    ),
    (
        "kokuho.municipality_check_digit",
        "市町村番号の検査数字が合いません。受給者証の番号を確認してください",
        "The municipality number's check digit does not match: check the number on the certificate",
    ),
    (
        "kokuho.no_client",
        "請求する利用者がいません",
        "There is no client to claim for",
    ),
    (
        "kokuho.name_missing",
        "氏名を入力してください",
        "Enter the name",
    ),
    (
        "kokuho.certificate_number",
        "受給者証番号は10桁の数字で入力してください",
        "The certificate number must be 10 digits",
    ),
    (
        "kokuho.birth_after_month",
        "生年月日がサービス提供年月より後になっています",
        "The date of birth is after the service month",
    ),
    (
        "kokuho.start_after_month",
        "開始年月日はサービス提供年月の末日までの日付にしてください",
        "The start date must be no later than the last day of the service month",
    ),
    (
        "kokuho.end_outside_month",
        "終了年月日はサービス提供年月の中で、開始年月日以後の日付にしてください",
        "The end date must be in the service month, on or after the start date",
    ),
    (
        "kokuho.days",
        "利用日数はその月の日数以下にしてください",
        "The days of use cannot be more than the days in the month",
    ),
    (
        "kokuho.no_lines",
        "サービスの明細がありません",
        "There are no service lines",
    ),
    (
        "kokuho.service_code_repeated",
        "サービスコードが重複しています（サービスコード {code}）",
        "The service code appears twice (service code {code})",
    ),
    (
        "kokuho.times",
        "回数は1以上で入力してください（サービスコード {code}）",
        "The count must be 1 or more (service code {code})",
    ),
    (
        "kokuho.line_units",
        "サービス単位数が単位数×回数と合いません（サービスコード {code}）",
        "The service units do not equal units × count (service code {code})",
    ),
    (
        "kokuho.total_cost",
        "総費用額は給付単位数×単位数単価の円未満を切り捨てた額（{cost}円）にしてください",
        "The total cost must be the benefit units × the unit price, rounded down to the yen ({cost} yen)",
    ),
    (
        "kokuho.ten_percent",
        "1割相当額は総費用額の1割の円未満を切り捨てた額（{ten_percent}円）にしてください",
        "The 10% amount must be 10% of the total cost, rounded down to the yen ({ten_percent} yen)",
    ),
    (
        "kokuho.cap_adjusted",
        "上限月額調整は利用者負担上限月額と1割相当額の少ない方（{adjusted}円）にしてください",
        "The cap adjustment must be the lower of the monthly cap and the 10% amount ({adjusted} yen)",
    ),
    (
        "kokuho.claim_amount",
        "請求額は総費用額から決定利用者負担額を引いた額（{claim_yen}円）にしてください",
        "The claim must be the total cost minus the decided user charge ({claim_yen} yen)",
    ),
    (
        "kokuho.charge_over_cost",
        "決定利用者負担額が総費用額を超えています",
        "The decided user charge is more than the total cost",
    ),
    (
        "kokuho.zero_cap_managed",
        "利用者負担上限月額が0円のときは上限額管理を設定しません",
        "With a monthly cap of 0 yen there is no cap management",
    ),
    (
        "kokuho.manager_number",
        "上限額管理事業所番号は10桁の数字で入力してください",
        "The cap manager's office number must be 10 digits",
    ),
    (
        "kokuho.manager_needs_result",
        "上限額管理事業所があるときは管理結果（1〜3）を入力してください",
        "With a cap manager, enter the result (1 to 3)",
    ),
    (
        "kokuho.result_needs_manager",
        "管理結果があるときは上限額管理事業所番号を入力してください",
        "With a result, enter the cap manager's office number",
    ),
    (
        "kokuho.charge_equals_result",
        "決定利用者負担額は管理結果額（{result_yen}円）と同じにしてください",
        "The decided user charge must equal the result amount ({result_yen} yen)",
    ),
    (
        "kokuho.result1_zero",
        "管理結果1（管理事業所で充当）のとき、管理結果額は0円です",
        "With result 1 (the managing office takes it all), the result amount is 0 yen",
    ),
    (
        "kokuho.result_amount_missing",
        "管理結果額を入力してください",
        "Enter the result amount",
    ),
    (
        "kokuho.result_amount_without_result",
        "管理結果がないときは管理結果額を設定しません",
        "Without a result there is no result amount",
    ),
    (
        "kokuho.sheet_missing",
        "この事業所が上限額管理事業所のときは上限額管理結果票の関係事業所を入力してください",
        "When this office manages the cap, enter the offices of the cap result sheet",
    ),
    (
        "kokuho.sheet_not_manager",
        "上限額管理結果票はこの事業所が上限額管理事業所のときだけ作成します",
        "A cap result sheet is made only when this office manages the cap",
    ),
    (
        "kokuho.sheet_empty",
        "上限額管理結果票の関係事業所がありません",
        "The cap result sheet has no offices",
    ),
    (
        "kokuho.sheet_first_row",
        "上限額管理結果票の1行目はこの事業所にしてください",
        "The first row of the cap result sheet must be this office",
    ),
    (
        "kokuho.sheet_own_amounts",
        "上限額管理結果票のこの事業所の総費用額・利用者負担額が明細書と合いません",
        "This office's total cost and user charge on the cap result sheet do not match the statement",
    ),
    (
        "kokuho.sheet_own_after",
        "上限額管理結果票のこの事業所の管理結果後利用者負担額が管理結果額と合いません",
        "This office's charge after management on the cap result sheet does not match the result amount",
    ),
    (
        "kokuho.sheet_office_number",
        "関係事業所の事業所番号は10桁の数字で入力してください（{name}）",
        "An office number on the cap result sheet must be 10 digits ({name})",
    ),
    (
        "kokuho.sheet_office_repeated",
        "関係事業所が重複しています（{name}）",
        "An office appears twice on the cap result sheet ({name})",
    ),
    (
        "kokuho.sheet_after_over_charge",
        "管理結果後利用者負担額が利用者負担額を超えています（{name}）",
        "The charge after management is more than the user charge ({name})",
    ),
    (
        "kokuho.sheet_after_over_cap",
        "管理結果後利用者負担額の合計（{after}円）が利用者負担上限月額を超えています",
        "The charges after management add up to {after} yen, more than the monthly cap",
    ),
    (
        "kokuho.decision_code",
        "決定サービスコードは6桁の数字で入力してください（{code}）",
        "The decided service code must be 6 digits ({code})",
    ),
    (
        "kokuho.contract_amount",
        "契約支給量は999.99以下で入力してください（{code}）",
        "The contracted amount must be at most 999.99 ({code})",
    ),
    (
        "kokuho.entry_number",
        "事業者記入欄番号は1〜99で入力してください（{code}）",
        "The entry number must be 1 to 99 ({code})",
    ),
    (
        "kokuho.contract_end",
        "契約終了年月日は契約開始年月日以後にしてください（{code}）",
        "The contract's end date must be on or after its start date ({code})",
    ),
];
