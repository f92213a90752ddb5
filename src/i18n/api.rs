//! Messages of the public rules API (`web::api::api_rules`, `api.*`) and of the dated rule
//! tables it reads (`domain::rules::master`, `rules.*`): (key, 日本語, English). `{name}` is
//! replaced by a value (`Lang::fill`); parameter names stay as the client sent them.
pub const MESSAGES: &[(&str, &str, &str)] = &[
    ("api.missing", "{field} は必須です", "{field} is required"),
    (
        "api.query_unreadable",
        "クエリ文字列（query）を読み取れません",
        "The query string (query) cannot be read",
    ),
    (
        "api.unknown_parameter",
        "{name} というパラメータはありません（使えるもの: {known}）",
        "There is no parameter {name} (known ones: {known})",
    ),
    (
        "api.repeated_parameter",
        "{name} が2回以上指定されています",
        "{name} is given more than once",
    ),
    (
        "api.date_shape",
        "{field} は YYYY-MM-DD 形式の日付で指定してください（例: 2026-04-01）",
        "{field} must be a date written YYYY-MM-DD (e.g. 2026-04-01)",
    ),
    (
        "api.date_unknown",
        "{field} の {text} は存在しない日付です",
        "{field}: {text} is not a date in the calendar",
    ),
    (
        "api.date_years",
        "{field} は{from}年から{to}年までの日付で指定してください",
        "{field} must be a date in the years {from} to {to}",
    ),
    (
        "api.count_negative",
        "{field} に負の数は指定できません。0以上の整数で指定してください",
        "{field} cannot be negative: give a whole number, 0 or more",
    ),
    (
        "api.count_shape",
        "{field} は0以上の整数で指定してください",
        "{field} must be a whole number, 0 or more",
    ),
    (
        "api.count_too_large",
        "{field} が大きすぎます（{max} 以下）",
        "{field} is too large (at most {max})",
    ),
    (
        "api.code",
        "{field} は次のいずれかで指定してください: {codes}",
        "{field} must be one of: {codes}",
    ),
    (
        "api.return_before_hire",
        "return_to_work（{back}）が hire_date（{hire}）より前です",
        "return_to_work ({back}) is before hire_date ({hire})",
    ),
    (
        "api.start_too_early",
        "start_date（{start}）は利用を始められる日（{earliest}）より前です。就職（復職）から6か月が経過してから始まります",
        "start_date ({start}) is before the first day the service can start ({earliest}): it starts 6 months after the hire (or the return to work)",
    ),
    (
        "api.start_too_late",
        "start_date（{start}）は利用できる期間の最終日（{latest}）より後です",
        "start_date ({start}) is after the last day of the service period ({latest})",
    ),
    (
        "api.content_type",
        "リクエスト本文は JSON で送り、Content-Type: application/json を指定してください",
        "Send the request body as JSON, with Content-Type: application/json",
    ),
    (
        "api.body_not_json",
        "リクエスト本文（body）を JSON として読み取れません（{line}行{column}列）",
        "The request body (body) is not valid JSON (line {line}, column {column})",
    ),
    (
        "api.body_not_object",
        "リクエスト本文（body）は JSON オブジェクト（{ … }）で送ってください",
        "Send the request body (body) as a JSON object ({ … })",
    ),
    (
        "api.unknown_item",
        "{name} という項目はありません（使えるもの: {known}）",
        "There is no item {name} (known ones: {known})",
    ),
    (
        "api.date_string",
        "{field} は \"YYYY-MM-DD\" 形式の文字列で指定してください",
        "{field} must be a string written \"YYYY-MM-DD\"",
    ),
    (
        "api.body_too_large",
        "リクエスト本文（body）が大きすぎます",
        "The request body (body) is too large",
    ),
    (
        "api.body_unreadable",
        "リクエスト本文（body）を読み取れませんでした",
        "The request body (body) could not be read",
    ),
    (
        "api.prior_service_type",
        "prior_service は文字列のコード（例: \"employment_transition\"）で指定してください",
        "prior_service must be a code as a string (e.g. \"employment_transition\")",
    ),
    (
        "api.boolean",
        "{field} は true または false で指定してください",
        "{field} must be true or false",
    ),
    (
        "api.unit_price_shape",
        "unit_price は 10.90 のような数（小数点以下2桁まで）で指定してください",
        "unit_price must be a number like 10.90 (at most 2 decimals)",
    ),
    (
        "api.unit_price_decimals",
        "unit_price は小数点以下2桁までで指定してください",
        "unit_price takes at most 2 decimals",
    ),
    (
        "api.unit_price_not_positive",
        "unit_price は0より大きい値で指定してください",
        "unit_price must be more than 0",
    ),
    (
        "api.unit_price_too_high",
        "unit_price は100.00以下で指定してください（1単位あたりの円です）",
        "unit_price must be at most 100.00 (it is yen per unit)",
    ),
    (
        "api.age_max",
        "age は{max}以下で指定してください",
        "age must be at most {max}",
    ),
    (
        "api.none_served",
        "served（過去3年間の利用者数）が0のため就労定着率を計算できません。1以上を指定してください",
        "served (the users of the past 3 years) is 0, so there is no retention rate: give 1 or more",
    ),
    (
        "api.retained_exceeds_served",
        "retained（{retained}）が served（{served}）を超えています",
        "retained ({retained}) is more than served ({served})",
    ),
    (
        "api.no_tier",
        "基本報酬表に該当する区分がありません（マスタデータの誤りです）",
        "No tier of the reward table applies (the master data is wrong)",
    ),
    (
        "rules.no_reward_table",
        "{date} に適用される確認済みの基本報酬表がありません（{why}）",
        "There is no confirmed reward table for {date} ({why})",
    ),
    (
        "rules.reward_before_oldest",
        "{oldest} より前の基本報酬表は収録していません",
        "reward tables before {oldest} are not included",
    ),
    (
        "rules.reward_not_included",
        "この日付の基本報酬表は収録していません",
        "the reward table for this date is not included",
    ),
    (
        "rules.reward_r3_unconfirmed",
        "令和3年度報酬改定（2021-04-01〜2024-03-31）の基本報酬表は未確認のため収録していません",
        "the reward table of the 2021 revision (2021-04-01 to 2024-03-31) is not included: it is unconfirmed",
    ),
    (
        "rules.no_cap_table",
        "{date} に適用される確認済みの負担上限月額表がありません",
        "There is no confirmed monthly cap table for {date}",
    ),
    (
        "rules.no_cap_table_before",
        "{date} に適用される確認済みの負担上限月額表がありません（{oldest} より前の表は収録していません）",
        "There is no confirmed monthly cap table for {date} (tables before {oldest} are not included)",
    ),
];
